import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.migration.SchemaMigrations
import org.postgresql.ds.PGSimpleDataSource
def url = ItDatabase.create(adminUrl, basedir)
def dataSource = new PGSimpleDataSource()
dataSource.setURL(url)
new SchemaMigrations(dataSource).upgrade()
// By hand, behind the revisions' back:
ItDatabase.execute(url, 'ALTER TABLE users ALTER COLUMN username TYPE varchar(32)')
ItDatabase.execute(url, 'CREATE INDEX ix_avatars_name ON avatars (name)')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
return true
