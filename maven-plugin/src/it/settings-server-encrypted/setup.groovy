import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.execute(ItDatabase.adminUrl(adminUrl), """DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'avatardb_it_pw') THEN
    CREATE ROLE avatardb_it_pw LOGIN PASSWORD 'right-password';
  END IF; END \$\$""")
def url = ItDatabase.create(adminUrl, basedir).replaceAll(/\?.*/, '')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
return true
