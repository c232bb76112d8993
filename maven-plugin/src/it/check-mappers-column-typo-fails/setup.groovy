import dev.avatarbot.schema.plugin.it.ItDatabase
// check-mappers-consumer-mapper's service, with a typo in a column of its mapper.
ItDatabase.copyItSources(repositoryRoot, 'check-mappers-consumer-mapper', basedir)
def mapper = new File(basedir, 'src/main/resources/it/consumer/report/PhotoReportMapper.xml')
mapper.text = mapper.text.replace('count(p.id) AS photos', 'count(p.idd) AS photos')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
