package dev.avatarbot.schema.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import dev.avatarbot.schema.migration.ChangelogSource;

/**
 * A copy of schema-lib's changelog sources in a temporary directory, with revisions of a test's
 * own appended: for tests of how a kind of changeset is applied, without touching the real ones.
 */
public final class TempChangelog {

    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd"
                    logicalFilePath="revisions/%1$s.xml">
            """;

    private final Path root;

    private TempChangelog(Path root) {
        this.root = root;
    }

    /**
     * A copy of {@code src/main/resources}'s changelogs (the tests run in schema-lib's folder), under
     * {@code target/}, so that {@code mvn clean} removes it rather than each run leaving one in /tmp.
     */
    public static TempChangelog copyOfSources() {
        try {
            Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "temp-changelogs")),
                    "avatardb-changelog");
            Path from = Path.of("src/main/resources/dev/avatarbot/schema/changelog");
            Path to = root.resolve("dev/avatarbot/schema/changelog");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return new TempChangelog(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends revision {@code id}: the changesets in {@code changeSets} (XML, ids of the test's
     * choosing), then the tag.
     */
    public TempChangelog withRevision(String id, String changeSets) {
        try {
            String file = HEADER.formatted(id) + changeSets + """
                        <changeSet id="%1$s-tag" author="test">
                            <tagDatabase tag="%1$s"/>
                        </changeSet>
                    </databaseChangeLog>
                    """.formatted(id);
            Files.writeString(root.resolve(ChangelogSource.REVISIONS_DIRECTORY).resolve(id + ".xml"), file,
                    StandardCharsets.UTF_8);
            Path master = root.resolve(ChangelogSource.MASTER_CHANGELOG);
            String text = Files.readString(master, StandardCharsets.UTF_8);
            int end = text.lastIndexOf("</databaseChangeLog>");
            Files.writeString(master, text.substring(0, end) + "    <include file=\"revisions/" + id
                    + ".xml\" relativeToChangelogFile=\"true\"/>\n" + text.substring(end), StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public ChangelogSource source() {
        return ChangelogSource.directory(root);
    }
}
