import dev.avatarbot.schema.plugin.it.ItDatabase
// check-mappers-consumer-mapper's service, its <if> filtering on a column avatar_photos does not have.
ItDatabase.copyItSources(repositoryRoot, 'check-mappers-consumer-mapper', basedir)
def mapper = new File(basedir, 'src/main/resources/it/consumer/report/PhotoReportMapper.xml')
mapper.text = mapper.text.replace('AND a.status = #{status}', 'AND p.status = #{status}')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
