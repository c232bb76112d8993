import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.migration.SchemaMigrations
import org.postgresql.ds.PGSimpleDataSource
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def url = ItDatabase.create(adminUrl, basedir)
def dataSource = new PGSimpleDataSource()
dataSource.setURL(url)
new SchemaMigrations(dataSource).upgrade()
// The developer's change, by hand:
ItDatabase.execute(url, '''ALTER TABLE avatar_photos ADD COLUMN owner_id bigint;
ALTER TABLE avatar_photos ADD CONSTRAINT fk_avatar_photos_owner_id FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL''')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
return true
