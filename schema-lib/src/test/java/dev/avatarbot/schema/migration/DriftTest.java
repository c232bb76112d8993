package dev.avatarbot.schema.migration;

import static dev.avatarbot.schema.testing.TestPostgres.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** What schema:verify and schema:release-locks stand on: drift against the revisions, Liquibase's lock. */
class DriftTest {

    private PGSimpleDataSource live;

    @BeforeEach
    void createLive() {
        live = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropLive() {
        TestPostgres.dropDatabase(live);
    }

    private List<String> drift() {
        PGSimpleDataSource scratch = TestPostgres.createDatabase();
        try {
            return new SchemaMigrations(live).drift(scratch);
        } finally {
            TestPostgres.dropDatabase(scratch);
        }
    }

    @Test
    void aDatabaseAtHeadAsTheRevisionsLeftItHasNoDrift() {
        new SchemaMigrations(live).upgrade();
        assertThat(drift()).isEmpty();
    }

    @Test
    void aPendingRevisionIsReported() {
        assertThat(drift()).containsExactly("revision 20250520_initial is pending");
    }

    @Test
    void columnsIndexesAndTriggersChangedByHandAreEachNamed() {
        new SchemaMigrations(live).upgrade();
        execute(live, """
                ALTER TABLE users ALTER COLUMN last_name SET NOT NULL;
                CREATE INDEX ix_users_username ON users (username);
                DROP TRIGGER trg_avatars_updated_at ON avatars;
                ALTER TABLE avatars ADD COLUMN style text""");

        assertThat(drift()).containsExactlyInAnyOrder(
                "column users.last_name was altered: it is NOT NULL, the revisions have it nullable",
                "index ix_users_username is not in the revisions (added by hand?): CREATE INDEX ix_users_username ON users USING btree (username)",
                "trigger trg_avatars_updated_at on avatars is missing (dropped by hand?); the revisions have: CREATE TRIGGER trg_avatars_updated_at BEFORE UPDATE ON avatars FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
                "column avatars.style is not in the revisions (added by hand?): text null");
    }

    @Test
    void aChangesetEditedAfterItWasAppliedIsNamed() {
        new SchemaMigrations(live).upgrade();
        execute(live, "UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000'"
                + " WHERE id = '20250520_initial-06-indexes'");

        assertThat(drift()).containsExactly("revision 20250520_initial: changeset 20250520_initial-06-indexes"
                + " was edited after it was applied (its checksum changed)");
    }

    @Test
    void aStuckLockIsShownAndReleased() {
        SchemaMigrations migrations = new SchemaMigrations(live);
        assertThat(migrations.lockHolder()).isEmpty();
        migrations.upgrade();
        execute(live, "UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'build-42 (10.0.0.7)',"
                + " lockgranted = '2026-11-24 10:00:00'");

        assertThat(migrations.lockHolder()).hasValueSatisfying(h -> assertThat(h.lockedBy()).isEqualTo("build-42 (10.0.0.7)"));
        assertThat(migrations.releaseLock()).hasValueSatisfying(h -> {
            assertThat(h.lockedBy()).isEqualTo("build-42 (10.0.0.7)");
            assertThat(h.since().getYear()).isEqualTo(2026);
        });
        assertThat(migrations.lockHolder()).isEmpty();
        assertThat(migrations.releaseLock()).isEmpty();
    }

    @Test
    void anUpgradeFindingAStuckLockSaysHowToReleaseItInsteadOfWaiting() {
        SchemaMigrations migrations = new SchemaMigrations(live);
        migrations.upgrade();
        execute(live, "UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'killed-build', lockgranted = now()");

        assertThatThrownBy(migrations::upgrade)
                .isInstanceOf(LiquibaseLockHeldException.class)
                .hasMessageContaining("held by killed-build").hasMessageContaining("killed")
                .hasMessageNotContaining("schema:");
        migrations.releaseLock();
        migrations.downgradeTo(SchemaMigrations.BASE);
        assertThat(migrations.status().current()).isEmpty();
    }
}
