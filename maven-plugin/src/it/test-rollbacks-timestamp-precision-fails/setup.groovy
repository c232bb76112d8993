import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def author = new RevisionAuthor(resources)
def revision = { String message, LocalDate day, String change, String rollback ->
    def file = author.create(message, 'it', day).file().toFile()
    file.text = file.text.replace('<empty/>', "<sql>${change}</sql>")
            .replace('<!-- Undo the change here, e.g. <sql>ALTER TABLE avatars DROP COLUMN style</sql> -->', "<sql>${rollback}</sql>")
}
revision('Created at in seconds', LocalDate.of(2026, 11, 24),
        'ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz(0)',
        'ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz')
// Its rollback should restore timestamptz(0), the type the previous revision left; it restores timestamptz.
revision('Created at in milliseconds', LocalDate.of(2026, 11, 25),
        'ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz(3)',
        'ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
