import dev.avatarbot.schema.plugin.it.ItDatabase
def upgraded = ItDatabase.create(adminUrl, basedir)
ItDatabase.execute(ItDatabase.adminUrl(adminUrl), 'DROP DATABASE IF EXISTS it_sql_by_psql WITH (FORCE)')
ItDatabase.execute(ItDatabase.adminUrl(adminUrl), 'CREATE DATABASE it_sql_by_psql')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${upgraded}\n")
return true
