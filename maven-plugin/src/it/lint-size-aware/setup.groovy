import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import dev.avatarbot.schema.migration.ChangelogSource
import dev.avatarbot.schema.migration.SchemaMigrations
import org.postgresql.ds.PGSimpleDataSource
import java.time.LocalDate

def url = ItDatabase.create(adminUrl, basedir)
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def dataSource = new PGSimpleDataSource()
dataSource.setURL(url)
new SchemaMigrations(dataSource, ChangelogSource.directory(resources)).upgrade()
ItDatabase.execute(url, "INSERT INTO users (telegram_id, first_name, language_code) SELECT g, 'n', 'ru'" +
        " FROM generate_series(1, 50) g; ANALYZE users")
def revision = new RevisionAuthor(resources).create('Index usernames', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
revision.text = revision.text.replace('<empty/>', '<sql>CREATE INDEX ix_users_username ON users (username)</sql>')
ItDatabase.writeFile(basedir, 'large-stats.properties', 'users.rows=5000000\nusers.bytes=900000000\n')
return true
