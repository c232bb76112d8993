package dev.avatarbot.schema.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.lint.LintOptions;
import dev.avatarbot.schema.lint.SchemaLint;
import dev.avatarbot.schema.testing.TempChangelog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionAuthorTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path resources;

    private Path copyMaster() throws IOException {
        Path master = resources.resolve(ChangelogSource.MASTER_CHANGELOG);
        Files.createDirectories(master.getParent());
        try (var in = getClass().getClassLoader().getResourceAsStream(ChangelogSource.MASTER_CHANGELOG)) {
            Files.copy(in, master);
        }
        return master;
    }

    @Test
    void cyrillicMessageGetsAReadableLatinSlug() {
        assertThat(RevisionAuthor.slug("Описание изменений")).isEqualTo("opisanie_izmenenij");
        assertThat(RevisionAuthor.slug("  Add avatar style!  ")).isEqualTo("add_avatar_style");
        assertThat(RevisionAuthor.slug("???")).isEqualTo("revision");
    }

    @Test
    void createWritesTheRevisionKeepsTheMessageVerbatimAndIncludesItLast() throws IOException {
        Path master = copyMaster();
        RevisionAuthor.CreatedRevision created = new RevisionAuthor(resources)
                .create("Описание изменений <\"&'>", "anna", DAY);

        assertThat(created.id()).isEqualTo("20261125_opisanie_izmenenij");
        String revision = Files.readString(created.file(), StandardCharsets.UTF_8);
        assertThat(revision).contains("value=\"Описание изменений &lt;&quot;&amp;&apos;&gt;\"")
                .contains("<tagDatabase tag=\"20261125_opisanie_izmenenij\"/>")
                .contains("<rollback>");
        assertThat(Files.readString(master)).containsSubsequence(
                "revisions/20250520_initial.xml", "revisions/20261125_opisanie_izmenenij.xml", "</databaseChangeLog>");
    }

    @Test
    void theTemplateFollowsTheSafeRecipesAndLintsCleanAsWrittenAndFilledIn() throws IOException {
        TempChangelog changelog = TempChangelog.copyOfSources();
        RevisionAuthor.CreatedRevision created = new RevisionAuthor(changelog.root()).create("Add style", "anna", DAY);
        String template = Files.readString(created.file(), StandardCharsets.UTF_8);
        assertThat(template).contains("lock_timeout", "CREATE INDEX CONCURRENTLY", "runInTransaction=\"false\"",
                "NOT VALID", "lint:allow");
        assertThat(SchemaLint.lint(changelog.source(), LintOptions.defaults()).findings()).isEmpty();

        // Filled in as it suggests: a column, and the concurrent index example uncommented.
        String filled = template.replace("<empty/>", "<sql>ALTER TABLE avatars ADD COLUMN style text</sql>")
                .replace("<!-- An index on an existing table, built without blocking writes:", "")
                .replace("</changeSet>\n    -->", "</changeSet>");
        Files.writeString(created.file(), filled, StandardCharsets.UTF_8);
        assertThat(SchemaLint.lint(changelog.source(), LintOptions.defaults()).summary())
                .isEqualTo("2 revisions, 13 changesets: 0 errors, 0 warnings, 0 allowed.");
    }

    @Test
    void twoRevisionsWithTheSameMessageOnOneDayGetDistinctIds() throws IOException {
        copyMaster();
        RevisionAuthor author = new RevisionAuthor(resources);
        String first = author.create("Add style", "anna", DAY).id();
        String second = author.create("Add style", "anna", DAY).id();
        assertThat(first).isEqualTo("20261125_add_style");
        assertThat(second).isEqualTo("20261125_add_style_2");
    }

    @Test
    void anEmptyMessageIsRefused() throws IOException {
        copyMaster();
        assertThatThrownBy(() -> new RevisionAuthor(resources).create("  ", "anna", DAY))
                .isInstanceOf(SchemaException.UserError.class).hasMessageContaining("schema.message");
    }
}
