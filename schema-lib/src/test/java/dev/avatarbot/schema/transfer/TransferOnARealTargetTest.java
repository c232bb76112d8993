package dev.avatarbot.schema.transfer;

import static dev.avatarbot.schema.testing.TestPostgres.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.avatarbot.schema.catalog.CatalogSnapshot;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.LockTimeoutException;
import dev.avatarbot.schema.migration.MigrationGuard;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The transfer on a target as it is in production: a session holding a table, a service connected
 * and writing, a dry run that must write nothing, a rerun after go-live, a connection pool.
 */
class TransferOnARealTargetTest {

    private static final List<String> TABLES = List.of("users", "user_balances", "user_states", "avatars", "avatar_photos");
    private static final int USERS = 300;
    private static final MigrationGuard QUICK = new MigrationGuard(Duration.ofMillis(300), 1, null);

    @TempDir
    Path rejects;

    private final TransferDatabases databases = new TransferDatabases();

    @AfterEach
    void dropDatabases() {
        databases.dropAll();
    }

    private PGSimpleDataSource database() {
        return databases.database();
    }

    private PGSimpleDataSource oldDatabase() {
        return databases.oldDatabase(USERS);
    }

    private PGSimpleDataSource targetAtHead() {
        return databases.targetAtHead();
    }

    private TransferOptions options() {
        return TransferOptions.defaults(rejects).withBatchSize(400).withGuard(QUICK);
    }

    private static TransferReport transfer(DataSource source, DataSource target, TransferOptions options) {
        return transfer(source, target, options, TransferListener.NONE);
    }

    private static TransferReport transfer(DataSource source, DataSource target, TransferOptions options,
                                           TransferListener listener) {
        return new DataTransfer(source, target, options, listener).run();
    }

    private static String query(DataSource dataSource, String sql) {
        return TestPostgres.query(dataSource, sql);
    }

    /** A session of its own on {@code database}, named like a service. */
    private static Connection session(DataSource database, String applicationName) throws SQLException {
        Connection connection = database.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = '" + applicationName + "'");
        }
        return connection;
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    @Test
    void aLockHolderOnTheTargetFailsTheTransferInBoundedTimeNamingItsPidThenItCompletes() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        TransferOptions live = options().withLive(true);
        try (Connection holder = session(target, "nightly-report")) {
            int holderPid = pid(holder);
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                // A share lock (a CREATE INDEX, a LOCK TABLE): no row can go into avatars while it is held.
                statement.execute("LOCK TABLE avatars IN SHARE MODE");
            }
            long started = System.nanoTime();
            assertThatThrownBy(() -> transfer(old, target, live))
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageStartingWith("Loading avatars got no lock within 1100ms in 1 attempt; blocked by pid "
                            + holderPid + " (user ")
                    .hasMessageContaining("application_name 'nightly-report', idle in transaction since ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("LOCK TABLE"));
            // lockTimeout 300ms × 2 tries + the 500ms pause: 1.1s of waiting, plus the users' load before it.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            holder.commit();
        }
        assertThat(query(target, "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                + " WHERE l.locktype = 'advisory' AND d.datname = current_database()")).isEqualTo("0");

        TransferReport again = transfer(old, target, live);

        assertThat(again.mismatches()).isEmpty();
        assertThat(query(target, "SELECT count(*) FROM avatar_photos")).isEqualTo(String.valueOf(10 * USERS));
    }

    @Test
    void withTheQueryShownTheBlockersQueryIsNamedToo() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        try (Connection holder = session(target, "nightly-report")) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE users IN SHARE MODE");
            }
            assertThatThrownBy(() -> transfer(old, target, options().withLive(true).withGuard(QUICK.withBlockerQuery(true))))
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("idle in transaction since ")
                    .hasMessageContaining("): LOCK TABLE users IN SHARE MODE");
            holder.rollback();
        }
    }

    @Test
    void aServiceConnectedToTheTargetIsRefusedBeforeAnythingIsTouchedNamingIt() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        Files.writeString(rejects.resolve("users.rejects.csv"), "key,reason\n");
        try (Connection service = session(target, "avatar-bot")) {
            int servicePid = pid(service);

            assertThatThrownBy(() -> transfer(old, target, options()))
                    .isInstanceOf(SchemaException.UserError.class)
                    .hasMessageStartingWith("The target is in use: pid " + servicePid + " (user ")
                    .hasMessageContaining("application_name 'avatar-bot', client ")
                    .hasMessageContaining("Stop the service and run the transfer again, or transfer into the live"
                            + " target with -Dschema.transfer.live=true");
        }
        // Not a reject file renamed, not a key taken down, not a row.
        try (Stream<Path> files = Files.list(rejects)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("users.rejects.csv");
        }
        assertThat(CatalogSnapshot.read(target)).isEqualTo(CatalogSnapshot.read(targetAtHead()));
        for (String table : TABLES) {
            assertThat(query(target, "SELECT count(*) FROM " + table)).as(table).isEqualTo("0");
        }
    }

    @Test
    void aLiveTransferKeepsEveryKeyUpAndNeverTouchesNorReportsTheServicesRows() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        String headCatalog = CatalogSnapshot.read(target).toString();
        AtomicBoolean keysDown = new AtomicBoolean();
        AtomicBoolean serviceWrote = new AtomicBoolean();
        try (Connection service = session(target, "avatar-bot"); Statement bot = service.createStatement()) {
            // Signed up before the transfer, with an id the old database has too.
            bot.execute("INSERT INTO users (id, telegram_id, first_name, language_code) VALUES (1, 4242, 'Service one', 'en')");
            TransferListener watching = new TransferListener() {
                @Override
                public void batchDone(String table, long done) {
                    if (!CatalogSnapshot.read(target).toString().equals(headCatalog)) {
                        keysDown.set(true);
                    }
                    if (table.equals("users") && !serviceWrote.getAndSet(true)) {
                        // While the transfer runs, once the users are in: a rename of a transferred user, a new
                        // user, a new balance (before the balances move).
                        execute(target, "UPDATE users SET first_name = 'Renamed by the bot' WHERE id = 2;"
                                + " INSERT INTO users (id, telegram_id, first_name, language_code)"
                                + " VALUES (7777, 77770000, 'New', 'en');"
                                + " INSERT INTO user_balances (user_id, coins) VALUES (7777, 5)");
                    }
                }
            };

            TransferReport report = new DataTransfer(old, target, options().withLive(true), watching).run();

            assertThat(keysDown).isFalse();
            assertThat(serviceWrote).isTrue();
            assertThat(report.mismatches()).isEmpty();
            assertThat(query(target, "SELECT first_name FROM users WHERE id = 1")).isEqualTo("Service one");
            assertThat(query(target, "SELECT first_name FROM users WHERE id = 2")).isEqualTo("Renamed by the bot");
            assertThat(query(target, "SELECT count(*) FROM users WHERE id = 7777")).isEqualTo("1");
            assertThat(query(target, "SELECT count(*) FROM users")).isEqualTo(String.valueOf(USERS + 1));
            assertThat(report.tables()).extracting(TableResult::leftAlone).containsExactly(3L, 1L, 0L, 0L, 0L);
        }
        assertThat(CatalogSnapshot.read(target)).isEqualTo(CatalogSnapshot.read(targetAtHead()));
    }

    /** n_tup_ins of a table, once the statistics the transfer's sessions sent have arrived. */
    private static long inserted(DataSource target, String table) {
        return Long.parseLong(query(target, "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relid = to_regclass('"
                + table + "')"));
    }

    @Test
    void aDryRunWritesNoRowIntoTheTargetsTablesYetNamesTheSameRejects() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        execute(old, """
                INSERT INTO user_balances VALUES (9999, 1, -1, now(), now());
                INSERT INTO users VALUES (5, 5550000005, 'Second five', NULL, NULL, 'en', false, now(), now());
                INSERT INTO avatars VALUES ('00000000-0000-0000-0000-000000000101', 999, 'Orphan', 'male', 'ready',
                    false, '{}', now(), now())""");
        PGSimpleDataSource real = targetAtHead();
        transfer(old, real, options());
        List<String> realRejects = new ArrayList<>();
        for (String table : TABLES) {
            realRejects.addAll(lines(rejects.resolve(table + ".rejects.csv")));
        }
        PGSimpleDataSource target = targetAtHead();

        TransferReport dry = transfer(old, target, options().withDryRun(true));

        List<String> dryRejects = new ArrayList<>();
        for (String table : TABLES) {
            dryRejects.addAll(lines(rejects.resolve(table + ".rejects.csv")));
        }
        assertThat(dry.rejected()).isEqualTo(3);
        assertThat(dryRejects).containsExactlyInAnyOrderElementsOf(realRejects).hasSize(3 + 3);
        // A real run afterwards: its own inserts arrive in the statistics, and nothing besides them.
        transfer(old, target, options());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (inserted(target, "avatar_photos") < 10L * USERS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1500);
        assertThat(inserted(target, "users")).isEqualTo(USERS + 1);
        assertThat(inserted(target, "avatar_photos")).isEqualTo(10L * USERS);
        assertThat(inserted(target, "user_states")).isEqualTo(USERS);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void aRerunAfterGoLiveLeavesTheRowsTheServiceChangedAndCountsThem() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        transfer(old, target, options());
        // Go-live: the bot changes a balance and a name, and signs a user up.
        execute(target, "UPDATE user_balances SET coins = 424242 WHERE user_id = 3;"
                + " UPDATE users SET first_name = 'Renamed' WHERE id = 4;"
                + " INSERT INTO users (telegram_id, first_name, language_code) VALUES (88880000, 'Signed up', 'en')");
        // Meanwhile the old database still changed a row the service did not touch.
        execute(old, "UPDATE users SET first_name = 'Changed in the old database', updated_at = now() WHERE id = 5");

        TransferReport rerun = transfer(old, target, options());

        assertThat(rerun.mismatches()).isEmpty();
        assertThat(query(target, "SELECT coins FROM user_balances WHERE user_id = 3")).isEqualTo("424242");
        assertThat(query(target, "SELECT first_name FROM users WHERE id = 4")).isEqualTo("Renamed");
        assertThat(query(target, "SELECT first_name FROM users WHERE telegram_id = 88880000")).isEqualTo("Signed up");
        assertThat(query(target, "SELECT first_name FROM users WHERE id = 5")).isEqualTo("Changed in the old database");
        assertThat(rerun.tables()).extracting(TableResult::leftAlone).containsExactly(2L, 1L, 0L, 0L, 0L);
        assertThat(rerun.tables().get(0).updated()).isEqualTo(1);
        assertThat(rerun.summaryLines().get(0)).contains("left alone");
    }

    /**
     * The old database changed rows after the transfer without touching their updated_at (it has no
     * trigger), one of them with a null updated_at: the rerun merges them, and they keep the source's
     * stamp (not the trigger's now()), so the verification matches, the summary counts no row as the
     * service's and the run after changes nothing; a row the service changes later is still left alone.
     */
    @Test
    void aRerunMergesTheOldDatabasesChangesWithTheirOwnStampsNotAsTheServicesRows() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "UPDATE users SET updated_at = NULL WHERE id = 6");
        PGSimpleDataSource target = targetAtHead();
        transfer(old, target, options());
        execute(old, "UPDATE users SET first_name = 'Changed, same stamp' WHERE id IN (5, 6);"
                + " UPDATE user_balances SET coins = 4242 WHERE user_id = 5");
        String stamps = "SELECT string_agg(CAST(updated_at AS text), ',' ORDER BY id) FROM users WHERE id IN (5, 6)";
        String stampsBefore = query(target, stamps);

        TransferReport rerun = transfer(old, target, options());

        assertThat(rerun.mismatches()).isEmpty();
        assertThat(rerun.tables()).extracting(TableResult::leftAlone).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(rerun.tables()).extracting(TableResult::updated).containsExactly(2L, 1L, 0L, 0L, 0L);
        assertThat(query(target, "SELECT string_agg(first_name, ',' ORDER BY id) FROM users WHERE id IN (5, 6)"))
                .isEqualTo("Changed, same stamp,Changed, same stamp");
        assertThat(query(target, stamps)).isEqualTo(stampsBefore);

        TransferReport third = transfer(old, target, options());

        assertThat(third.mismatches()).isEmpty();
        assertThat(third.tables()).allSatisfy(t -> assertThat(t.updated() + t.leftAlone()).as(t.table()).isZero());
        // The service's own change is still stamped by the trigger, and left alone.
        execute(target, "UPDATE users SET first_name = 'By the bot' WHERE id = 5");

        TransferReport fourth = transfer(old, target, options());

        assertThat(fourth.mismatches()).isEmpty();
        assertThat(query(target, "SELECT first_name FROM users WHERE id = 5")).isEqualTo("By the bot");
        assertThat(fourth.tables()).extracting(TableResult::leftAlone).containsExactly(1L, 0L, 0L, 0L, 0L);
    }

    /**
     * A rerun killed after it merged a row the old database changed (without restamping it): the row
     * is the transfer's, so the run that finishes the work neither leaves it alone as the service's
     * nor counts it.
     */
    @Test
    void aRerunKilledAfterItMergedARowLeavesItTheTransfersForTheNextRun() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        transfer(old, target, options());
        execute(old, "UPDATE users SET first_name = 'Changed, same stamp' WHERE id = 5");
        AtomicBoolean killed = new AtomicBoolean();
        TransferListener killer = new TransferListener() {
            @Override
            public void tableDone(TableResult result) {
                if (result.table().equals("users") && !killed.getAndSet(true)) {
                    DataTransferTest.killConnectionsTo(target);
                    throw new IllegalStateException("killed after users");
                }
            }
        };
        assertThatThrownBy(() -> new DataTransfer(old, target, options(), killer).run());
        assertThat(killed).isTrue();
        assertThat(query(target, "SELECT first_name FROM users WHERE id = 5")).isEqualTo("Changed, same stamp");

        TransferReport finishing = transfer(old, target, options());

        assertThat(finishing.mismatches()).isEmpty();
        assertThat(finishing.tables()).extracting(TableResult::leftAlone).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(query(target, "SELECT count(*) FROM users u WHERE id = 5 AND updated_at < (SELECT min(finished_at)"
                + " FROM avatar_db_transfer_history)")).isEqualTo("1");
    }

    /** Live, after a finished transfer: the rows the rerun merged are the transfer's, not counted as the service's. */
    @Test
    void liveARerunsMergedRowsAreNotCountedAsTheServices() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "UPDATE users SET updated_at = NULL WHERE id = 6");
        PGSimpleDataSource target = targetAtHead();
        transfer(old, target, options());
        execute(old, "UPDATE users SET first_name = 'Changed, same stamp' WHERE id IN (5, 6)");

        TransferReport live = transfer(old, target, options().withLive(true));

        assertThat(live.mismatches()).isEmpty();
        assertThat(live.tables()).extracting(TableResult::updated).containsExactly(2L, 0L, 0L, 0L, 0L);
        assertThat(live.tables()).extracting(TableResult::leftAlone).containsExactly(0L, 0L, 0L, 0L, 0L);
        TransferReport after = transfer(old, target, options().withLive(true));
        assertThat(after.tables()).allSatisfy(t -> assertThat(t.updated() + t.leftAlone()).as(t.table()).isZero());
    }

    /**
     * A source at an older layout, without created_at/updated_at in users: the target's rows take the
     * one fixed time that a null takes (not each batch's now()), so live they are not the service's,
     * and a rerun over a row the old database changed neither counts it as the service's nor leaves
     * it to the service for good.
     */
    @Test
    void aSourceWithoutTimestampColumnsGetsTheFixedTimeSoLiveAndRerunsAreNotTheServices() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "ALTER TABLE users DROP COLUMN created_at, DROP COLUMN updated_at");
        PGSimpleDataSource target = targetAtHead();

        TransferReport live = transfer(old, target, options().withLive(true));

        assertThat(live.mismatches()).isEmpty();
        assertThat(live.tables()).extracting(TableResult::leftAlone).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(query(target, "SELECT count(DISTINCT created_at) || ',' || count(DISTINCT updated_at) FROM users"))
                .isEqualTo("1,1");
        assertThat(query(target, "SELECT count(*) FROM users WHERE updated_at = (SELECT null_timestamps_as FROM"
                + " avatar_db_transfer_history)")).isEqualTo(String.valueOf(USERS));
        execute(old, "UPDATE users SET first_name = 'Changed in the old database' WHERE id = 5");

        TransferReport rerun = transfer(old, target, options());

        assertThat(rerun.mismatches()).isEmpty();
        assertThat(rerun.tables()).extracting(TableResult::updated).containsExactly(1L, 0L, 0L, 0L, 0L);
        assertThat(rerun.tables()).extracting(TableResult::leftAlone).containsExactly(0L, 0L, 0L, 0L, 0L);
        TransferReport after = transfer(old, target, options());
        assertThat(after.tables()).allSatisfy(t -> assertThat(t.updated() + t.leftAlone()).as(t.table()).isZero());
    }

    /**
     * Issue 19, item 5, on a table a synchronized scan would join mid-way: users larger than a quarter
     * of the server's shared_buffers (sized from {@code SHOW shared_buffers}, wide rows to keep them
     * few), a row that refuses the first batch after its COPY wrote rows, an id twin early in the
     * second batch and twins at the end (of an id, of a telegram_id, and entangled: a row rejected for
     * a telegram_id leaves its id to a later twin). Another session scans the table all the while, as
     * a report would, and a vacuum after the refused batch lets later rows take its dead rows' space.
     * Every run (jobs 1, 2 and 4, batches of 1000 and 20000, binary and text, real and dry) keeps the
     * same rows and rejects the same. It fails with a scan that starts where the report stopped
     * ({@code synchronize_seqscans} on: 6 rejects, not 5, before the early twin was added) and with
     * ties broken by {@code ctid} (the text run keeps the early twin of 3).
     */
    @Test
    void onATableLargerThanAQuarterOfSharedBuffersTheKeptTwinsDependOnTheSourceAlone() throws Exception {
        PGSimpleDataSource old = database();
        OldDatabase.createTables(old);
        long quarter = Long.parseLong(query(old, "SELECT setting::bigint * current_setting('block_size')::bigint / 4"
                + " FROM pg_settings WHERE name = 'shared_buffers'"));
        // The first batch's straight COPY writes rows, then meets a null first_name: its dead rows are
        // before every row kept. An id twin follows early in the second batch, where a vacuum's free
        // space takes it before the row it repeats.
        addWideUsers(old, 1, 900);
        execute(old, "INSERT INTO users VALUES (0, 5550000000, NULL, NULL, NULL, 'en', false, now(), now())");
        addWideUsers(old, 901, 1030);
        execute(old, "INSERT INTO users VALUES (3, 5550000003, 'Early twin of 3', NULL, NULL, 'en', false, now(), now())");
        long users = 1030;
        while (Long.parseLong(query(old, "SELECT pg_relation_size('users')")) <= quarter + quarter / 10) {
            addWideUsers(old, users + 1, users + 5000);
            users += 5000;
        }
        execute(old, """
                INSERT INTO users VALUES (5, 5550000005, 'Second five', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (900005, 3000000007, 'Telegram twin of 7', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (900011, 3000000011, 'Telegram twin of 11', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (900011, 5550000011, 'Keeps 900011', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (5, 5550000006, 'Third five', NULL, NULL, 'en', false, now(), now())""");
        PGSimpleDataSource head = targetAtHead();
        PGSimpleDataSource baseline = databases.copyOf(head);
        reportStoppedHalfWay(old, users);
        TransferReport first = transfer(old, baseline, options().withJobs(1).withBatchSize(1000),
                vacuumAfterTheFirstBatch(baseline));
        List<String> expected = outcome(baseline, true);
        assertThat(first.mismatches()).isEmpty();
        assertThat(first.rejected()).isEqualTo(1 + 1 + 2 + 1 + 1);
        assertThat(query(baseline, "SELECT left(first_name, 5) FROM users WHERE id = 3")).isEqualTo("Имя 3");
        assertThat(query(baseline, "SELECT left(first_name, 5) FROM users WHERE id = 5")).isEqualTo("Имя 5");
        assertThat(query(baseline, "SELECT first_name FROM users WHERE id = 900011")).isEqualTo("Keeps 900011");
        assertThat(query(baseline, "SELECT count(*) FROM users WHERE id = 900005")).isEqualTo("0");

        record Run(int jobs, int batchSize, boolean text, boolean dryRun) {
        }
        for (Run run : List.of(new Run(4, 20_000, false, false), new Run(2, 1000, true, false),
                new Run(1, 1000, false, true), new Run(4, 20_000, true, true))) {
            PGSimpleDataSource target = databases.copyOf(head);
            // Verified once, by the first run: here the kept rows are the point.
            TransferOptions options = options().withJobs(run.jobs()).withBatchSize(run.batchSize())
                    .withDryRun(run.dryRun()).withVerify(false);
            if (run.text()) {
                options = options.withSelects(java.util.Map.of("users", "SELECT CAST(id AS integer) AS id, telegram_id,"
                        + " first_name, last_name, username, language_code, is_premium, created_at, updated_at"
                        + " FROM users"));
            }
            reportStoppedHalfWay(old, users);
            TransferReport report2 = transfer(old, target, options, vacuumAfterTheFirstBatch(target));
            assertThat(report2.rejected()).as(run.toString()).isEqualTo(first.rejected());
            assertThat(outcome(target, !run.dryRun())).as(run.toString()).isEqualTo(run.dryRun()
                    ? expected.stream().filter(l -> !l.contains(" rows: ")).toList() : expected);
            databases.drop(target);
        }
    }

    /** Users {@code from} to {@code to}, wide (about 1 kB each: few rows fill the table's pages). */
    private static void addWideUsers(DataSource old, long from, long to) {
        execute(old, ("INSERT INTO users SELECT g, 3000000000 + g, 'Имя ' || g || repeat('f', 240), repeat('l', 255),"
                + " repeat('u', 255), 'en', false, timestamptz '2025-01-01 00:00+00', timestamptz '2025-02-01 00:00+00'"
                + " FROM generate_series(%d, %d) g").formatted(from, to));
    }

    /**
     * Autovacuum's visit after the refused first batch, on a connection of its own: the space of
     * the batch's dead rows goes into the free space map, and later batches fill it, so that the
     * twins at the end lie before the rows they repeat (a tie broken by {@code ctid} keeps the twins).
     */
    private static TransferListener vacuumAfterTheFirstBatch(DataSource target) {
        AtomicBoolean vacuumed = new AtomicBoolean();
        return new TransferListener() {
            @Override
            public void batchDone(String table, long done) {
                if (table.equals("users") && !vacuumed.getAndSet(true)) {
                    execute(target, "VACUUM users");
                }
            }
        };
    }

    /**
     * A report's scan of users that stops half-way (a LIMIT): the server keeps where it stopped, and
     * a synchronized scan of a table that large would start there, reading the twins at the end first.
     */
    private static void reportStoppedHalfWay(DataSource old, long users) {
        query(old, "SELECT count(*) FROM (SELECT 1 FROM users LIMIT " + users / 2 + ") half");
    }

    @Test
    void nullTimestampsTakeTheFirstRunsOneStampSoTheVerificationPassesAndARerunLeavesThemAlone() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "UPDATE users SET created_at = NULL, updated_at = NULL WHERE id <= 10;"
                + " UPDATE avatar_photos SET updated_at = NULL WHERE \"order\" = 0");
        PGSimpleDataSource target = targetAtHead();

        TransferReport first = transfer(old, target, options());

        assertThat(first.mismatches()).isEmpty();
        // One stamp for the whole run, recorded: the time the run started.
        assertThat(query(target, "SELECT count(DISTINCT created_at) || ',' || count(DISTINCT updated_at) FROM users"
                + " WHERE id <= 10")).isEqualTo("1,1");
        assertThat(query(target, "SELECT count(*) FROM users u, avatar_photos p WHERE u.id = 1 AND p.\"order\" = 0"
                + " AND p.updated_at <> u.updated_at")).isEqualTo("0");
        assertThat(query(target, "SELECT count(*) FROM users WHERE id = 1 AND updated_at = (SELECT null_timestamps_as FROM"
                + " avatar_db_transfer_history) AND updated_at < (SELECT finished_at FROM avatar_db_transfer_history)"))
                .isEqualTo("1");
        String before = query(target, "SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM users u");

        TransferReport rerun = transfer(old, target, options());

        assertThat(rerun.mismatches()).isEmpty();
        assertThat(rerun.tables()).allSatisfy(t -> assertThat(t.updated()).as(t.table()).isZero());
        assertThat(rerun.tables()).allSatisfy(t -> assertThat(t.leftAlone()).as(t.table()).isZero());
        assertThat(query(target, "SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM users u")).isEqualTo(before);
    }

    @Test
    void liveTheTransfersOwnRowsWithNullTimestampsAreNotCountedAsTheServices() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "UPDATE users SET updated_at = NULL WHERE id <= 10; UPDATE user_balances SET updated_at = NULL");
        PGSimpleDataSource target = targetAtHead();

        TransferReport live = transfer(old, target, options().withLive(true));

        assertThat(live.mismatches()).isEmpty();
        assertThat(live.tables()).extracting(TableResult::leftAlone).containsExactly(0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void aRowTakenOutSetBasedIsWrittenToTheRejectFileAsTheSourceHadItNotWithTheTargetsDefaults() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        // Orphans with nulls where the target has defaults: loaded (defaults applied), then taken out set-based.
        execute(old, "INSERT INTO user_balances VALUES (9001, 99999, NULL, NULL, NULL);"
                + " INSERT INTO users VALUES (7, 3000000999, 'Second seven', NULL, NULL, 'en', NULL, NULL, NULL)");
        PGSimpleDataSource target = targetAtHead();

        transfer(old, target, options().withJobs(1));

        assertThat(lines(rejects.resolve("user_balances.rejects.csv")))
                .containsExactly("key,reason,id,user_id,coins,created_at,updated_at",
                        "9001,orphan: user_id 99999 is not in users,9001,99999,,,");
        assertThat(lines(rejects.resolve("users.rejects.csv"))).hasSize(2).last().asString()
                .isEqualTo("7,id 7 appears more than once in the source,7,3000000999,Second seven,,,en,,,");
    }

    private static HikariDataSource pool(PGSimpleDataSource database) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static String advisoryLocks(DataSource target) {
        return query(target, "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                + " WHERE l.locktype = 'advisory' AND d.datname = current_database()");
    }

    @Test
    void throughAPoolOfTwoPerSideItWorksWithFewerJobsReleasesItsLockAndLeavesNoTemporaryTable() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        List<String> notes = new ArrayList<>();
        TransferListener noting = new TransferListener() {
            @Override
            public void note(String line) {
                notes.add(line);
            }
        };
        try (HikariDataSource sourcePool = pool(old); HikariDataSource targetPool = pool(target)) {
            TransferReport first = new DataTransfer(sourcePool, targetPool, options().withJobs(2), noting).run();

            assertThat(first.mismatches()).isEmpty();
            assertThat(notes).containsExactly("The connection pools gave 2 connections per side of the 5 that jobs 2"
                    + " use: working with jobs 1.");
            assertThat(advisoryLocks(target)).isEqualTo("0");
            assertThat(query(target, "SELECT count(*) FROM pg_class WHERE relpersistence = 't'")).isEqualTo("0");

            // Twice in a row through the same pool, then from another process while the pool is still open.
            TransferReport second = new DataTransfer(sourcePool, targetPool, options().withJobs(2), noting).run();
            assertThat(second.mismatches()).isEmpty();
            assertThat(advisoryLocks(target)).isEqualTo("0");
            TransferReport another = transfer(old, target, options());
            assertThat(another.mismatches()).isEmpty();
            assertThat(query(target, "SELECT current_setting('lock_timeout')")).isEqualTo("0");
        }
    }

    /** Every reject file's lines and every table's rows, for comparing two runs. */
    private List<String> outcome(DataSource target, boolean withRows) throws IOException {
        List<String> outcome = new ArrayList<>();
        for (String table : TABLES) {
            lines(rejects.resolve(table + ".rejects.csv")).stream().sorted().forEach(l -> outcome.add(table + ": " + l));
            if (withRows) {
                // Order-independent, and cheap on a large table.
                outcome.add(table + " rows: " + query(target, "SELECT count(*) || ' ' || COALESCE(sum(hashtextextended(t::text,"
                        + " 0)), 0) FROM " + table + " t"));
            }
        }
        return outcome;
    }

    @Test
    void whichOfTwoRowsKeepsAnIdOrATelegramIdDependsOnTheSourceAlone() throws Exception {
        PGSimpleDataSource old = database();
        OldDatabase.createTables(old);
        // A row that refuses the first batch's straight COPY (first_name is null), then twins in later batches.
        execute(old, "INSERT INTO users VALUES (0, 5550000000, NULL, NULL, NULL, 'en', false, now(), now())");
        OldDatabase.fill(old, USERS);
        execute(old, """
                INSERT INTO users VALUES (5, 5550000005, 'Second five', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (9005, 3000000007, 'Telegram twin of 7', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (5, 5550000006, 'Third five', NULL, NULL, 'en', false, now(), now());
                INSERT INTO avatars SELECT id, user_id, 'Twin ' || name, gender, status, is_draft, avatar_data, created_at,
                    updated_at FROM avatars WHERE name IN ('Avatar 3', 'Avatar 400', 'Avatar 599')""");
        PGSimpleDataSource baseline = targetAtHead();
        TransferReport first = transfer(old, baseline, options().withJobs(1).withBatchSize(1000));
        List<String> expected = outcome(baseline, true);
        assertThat(first.rejected()).isEqualTo(1 + 3 + 3);
        assertThat(query(baseline, "SELECT first_name FROM users WHERE id = 5")).isEqualTo("Имя 5");
        assertThat(query(baseline, "SELECT count(*) FROM avatars WHERE name LIKE 'Twin %'")).isEqualTo("0");

        record Run(int jobs, int batchSize, boolean text, boolean dryRun) {
        }
        for (Run run : List.of(new Run(4, 1000, false, false), new Run(2, 1000, true, false),
                new Run(1, 1000, false, true), new Run(4, 100, true, true))) {
            PGSimpleDataSource target = targetAtHead();
            TransferOptions options = options().withJobs(run.jobs()).withBatchSize(run.batchSize()).withDryRun(run.dryRun());
            if (run.text()) {
                // A type the target does not have sends users as text.
                options = options.withSelects(java.util.Map.of("users", "SELECT CAST(id AS integer) AS id, telegram_id,"
                        + " first_name, last_name, username, language_code, is_premium, created_at, updated_at FROM users"));
            }
            TransferReport report = transfer(old, target, options);
            assertThat(report.rejected()).as(run.toString()).isEqualTo(first.rejected());
            if (run.dryRun()) {
                assertThat(outcome(target, false)).as(run.toString())
                        .isEqualTo(expected.stream().filter(l -> !l.contains(" rows: ")).toList());
            } else {
                assertThat(outcome(target, true)).as(run.toString()).isEqualTo(expected);
            }
        }
    }
}
