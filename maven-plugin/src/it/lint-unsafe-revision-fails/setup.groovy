import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate

ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def revision = new RevisionAuthor(resources).create('Unsafe changes', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
def changeSet = { String id, String sql -> """
    <changeSet id="${id}" author="it">
        <sql><![CDATA[${sql}]]></sql>
        <rollback/>
    </changeSet>
""" }
def fixtures = changeSet('index', 'CREATE INDEX ix_users_username ON users (username)') +
        changeSet('drop-username', 'ALTER TABLE users DROP COLUMN username') +
        changeSet('allowed', "-- lint:allow set-not-null every row has a language, checked by the service\n" +
                'ALTER TABLE users ALTER COLUMN language_code SET NOT NULL') +
        changeSet('allow-without-reason', "-- lint:allow column-type-rewrite\n" +
                'ALTER TABLE avatars ALTER COLUMN name TYPE varchar(200)')
revision.text = revision.text.replaceFirst(/(?s)<changeSet id="20261125_unsafe_changes-01".*?<\/changeSet>/,
        java.util.regex.Matcher.quoteReplacement(fixtures.trim()))
return true
