import dev.avatarbot.schema.plugin.it.ItDatabase
// .ci/run makes the server check this role's password (scram-sha-256 in pg_hba.conf).
ItDatabase.execute(ItDatabase.adminUrl(adminUrl), """DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'avatardb_it_pw') THEN
    CREATE ROLE avatardb_it_pw LOGIN PASSWORD 'right-password';
  END IF; END \$\$""")
def url = ItDatabase.urlOf(adminUrl, 'postgres').replaceAll(/\?.*/, '')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\nDB_USER=avatardb_it_pw\nDB_PASSWORD=wrong-secret-xyz\n")
return true
