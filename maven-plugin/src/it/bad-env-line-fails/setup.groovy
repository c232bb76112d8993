import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.writeFile(basedir, '.env', "# the target\nDB_HOST=127.0.0.1\nDB_PASSWORD hunter2-secret\n")
return true
