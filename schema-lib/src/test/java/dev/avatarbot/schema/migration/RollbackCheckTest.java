package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import dev.avatarbot.schema.authoring.RevisionAuthor;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class RollbackCheckTest {

    @Test
    void everyRevisionOfTheJarRollsBackCleanly() {
        PGSimpleDataSource empty = TestPostgres.createDatabase();
        try {
            assertThat(RollbackCheck.run(empty, ChangelogSource.classpath())).containsExactly("20250520_initial");
        } finally {
            TestPostgres.dropDatabase(empty);
        }
    }

    @Test
    void aRevisionWhoseRollbackLeavesAColumnBehindIsNamed(@TempDir Path resources) throws IOException {
        for (String file : new String[] {ChangelogSource.MASTER_CHANGELOG,
                ChangelogSource.REVISIONS_DIRECTORY + "/20250520_initial.xml"}) {
            Files.createDirectories(resources.resolve(file).getParent());
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
                Files.copy(in, resources.resolve(file));
            }
        }
        Path bad = new RevisionAuthor(resources).create("Add nickname", "test", LocalDate.of(2026, 11, 25)).file();
        Files.writeString(bad, Files.readString(bad)
                .replace("<empty/>", "<sql>ALTER TABLE users ADD COLUMN nickname text</sql>"));
        PGSimpleDataSource empty = TestPostgres.createDatabase();
        try {
            assertThatThrownBy(() -> RollbackCheck.run(empty, ChangelogSource.directory(resources)))
                    .isInstanceOf(SchemaException.UserError.class)
                    .hasMessageContaining("Revision 20261125_add_nickname does not roll back cleanly")
                    .hasMessageContaining("column users.nickname is not in the revisions");
        } finally {
            TestPostgres.dropDatabase(empty);
        }
    }
}
