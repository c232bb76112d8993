import dev.avatarbot.schema.plugin.it.ItDatabase
def target = ItDatabase.create(adminUrl, basedir)
def old = ItDatabase.createOldDatabase(adminUrl, basedir, 50)
ItDatabase.writeFile(basedir, '.env', "DB_URL=${target}\nOLD_DB_URL=${old}\n")
return true
