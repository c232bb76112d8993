package dev.avatarbot.schema.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.avatarbot.schema.authoring.RevisionAuthor;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.mappercheck.MapperSources;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Both directions of a rolling deploy on real PostgreSQL. The previous release is this build's
 * schema-lib packed as a jar; the current one is the same with one revision added.
 */
class CompatCheckTest {

    @TempDir
    Path work;

    @Test
    void anAddedNullableColumnPassesBothDirections() throws Exception {
        CompatReport report = compare("Add bio", "ALTER TABLE users ADD COLUMN bio text");
        assertThat(report.oldAppNewDb().passed()).isTrue();
        assertThat(report.newAppOldDb().passed()).isTrue();
        assertThat(CompatCheck.Require.BOTH.failedBy(report)).isFalse();
    }

    @Test
    void aRenamedColumnBreaksTheOldAppOnTheNewDatabaseAndNamesTheStep() throws Exception {
        CompatReport report = compare("Rename username", "ALTER TABLE users RENAME COLUMN username TO nickname");
        assertThat(report.oldAppNewDb().failures())
                .contains("UserMapper.findByTelegramId: column \"username\" does not exist (SQLSTATE 42703)");
        assertThat(report.newAppOldDb().passed()).isTrue(); // this build's mappers still read username
        assertThat(report.contractHints()).containsExactly("users.username renamed to nickname: add the new column"
                + " and write both in this release, drop the old one in a later release");
        assertThat(report.matrix().get(1)).matches("old app \\(1\\.0\\) +\\| same release +\\| FAILS \\(5\\)");
        assertThat(CompatCheck.Require.OLD_APP_NEW_DB.failedBy(report)).isTrue();
        assertThat(CompatCheck.Require.NONE.failedBy(report)).isFalse();
    }

    @Test
    void aDroppedColumnWithTwoCandidatesIsNoRenameByTheDiffsRule() throws Exception {
        CompatReport report = compare("Bio and nickname", "ALTER TABLE users DROP COLUMN last_name;"
                + " ALTER TABLE users ADD COLUMN bio text; ALTER TABLE users ADD COLUMN nickname text");
        assertThat(report.contractHints()).containsExactly("users.last_name dropped while the previous release's"
                + " mappers may still use it: stop using it in one release, drop it in a later release (if it was"
                + " renamed, the rename is ambiguous: users.last_name (text) was dropped while bio, nickname of that"
                + " type were added)");
    }

    @Test
    void anUnknownRequirementIsAUserError() {
        assertThatThrownBy(() -> CompatCheck.Require.parse("always")).isInstanceOf(SchemaException.UserError.class)
                .hasMessage("The compatibility requirement must be old-app-new-db, both or none, not 'always'.");
    }

    /** Previous: this build's schema-lib as a jar (1.0); current: its changelogs plus {@code sql} as a revision (1.1). */
    private CompatReport compare(String message, String sql) throws Exception {
        Path classes = Path.of(ChangelogSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = work.resolve("schema-lib-1.0.jar");
        pack(classes, jar);
        Path resources = work.resolve("resources");
        copy(classes.resolve("dev/avatarbot/schema/changelog"), resources.resolve("dev/avatarbot/schema/changelog"));
        Path revision = new RevisionAuthor(resources).create(message, "test", LocalDate.of(2026, 11, 25)).file();
        Files.writeString(revision, Files.readString(revision).replace("<empty/>", "<sql>" + sql + "</sql>"));

        PGSimpleDataSource scratch = TestPostgres.createDatabase();
        try (URLClassLoader previousResources = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return CompatCheck.run(scratch,
                    new CompatCheck.Release("1.0", ChangelogSource.jar(previousResources, "schema-lib 1.0"),
                            MapperSources.schemaLibJar(jar)),
                    new CompatCheck.Release("1.1", ChangelogSource.directory(resources), MapperSources.schemaLib()));
        } finally {
            TestPostgres.dropDatabase(scratch);
        }
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(file, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                }
            }
        }
    }
}
