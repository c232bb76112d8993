import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
