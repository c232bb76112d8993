import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def file = new RevisionAuthor(resources).create('Add avatar style', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
// The change adds a column; the rollback (left empty) forgets to drop it.
file.text = file.text.replace('<empty/>', '<sql>ALTER TABLE avatars ADD COLUMN style text</sql>')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
