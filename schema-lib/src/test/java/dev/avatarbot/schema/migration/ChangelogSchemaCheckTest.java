package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.testing.TempChangelog;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A status read parses the changelog without Liquibase's XML schema check (most of a long history's
 * parse time); whatever runs the changelog checks it first, so a file the schema refuses runs no
 * statement.
 */
class ChangelogSchemaCheckTest {

    /** An attribute the XML schema does not allow on a changeset, which the parser alone ignores. */
    private static final String REFUSED_BY_THE_SCHEMA = """
                <changeSet id="xsd-1" author="test" frobnicate="yes">
                    <sql>CREATE TABLE xsd_checked (id int)</sql>
                    <rollback><sql>DROP TABLE xsd_checked</sql></rollback>
                </changeSet>
            """;

    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createDatabase() {
        dataSource = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        TestPostgres.dropDatabase(dataSource);
    }

    @Test
    void statusReadsAChangelogTheSchemaRefusesAndUpgradeRefusesToRunAnyOfIt() {
        ChangelogSource changelog = TempChangelog.copyOfSources().withRevision("20261201_xsd", REFUSED_BY_THE_SCHEMA)
                .source();
        SchemaMigrations migrations = new SchemaMigrations(dataSource, changelog);

        assertThat(migrations.status().current()).isEmpty();
        assertThat(migrations.status().revisions()).extracting(Revision::id).endsWith("20261201_xsd");

        assertThatThrownBy(migrations::upgrade).isInstanceOf(SchemaException.class).hasMessageContaining("frobnicate");
        assertThat(migrations.status().current()).as("nothing ran, not even the valid first revision").isEmpty();
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .isEqualTo("0");
        assertThatThrownBy(() -> SchemaMigrations.declaredChangeSets(changelog)).hasMessageContaining("frobnicate");
    }

    @Test
    void aValidChangelogReadForItsStatusIsCheckedOnceAndThenRuns() {
        SchemaMigrations migrations = new SchemaMigrations(dataSource, ChangelogSource.classpath());

        assertThat(migrations.status().current()).isEmpty();
        assertThat(migrations.upgrade().changed()).isTrue();
        assertThat(migrations.status().isCurrent()).isTrue();
    }
}
