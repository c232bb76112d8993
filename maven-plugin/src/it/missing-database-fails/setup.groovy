import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.urlOf(adminUrl, 'it_no_such_database')}\n")
return true
