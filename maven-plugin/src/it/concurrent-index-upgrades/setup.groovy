import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate

ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def revision = new RevisionAuthor(resources).create('Index usernames', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
revision.text = revision.text.replace('<changeSet id="20261125_index_usernames-01" author="it">',
        '<changeSet id="20261125_index_usernames-01" author="it" runInTransaction="false">')
        .replace('<empty/>', '<sql>CREATE INDEX CONCURRENTLY ix_users_username ON users (username)</sql>')
        .replaceFirst(/(?s)<rollback>.*?<\/rollback>/, '<rollback><sql>DROP INDEX CONCURRENTLY ix_users_username</sql></rollback>')
assert revision.text.contains('runInTransaction="false"')
return true
