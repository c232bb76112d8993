import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate

ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def revision = new RevisionAuthor(resources).create('Traced', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
def changeSet = { String id, boolean inTransaction, String sql -> """
    <changeSet id="${id}" author="it" runInTransaction="${inTransaction}">
        <sql><![CDATA[${sql}]]></sql>
        <rollback/>
    </changeSet>
""" }
def fixtures = changeSet('seen-at', true, 'ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT now()') +
        changeSet('ix', false, 'CREATE INDEX CONCURRENTLY ix_users_username ON users (username)') +
        changeSet('name-type', true, 'ALTER TABLE avatars ALTER COLUMN name TYPE varchar')
revision.text = revision.text.replaceFirst(/(?s)<changeSet id="20261125_traced-01".*?<\/changeSet>/,
        java.util.regex.Matcher.quoteReplacement(fixtures.trim()))
return true
