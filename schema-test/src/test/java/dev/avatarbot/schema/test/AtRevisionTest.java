package dev.avatarbot.schema.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;
import dev.avatarbot.schema.migration.UnknownRevisionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Databases at a chosen revision, for a service's tests of its own migrations. */
class AtRevisionTest {

    private static final String FIRST = "20250520_initial";

    @RegisterExtension
    static SchemaDatabase empty = SchemaDatabase.atRevision(SchemaMigrations.BASE);

    @RegisterExtension
    static SchemaDatabase first = SchemaDatabase.atRevision(FIRST);

    @Test
    void baseIsAnEmptyDatabaseWithEveryRevisionPending() {
        SchemaStatus status = new SchemaMigrations(empty.dataSource()).status();
        assertThat(status.current()).isEmpty();
        assertThat(status.pending()).isEqualTo(status.declared());
    }

    @Test
    void aNamedRevisionIsAppliedUpToItselfAndTheDatabaseCanBeUpgradedFromThere() {
        SchemaMigrations migrations = new SchemaMigrations(first.dataSource());
        assertThat(migrations.status().current()).contains(FIRST);
        assertThat(migrations.upgrade().to()).isEqualTo(migrations.status().declared().get(
                migrations.status().declared().size() - 1));
    }

    @Test
    void eachExtensionGivesItsOwnDatabase() {
        assertThat(empty.databaseName()).isNotEqualTo(first.databaseName());
        assertThat(List.of(empty.jdbcUrl(), first.jdbcUrl())).allSatisfy(url -> assertThat(url).startsWith("jdbc:postgresql:"));
    }

    @Test
    void anUnknownRevisionFailsWithTheKnownOnesNamed() {
        SchemaDatabase unknown = SchemaDatabase.atRevision("20990101_nope");
        assertThatThrownBy(() -> unknown.beforeEach(null))
                .isInstanceOf(UnknownRevisionException.class)
                .hasMessageContaining("20990101_nope").hasMessageContaining(FIRST);
    }
}
