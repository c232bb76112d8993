import dev.avatarbot.schema.plugin.it.ItDatabase
def url = ItDatabase.create(adminUrl, basedir)
// What an upgrade killed while it held Liquibase's lock leaves behind.
ItDatabase.execute(url, '''CREATE TABLE databasechangeloglock (id integer PRIMARY KEY, locked boolean NOT NULL,
    lockgranted timestamp, lockedby varchar(255));
    INSERT INTO databasechangeloglock VALUES (1, true, '2026-11-24 23:59:00', 'release-runner-7 (10.20.30.40)')''')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
return true
