import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.ensureLoginRoles(adminUrl)
def url = ItDatabase.create(adminUrl, basedir).replaceAll(/\?.*/, '')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
return true
