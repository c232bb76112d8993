package dev.avatarbot.schema.authoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BiFunction;

import com.ibm.icu.text.Transliterator;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.SchemaMigrations;

/**
 * Writes a new revision into changelog sources: {@code revisions/<yyyyMMdd>_<slug>.xml} from a
 * template (one changeset with a rollback, then the tag) and its include at the end of the master
 * changelog. The slug is the message in lower-case ASCII (any script is transliterated, so
 * "Описание изменений" becomes {@code opisanie_izmenenij}); the message itself is kept verbatim.
 * Needs {@code com.ibm.icu:icu4j} on the class path.
 */
public final class RevisionAuthor {

    /** A revision just written: its id and file. */
    public record CreatedRevision(String id, Path file) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int MAX_SLUG_LENGTH = 60;
    private static final String END_OF_MASTER = "</databaseChangeLog>";

    private final Path resourcesRoot;

    public RevisionAuthor(Path resourcesRoot) {
        this.resourcesRoot = resourcesRoot;
    }

    public CreatedRevision create(String message, String author, LocalDate day) {
        return create(message, author, day, (id, who) -> TEMPLATE_CHANGESET.formatted(id, who, escapeXml(message.strip())));
    }

    /**
     * Writes a revision whose changesets {@code body} writes, given the revision id and the
     * author (XML-escaped); the tag is added after them.
     */
    public CreatedRevision create(String message, String author, LocalDate day, BiFunction<String, String, String> body) {
        requireMessage(message);
        Path master = resourcesRoot.resolve(ChangelogSource.MASTER_CHANGELOG);
        Path revisions = resourcesRoot.resolve(ChangelogSource.REVISIONS_DIRECTORY);
        try {
            String masterText = Files.readString(master, StandardCharsets.UTF_8);
            int end = masterText.lastIndexOf(END_OF_MASTER);
            if (end < 0) {
                throw new SchemaException.UserError(master + " does not end with " + END_OF_MASTER
                        + ": fix the master changelog by hand first.");
            }
            String id = uniqueId(day.format(DAY) + "_" + slug(message), revisions, masterText);
            Path file = revisions.resolve(id + ".xml");
            Files.createDirectories(revisions);
            String who = escapeXml(author == null || author.isBlank() ? "avatar-db" : author);
            Files.writeString(file, revision(id, message.strip(), who, body.apply(id, who)), StandardCharsets.UTF_8);
            String include = "    <include file=\"revisions/" + id + ".xml\" relativeToChangelogFile=\"true\"/>\n";
            Files.writeString(master, masterText.substring(0, end) + include + masterText.substring(end),
                    StandardCharsets.UTF_8);
            return new CreatedRevision(id, file);
        } catch (IOException e) {
            throw new SchemaException("Could not write the revision under " + resourcesRoot + ": " + e.getMessage(), e);
        }
    }

    /** The message as a file-name-safe slug: transliterated, lower case, words joined by '_'. */
    public static String slug(String message) {
        String latin = Transliterator.getInstance("Any-Latin; Latin-ASCII").transliterate(message);
        String slug = latin.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = slug.substring(0, MAX_SLUG_LENGTH).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "revision" : slug;
    }

    private static String uniqueId(String wanted, Path revisions, String masterText) {
        String id = wanted;
        for (int n = 2; Files.exists(revisions.resolve(id + ".xml")) || masterText.contains("/" + id + ".xml\""); n++) {
            id = wanted + "_" + n;
        }
        return id;
    }

    /** Fails with one line when the message is missing: a revision says what it changes. */
    public static void requireMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new SchemaException.UserError("The revision needs a message: say what it changes, e.g."
                    + " -Dschema.message=\"Add avatar style\".");
        }
    }

    private static final String TEMPLATE_CHANGESET = """
                <!-- The safe path (schema:lint checks it; the manual's page "Writing revisions"):
                     - schema:upgrade runs every changeset with lock_timeout (schema.lockTimeout, 5s) and retries it,
                       so a change waits behind a long transaction for seconds, not for ever. Applying the SQL by hand
                       (schema:sql), start each changeset with SET lock_timeout = '5s'.
                     - Indexes on existing tables: CREATE INDEX CONCURRENTLY, alone in a changeset with
                       runInTransaction="false" (below). Unique constraints: ADD CONSTRAINT ... UNIQUE USING INDEX of one.
                     - Foreign keys and checks: ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in the next changeset.
                     - NOT NULL: a validated CHECK (column IS NOT NULL) first, then SET NOT NULL.
                     - No volatile defaults (random(), gen_random_uuid(), clock_timestamp()) on ADD COLUMN, no type changes
                       that rewrite a table, no unbatched UPDATE/DELETE, no DROP or RENAME of what a released mapper uses.
                     - A rule broken on purpose: a SQL comment line "lint:allow <rule-id> <why it is safe here>". -->
                <changeSet id="%1$s-01" author="%2$s">
                    <comment>%3$s</comment>
                    <!-- Write the change here, e.g. <sql>ALTER TABLE avatars ADD COLUMN style text</sql>,
                         then replace <empty/>. One change per changeset; add more changesets above the tag. -->
                    <empty/>
                    <rollback>
                        <!-- Undo the change here, e.g. <sql>ALTER TABLE avatars DROP COLUMN style</sql> -->
                    </rollback>
                </changeSet>

                <!-- An index on an existing table, built without blocking writes:
                <changeSet id="%1$s-02" author="%2$s" runInTransaction="false">
                    <sql>CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_avatars_style ON avatars (style)</sql>
                    <rollback>
                        <sql>DROP INDEX CONCURRENTLY IF EXISTS ix_avatars_style</sql>
                    </rollback>
                </changeSet>
                -->

            """;

    private static String revision(String id, String message, String who, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog
                        xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd"
                        logicalFilePath="revisions/%1$s.xml">

                    <property name="%4$s" value="%2$s" global="false"/>

                """.formatted(id, escapeXml(message), who, SchemaMigrations.REVISION_MESSAGE_PROPERTY)
                + body
                + """
                    <changeSet id="%1$s-tag" author="%2$s">
                        <tagDatabase tag="%1$s"/>
                    </changeSet>
                </databaseChangeLog>
                """.formatted(id, who);
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
