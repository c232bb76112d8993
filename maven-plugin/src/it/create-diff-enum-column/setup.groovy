import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.migration.SchemaMigrations
import org.postgresql.ds.PGSimpleDataSource
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def url = ItDatabase.create(adminUrl, basedir)
def dataSource = new PGSimpleDataSource()
dataSource.setURL(url)
new SchemaMigrations(dataSource).upgrade()
// The developer's change, by hand:
ItDatabase.execute(url, '''CREATE TYPE avatar_style AS ENUM ('photo', 'cartoon');
ALTER TABLE avatars ADD COLUMN style avatar_style''')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
return true
