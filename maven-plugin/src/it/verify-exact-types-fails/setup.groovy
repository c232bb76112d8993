import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import dev.avatarbot.schema.migration.ChangelogSource
import dev.avatarbot.schema.migration.SchemaMigrations
import org.postgresql.ds.PGSimpleDataSource
import java.time.LocalDate
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def file = new RevisionAuthor(resources).create('Styles, moods and tags', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
file.text = file.text.replace('<empty/>', '''<sql>
    CREATE TYPE avatar_style AS ENUM ('photo', 'cartoon');
    CREATE TYPE avatar_look AS ENUM ('photo', 'cartoon');
    CREATE TYPE avatar_mood AS ENUM ('calm', 'happy');
    CREATE TYPE avatar_frame AS ENUM ('round', 'square', 'none');
    CREATE TYPE avatar_size AS ENUM ('small', 'large');
    ALTER TABLE avatars ADD COLUMN style avatar_style, ADD COLUMN tags text[];
    ALTER TABLE users ADD COLUMN nickname varchar(64);
    ALTER TABLE user_balances ADD COLUMN bonus numeric(10,2)
</sql>''').replace('<!-- Undo the change here, e.g. <sql>ALTER TABLE avatars DROP COLUMN style</sql> -->', '''<sql>
    ALTER TABLE user_balances DROP COLUMN bonus;
    ALTER TABLE users DROP COLUMN nickname;
    ALTER TABLE avatars DROP COLUMN tags, DROP COLUMN style;
    DROP TYPE avatar_size; DROP TYPE avatar_frame; DROP TYPE avatar_mood; DROP TYPE avatar_look; DROP TYPE avatar_style
</sql>''')
def url = ItDatabase.create(adminUrl, basedir)
def dataSource = new PGSimpleDataSource()
dataSource.setURL(url)
new SchemaMigrations(dataSource, ChangelogSource.directory(resources)).upgrade()
// By hand, behind the revisions' back, one change of each kind:
ItDatabase.execute(url, 'ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz(0)')
ItDatabase.execute(url, 'ALTER TABLE users ALTER COLUMN nickname TYPE varchar(32)')
ItDatabase.execute(url, 'ALTER TABLE user_balances ALTER COLUMN bonus TYPE numeric(12,2)')
ItDatabase.execute(url, 'ALTER TABLE avatars ALTER COLUMN tags TYPE integer[] USING tags::integer[]')
ItDatabase.execute(url, 'ALTER TABLE avatars ALTER COLUMN style TYPE avatar_look USING style::text::avatar_look')
ItDatabase.execute(url, "ALTER TYPE avatar_mood ADD VALUE 'sad'")
ItDatabase.execute(url, "DROP TYPE avatar_frame; CREATE TYPE avatar_frame AS ENUM ('round', 'square')")
ItDatabase.execute(url, "DROP TYPE avatar_size; CREATE TYPE avatar_size AS ENUM ('large', 'small')")
ItDatabase.execute(url, 'ALTER TABLE users ALTER COLUMN id DROP IDENTITY')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
return true
