import dev.avatarbot.schema.plugin.it.ItDatabase
def url = ItDatabase.create(adminUrl, basedir)
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\nOLD_DB_URL=${url}\n")
return true
