import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate
// The repository's changelog plus two revisions of its own, so the history has more than one line.
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def author = new RevisionAuthor(new File(basedir, 'schema-lib/src/main/resources').toPath())
author.create('Add avatar style', 'it', LocalDate.of(2026, 11, 25))
author.create('Users have a bio', 'it', LocalDate.of(2026, 11, 26))
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
