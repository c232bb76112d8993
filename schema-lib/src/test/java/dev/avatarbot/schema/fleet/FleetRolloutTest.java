package dev.avatarbot.schema.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.fleet.TargetResult.Status;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.MigrationGuard;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** A fleet of real databases on the test server, one at head already and one with a table in the way. */
class FleetRolloutTest {

    private static final String HEAD = "20250520_initial";

    private final List<PGSimpleDataSource> databases = new ArrayList<>();

    @AfterEach
    void dropFleet() {
        databases.forEach(TestPostgres::dropDatabase);
    }

    @Test
    void canaryThenWavesStopOnFailureAndResumeAfterTheFix(@TempDir Path reports) throws Exception {
        List<FleetTarget> fleet = fleet(8);
        new SchemaMigrations(fleet.get(2).dataSource()).upgrade();
        blockUpgrade(fleet.get(5));
        FleetRollout rollout = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                new FleetRollout.Options(1, 3, false));
        Events events = new Events();

        FleetReport first = rollout.upgrade(fleet, null, events);

        assertThat(events.waves).containsExactly(List.of("t0"), List.of("t1", "t2", "t3"), List.of("t4", "t5", "t6"));
        events.assertEachWaveStartedAfterThePreviousFinished();
        assertThat(statuses(first)).containsExactly(Status.UPGRADED, Status.UPGRADED, Status.CURRENT, Status.UPGRADED,
                Status.UPGRADED, Status.FAILED, Status.UPGRADED, Status.SKIPPED);
        assertThat(first.results().get(5).error()).contains("users");
        assertThat(first.results().get(5).to()).isEqualTo("base");
        assertThat(first.results().get(0)).extracting(TargetResult::from, TargetResult::to).containsExactly("base", HEAD);
        assertThat(events.skipped).containsExactly("t7");
        assertThat(liquibaseTables(fleet.get(7))).as("a skipped target is untouched").isZero();
        for (FleetTarget target : fleet) {
            assertThat(new SchemaMigrations(target.dataSource()).lockHolder()).as(target.name() + ": Liquibase's lock released")
                    .isEmpty();
        }
        assertThat(first.failureSummary()).startsWith("1 of 8 targets failed: t5 (").endsWith("; 1 skipped");

        Path json = reports.resolve("upgrade-report.json");
        first.writeJson(json);
        List<Map<String, Object>> rows = new ObjectMapper().readValue(json.toFile(), new TypeReference<>() { });
        assertThat(rows).extracting(row -> row.get("status")).containsExactly(
                "upgraded", "upgraded", "current", "upgraded", "upgraded", "failed", "upgraded", "skipped");
        assertThat(rows.get(0).keySet()).containsExactly("name", "from", "to", "status", "seconds", "error");
        first.writeJUnit(reports.resolve("upgrade-report.xml"));
        assertThat(reports.resolve("upgrade-report.xml")).content()
                .contains("tests=\"8\"", "failures=\"1\"", "skipped=\"1\"", "<testcase classname=\"schema-fleet.upgrade\" name=\"t5\"");

        TestPostgres.execute(fleet.get(5).dataSource(), "DROP TABLE users");
        FleetReport resumed = rollout.upgrade(fleet, null, FleetListener.NONE);

        assertThat(statuses(resumed)).containsExactly(Status.CURRENT, Status.CURRENT, Status.CURRENT, Status.CURRENT,
                Status.CURRENT, Status.UPGRADED, Status.CURRENT, Status.UPGRADED);
        for (FleetTarget target : fleet) {
            assertThat(new SchemaMigrations(target.dataSource()).status().current()).contains(HEAD);
        }
    }

    @Test
    void aFailingCanaryTouchesNothingElse() {
        List<FleetTarget> fleet = fleet(4);
        blockUpgrade(fleet.get(0));

        FleetReport report = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                FleetRollout.Options.DEFAULT).upgrade(fleet, null, FleetListener.NONE);

        assertThat(statuses(report)).containsExactly(Status.FAILED, Status.SKIPPED, Status.SKIPPED, Status.SKIPPED);
        for (FleetTarget target : fleet.subList(1, 4)) {
            assertThat(liquibaseTables(target)).as(target.name() + " untouched").isZero();
        }
    }

    @Test
    void continueOnFailureStartsTheNextWavesAnyway() {
        List<FleetTarget> fleet = fleet(3);
        blockUpgrade(fleet.get(0));

        FleetReport report = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                new FleetRollout.Options(1, 4, true)).upgrade(fleet, null, FleetListener.NONE);

        assertThat(statuses(report)).containsExactly(Status.FAILED, Status.UPGRADED, Status.UPGRADED);
    }

    @Test
    void downgradeRollsEveryTargetBackAndASecondRunLeavesThemAlone() {
        List<FleetTarget> fleet = fleet(2);
        FleetRollout rollout = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                FleetRollout.Options.DEFAULT);
        rollout.upgrade(fleet, null, FleetListener.NONE);

        FleetReport down = rollout.downgrade(fleet, SchemaMigrations.BASE, FleetListener.NONE);
        FleetReport again = rollout.downgrade(fleet, SchemaMigrations.BASE, FleetListener.NONE);

        assertThat(down.results()).extracting(TargetResult::from, TargetResult::to, TargetResult::status)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(HEAD, "base", Status.DOWNGRADED));
        assertThat(statuses(again)).containsExactly(Status.CURRENT, Status.CURRENT);
    }

    @Test
    void checkNamesEachTargetsRevisionAndAnUnreachableOneWithItsReason() {
        List<FleetTarget> fleet = new ArrayList<>(fleet(2));
        new SchemaMigrations(fleet.get(0).dataSource()).upgrade();
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
        nowhere.setConnectTimeout(2);
        fleet.add(new FleetTarget("gone", nowhere));

        FleetReport report = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                FleetRollout.Options.DEFAULT).check(fleet, FleetListener.NONE);

        assertThat(report.results()).extracting(TargetResult::name, TargetResult::from, TargetResult::status,
                TargetResult::pending).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t0", HEAD, Status.CURRENT, 0),
                org.assertj.core.groups.Tuple.tuple("t1", "base", Status.BEHIND, 1),
                org.assertj.core.groups.Tuple.tuple("gone", null, Status.UNREACHABLE, null));
        assertThat(report.results().get(2).error()).containsIgnoringCase("refused")
                .contains("check its URL in the fleet file (DB_HOST and DB_PORT do not apply to fleet targets)");
        assertThat(liquibaseTables(fleet.get(1))).as("check changes nothing").isZero();
    }

    @Test
    void verifyNamesEachTargetsDriftAgainstItsOwnRevision() {
        List<FleetTarget> fleet = new ArrayList<>(fleet(3));
        new SchemaMigrations(fleet.get(0).dataSource()).upgrade();
        new SchemaMigrations(fleet.get(1).dataSource()).upgrade();
        TestPostgres.execute(fleet.get(1).dataSource(), "ALTER TABLE users ADD COLUMN by_hand int");
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
        nowhere.setConnectTimeout(2);
        fleet.add(new FleetTarget("gone", nowhere));
        List<String> scratches = Collections.synchronizedList(new ArrayList<>());

        FleetReport report = new FleetRollout(ChangelogSource.classpath(), MigrationGuard.DEFAULT,
                new FleetRollout.Options(0, 2, true)).verify(fleet, () -> {
                    PGSimpleDataSource scratch = TestPostgres.createDatabase();
                    scratches.add(scratch.getDatabaseName());
                    return new DatabaseHandle.ScratchDatabase(scratch, () -> TestPostgres.dropDatabase(scratch));
                }, FleetListener.NONE);

        assertThat(statuses(report)).containsExactly(Status.VERIFIED, Status.DRIFTED, Status.DRIFTED, Status.UNREACHABLE);
        assertThat(report.results().get(0)).extracting(TargetResult::from, TargetResult::error).containsExactly(HEAD, null);
        assertThat(report.results().get(1).error()).startsWith("1 difference(s): ").contains("by_hand");
        assertThat(report.results().get(2).error()).contains("revision " + HEAD + " is pending");
        assertThat(report.results().get(3).error()).contains("check its URL in the fleet file");
        assertThat(report.failureSummary()).startsWith("3 of 4 targets drifted or unreachable: t1 (1 difference(s): ");
        assertThat(scratches).as("one scratch database per reachable target, each dropped").hasSize(3);
        for (String name : scratches) {
            assertThat(TestPostgres.query(TestPostgres.adminDataSource(),
                    "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")).isEqualTo("0");
        }
    }

    private List<FleetTarget> fleet(int size) {
        List<FleetTarget> fleet = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            PGSimpleDataSource database = TestPostgres.createDatabase();
            databases.add(database);
            fleet.add(new FleetTarget("t" + i, database));
        }
        return fleet;
    }

    /** A table the first revision creates, already there with other columns: its upgrade fails. */
    private static void blockUpgrade(FleetTarget target) {
        TestPostgres.execute(target.dataSource(), "CREATE TABLE users (id int)");
    }

    private static int liquibaseTables(FleetTarget target) {
        return Integer.parseInt(TestPostgres.query(target.dataSource(),
                "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'databasechangelog%'"));
    }

    private static List<Status> statuses(FleetReport report) {
        return report.results().stream().map(TargetResult::status).toList();
    }

    /** The listener's calls, in the order they came. */
    private static final class Events implements FleetListener {
        final List<List<String>> waves = Collections.synchronizedList(new ArrayList<>());
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<String> skipped = List.of();

        @Override
        public void waveStarting(int wave, List<String> targets) {
            waves.add(targets);
            log.add("wave " + wave);
        }

        @Override
        public void targetFinished(TargetResult result) {
            log.add("done " + result.name());
        }

        @Override
        public void stopped(List<String> names) {
            skipped = names;
        }

        void assertEachWaveStartedAfterThePreviousFinished() {
            for (int w = 1; w < waves.size(); w++) {
                int start = log.indexOf("wave " + (w + 1));
                for (String name : waves.get(w - 1)) {
                    assertThat(log.indexOf("done " + name)).as(name + " finished before wave " + (w + 1))
                            .isLessThan(start);
                }
            }
            assertThat(log.stream().filter(e -> e.startsWith("done")).collect(Collectors.toSet())).hasSize(7);
        }
    }
}
