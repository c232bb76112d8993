import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def file = new RevisionAuthor(resources).create('Rename username', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
// A revision that renames a column schema-lib's UserMapper still reads and writes.
file.text = file.text.replace('<empty/>', '<sql>ALTER TABLE users RENAME COLUMN username TO nickname</sql>')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
