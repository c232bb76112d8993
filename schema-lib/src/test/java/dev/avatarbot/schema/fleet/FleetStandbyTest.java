package dev.avatarbot.schema.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.avatarbot.schema.fleet.TargetResult.Status;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.MigrationGuard;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TestPostgres;
import dev.avatarbot.schema.testing.TestStandby;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real streaming standby of the test server: a rollout waits for it to replay each target's
 * change, at most schema.fleet.maxReplicaLag, and fails the target naming the standby when it does not.
 */
class FleetStandbyTest {

    private static final String HEAD = "20250520_initial";
    private static final Duration MAX_LAG = Duration.ofSeconds(3);
    /** Room for the upgrade itself on a loaded machine; the wait is bounded by MAX_LAG. */
    private static final double GENEROUS_SECONDS = 90;

    @Test
    void aPausedStandbyFailsTheTargetNamingItAndAfterResumeTheSameRolloutPasses() throws Exception {
        PGSimpleDataSource database = TestPostgres.createDatabase();
        List<FleetTarget> fleet = List.of(new FleetTarget("primary", database));
        FleetRollout rollout = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                new FleetRollout.Options(1, 4, false, MAX_LAG));
        try (TestStandby standby = TestStandby.start(Path.of("target", "test-standbys"))) {
            PGSimpleDataSource onStandby = standby.dataSource(database.getDatabaseName());
            standby.pauseReplay();

            long start = System.nanoTime();
            FleetReport paused = rollout.upgrade(fleet, null, FleetListener.NONE);
            double took = (System.nanoTime() - start) / 1e9;

            TargetResult result = paused.results().get(0);
            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.error()).contains("Standby " + standby.applicationName() + " at 127.0.0.1 (replay lag ")
                    .contains("maxReplicaLag=3s");
            assertThat(result).extracting(TargetResult::from, TargetResult::to).as("the primary did change")
                    .containsExactly("base", HEAD);
            assertThat(result.seconds()).as("it waited for the standby").isGreaterThanOrEqualTo(MAX_LAG.toSeconds());
            assertThat(took).as("and no longer than maxReplicaLag plus the upgrade").isLessThan(GENEROUS_SECONDS);
            assertThat(changelogTables(onStandby)).as("replay is paused: the standby has not the change").isZero();

            standby.resumeReplay();
            FleetReport resumed = rollout.upgrade(fleet, null, FleetListener.NONE);

            assertThat(resumed.results()).extracting(TargetResult::status, TargetResult::error)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.CURRENT, null));
            assertThat(new SchemaMigrations(onStandby).status().current()).as("the standby's revision").contains(HEAD);
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    @Test
    void withoutAStandbyNothingWaitsAndZeroTurnsTheWaitOff() {
        PGSimpleDataSource database = TestPostgres.createDatabase();
        try {
            Standbys.awaitReplay(database, Duration.ZERO);
            FleetReport report = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                    FleetRollout.Options.DEFAULT)
                    .upgrade(List.of(new FleetTarget("alone", database)), null, FleetListener.NONE);
            assertThat(report.results()).extracting(TargetResult::status).containsExactly(Status.UPGRADED);
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    private static int changelogTables(PGSimpleDataSource dataSource) {
        return Integer.parseInt(TestPostgres.query(dataSource,
                "SELECT count(*) FROM pg_tables WHERE tablename = 'databasechangelog'"));
    }
}
