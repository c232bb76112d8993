import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate

// One fixture changeset per rule that lint-unsafe-revision-fails does not already cover.
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def revision = new RevisionAuthor(resources).create('Each rule', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
def changeSet = { String id, String sql, boolean inTransaction = true -> """
    <changeSet id="${id}" author="it"${inTransaction ? '' : ' runInTransaction="false"'}>
        <sql><![CDATA[${sql}]]></sql>
        <rollback/>
    </changeSet>
""" }
def fixtures = changeSet('check', 'ALTER TABLE avatars ADD CONSTRAINT ck_avatars_name CHECK (length(name) > 0)') +
        changeSet('foreign-key', 'ALTER TABLE avatar_photos ADD CONSTRAINT fk_x FOREIGN KEY (avatar_id) REFERENCES avatars (id)') +
        changeSet('not-null', 'ALTER TABLE users ALTER COLUMN username SET NOT NULL') +
        changeSet('volatile', 'ALTER TABLE avatars ADD COLUMN token uuid DEFAULT gen_random_uuid()') +
        changeSet('unique', 'ALTER TABLE users ADD CONSTRAINT uq_users_username UNIQUE (username)') +
        changeSet('backfill', 'UPDATE users SET is_premium = false WHERE is_premium IS NULL') +
        changeSet('autocommit-backfill', 'DELETE FROM avatars WHERE is_draft', false) +
        changeSet('two-indexes', 'CREATE INDEX CONCURRENTLY ix_users_username ON users (username);' +
                ' CREATE INDEX CONCURRENTLY ix_avatars_name ON avatars (name)', false)
revision.text = revision.text.replaceFirst(/(?s)<changeSet id="20261125_each_rule-01".*?<\/changeSet>/,
        java.util.regex.Matcher.quoteReplacement(fixtures.trim()))
return true
