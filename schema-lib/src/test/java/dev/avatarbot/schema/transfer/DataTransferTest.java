package dev.avatarbot.schema.transfer;

import static dev.avatarbot.schema.testing.TestPostgres.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.mapper.SchemaSessions;
import dev.avatarbot.schema.mapper.UserMapper;
import dev.avatarbot.schema.catalog.CatalogSnapshot;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.UnfinishedTransfer;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;
import dev.avatarbot.schema.testing.TestPostgres;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class DataTransferTest {

    private static final List<String> TABLES = List.of("users", "user_balances", "user_states", "avatars", "avatar_photos");
    private static final int USERS = 300;

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

    private PGSimpleDataSource oldDatabase(int users) {
        return databases.oldDatabase(users);
    }

    private PGSimpleDataSource targetAtHead() {
        return databases.targetAtHead();
    }

    private TransferOptions options() {
        return TransferOptions.defaults(rejects).withBatchSize(400);
    }

    private static TransferReport transfer(DataSource source, DataSource target, TransferOptions options) {
        return new DataTransfer(source, target, options, TransferListener.NONE).run();
    }

    /** Every row of the table as text, ordered by id, for row-for-row comparison. */
    private static String rows(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM " + table + " t")) {
            result.next();
            return result.getString(1);
        }
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void aCleanTransferArrivesRowForRowAndIsVerified() throws SQLException {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();

        TransferReport report = transfer(old, target, options());

        assertThat(report.verified()).isTrue();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.rejected()).isZero();
        assertThat(report.tables()).extracting(TableResult::table).containsExactlyElementsOf(TABLES);
        assertThat(report.tables()).extracting(TableResult::inserted)
                .containsExactly((long) USERS, (long) USERS, (long) USERS, 2L * USERS, 10L * USERS);
        for (String table : TABLES) {
            assertThat(rows(target, table)).as(table).isEqualTo(rows(old, table));
        }
    }

    @Test
    void theTimelineShowsEachStepPerTableAndConnectionInTheOrderTheyRan() throws SQLException {
        TransferReport report = transfer(oldDatabase(), targetAtHead(), options());

        List<Timeline.Step> steps = report.timeline().steps();
        assertThat(steps).allSatisfy(step -> assertThat(step.end()).isGreaterThanOrEqualTo(step.start()));
        for (String table : TABLES) {
            assertThat(steps).as(table + "'s load, on a target session")
                    .anySatisfy(step -> {
                        assertThat(step.name()).startsWith("loading");
                        assertThat(step.table()).isEqualTo(table);
                        assertThat(step.connection()).matches("pid \\d+");
                    });
            assertThat(steps).as(table + "'s verification").anySatisfy(step -> {
                assertThat(step.name()).startsWith("verifying");
                assertThat(step.table()).isEqualTo(table);
            });
            // Each definition comes back after its table's load has ended.
            double loaded = steps.stream().filter(s -> s.table().equals(table) && s.name().startsWith("loading"))
                    .mapToDouble(Timeline.Step::end).max().orElseThrow();
            assertThat(steps).filteredOn(s -> s.table().equals(table) && s.name().startsWith("post-data"))
                    .isNotEmpty().allSatisfy(s -> assertThat(s.start()).isGreaterThanOrEqualTo(loaded));
        }
        assertThat(steps).extracting(Timeline.Step::name).contains("checking the target's revision",
                "exporting the source's snapshot", "pre-data: keys and indexes down", "moving the identity sequences",
                "post-data: foreign key fk_avatar_photos_avatar_id");
        assertThat(report.timeline().lines().get(0)).matches("from +to +seconds +connection +table +step");
    }

    @Test
    void identitySequencesMovePastTheLargestTransferredId() throws SQLException {
        PGSimpleDataSource target = targetAtHead();
        transfer(oldDatabase(), target, options());

        try (SqlSession session = SchemaSessions.sqlSessionFactory(target).openSession(true)) {
            User user = new User();
            user.setTelegramId(42);
            user.setFirstName("New");
            user.setLanguageCode("en");
            session.getMapper(UserMapper.class).insert(user);
            assertThat(user.getId()).isEqualTo(USERS + 1L);
        }
    }

    @Test
    void aRerunChangesNothing() throws SQLException {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        transfer(old, target, options());
        Map<String, String> before = new java.util.HashMap<>();
        for (String table : TABLES) {
            before.put(table, rows(target, table));
        }

        TransferReport again = transfer(old, target, options());

        assertThat(again.tables()).allSatisfy(t -> {
            assertThat(t.inserted()).as(t.table()).isZero();
            assertThat(t.updated()).as(t.table()).isZero();
        });
        assertThat(again.mismatches()).isEmpty();
        for (String table : TABLES) {
            assertThat(rows(target, table)).as(table).isEqualTo(before.get(table));
        }
    }

    @Test
    void eachKindOfBadRowLandsInTheRejectFileWithItsReasonWhileGoodRowsArrive() throws Exception {
        PGSimpleDataSource old = database();
        OldDatabase.createTables(old);
        execute(old, "ALTER TABLE user_states ALTER COLUMN state_data TYPE text");
        OldDatabase.fill(old, 20);
        execute(old, """
                INSERT INTO users VALUES (101, 3000000001, 'Twin', NULL, NULL, 'ru', false, now(), now());
                INSERT INTO users VALUES (102, 5550000102, NULL, NULL, NULL, 'ru', false, now(), now());
                INSERT INTO user_balances VALUES (101, 7, -5, now(), now());
                INSERT INTO user_balances VALUES (102, 999, 10, now(), now());
                INSERT INTO user_states VALUES (101, 9, '{"twin": true}', now(), now());
                DELETE FROM user_states WHERE id = 8;
                INSERT INTO user_states VALUES (8, 8, '{"step": broken', now(), now());
                INSERT INTO avatars VALUES ('00000000-0000-0000-0000-000000000101', 102, 'Orphan', 'male', 'ready',
                    false, '{}', now(), now());
                INSERT INTO avatar_photos VALUES ('00000000-0000-0000-0000-000000000201',
                    '00000000-0000-0000-0000-000000000101', 'orphan.jpg', 0, now(), now());
                DELETE FROM user_balances WHERE id = 7""");
        PGSimpleDataSource target = targetAtHead();

        TransferReport report = transfer(old, target, options());

        assertThat(report.mismatches()).isEmpty();
        assertThat(Files.readString(rejects.resolve("users.rejects.csv"), StandardCharsets.UTF_8))
                .startsWith("key,reason,id,telegram_id,")
                .contains("101,telegram_id 3000000001 is already used by another id,101,3000000001,Twin")
                // users travel in binary; the staged row still reads as COPY's text would print it
                .contains("102,first_name is null,102,5550000102,,,,ru,f,");
        assertThat(Files.readString(rejects.resolve("user_balances.rejects.csv")))
                .contains("101,negative coins,101,7,-5")
                .contains("102,orphan: user_id 999 is not in users,102,999,10");
        assertThat(Files.readString(rejects.resolve("user_states.rejects.csv")))
                .contains("8,invalid JSON in state_data,8,8,\"{\"\"step\"\": broken\"")
                .contains("101,user_id 9 is already used by another id");
        assertThat(Files.readString(rejects.resolve("avatars.rejects.csv")))
                .contains("00000000-0000-0000-0000-000000000101,orphan: user_id 102 is not in users");
        assertThat(Files.readString(rejects.resolve("avatar_photos.rejects.csv")))
                .contains("00000000-0000-0000-0000-000000000201,orphan: avatar_id 00000000-0000-0000-0000-000000000101 is not in avatars");
        assertThat(report.tables()).extracting(TableResult::rejected).containsExactly(2L, 2L, 2L, 1L, 1L);
        // every good row arrived
        assertThat(count(target, "SELECT count(*) FROM users")).isEqualTo(20);
        assertThat(count(target, "SELECT count(*) FROM user_balances")).isEqualTo(19);
        assertThat(count(target, "SELECT count(*) FROM user_states")).isEqualTo(19);
        assertThat(count(target, "SELECT count(*) FROM avatars")).isEqualTo(40);
        assertThat(count(target, "SELECT count(*) FROM avatar_photos")).isEqualTo(200);
    }

    @Test
    void rejectFilesAreCreatedPrivateInAPrivateDirectory() throws Exception {
        Path directory = rejects.resolve("new/rejects");
        PGSimpleDataSource old = oldDatabase(5);
        execute(old, """
                INSERT INTO users VALUES (101, 5550000101, NULL, NULL, NULL, 'ru', false, now(), now());
                INSERT INTO user_balances VALUES (104, 1, -5, now(), now())""");

        transfer(old, targetAtHead(), TransferOptions.defaults(directory).withBatchSize(400));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(directory)) {
            assertThat(files.toList()).extracting(f -> f.getFileName() + " "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .containsExactlyInAnyOrder(".gitignore rw-------", "users.rejects.csv rw-------",
                            "user_balances.rejects.csv rw-------");
        }
        // Personal data: git leaves the directory out, so that a commit of the project does not take it along.
        assertThat(Files.readAllLines(directory.resolve(".gitignore"))).contains("*");
    }

    @Test
    void aFormulaLikeCellInARejectFileIsQuotedSoThatASpreadsheetDoesNotRunIt() throws Exception {
        PGSimpleDataSource old = oldDatabase(5);
        execute(old, """
                INSERT INTO users VALUES (101, 5550000101, NULL, '=HYPERLINK("http://x.example","y")', '@SUM(1+1)',
                    'ru', false, now(), now());
                INSERT INTO users VALUES (102, 5550000102, NULL, '+1+cmd', '-2+3', 'en', false, now(), now());
                INSERT INTO users VALUES (103, 5550000103, NULL, '''=kept', E'\\tTab', 'en', false, now(), now());
                INSERT INTO user_balances VALUES (104, 1, -5, now(), now())""");

        transfer(old, targetAtHead(), options());

        // A cell that starts with = + - @ (or a tab, a carriage return) gets a leading apostrophe, as does a
        // cell that starts with one, so that the value is always the rest; a plain number stays as it is.
        assertThat(Files.readString(rejects.resolve("users.rejects.csv")))
                .contains("101,first_name is null,101,5550000101,,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\","
                        + "'@SUM(1+1),ru,f,")
                .contains("102,first_name is null,102,5550000102,,'+1+cmd,'-2+3,en,f,")
                .contains("103,first_name is null,103,5550000103,,''=kept,'\tTab,en,f,");
        assertThat(Files.readString(rejects.resolve("user_balances.rejects.csv"))).contains("104,negative coins,104,1,-5,");
    }

    @Test
    void anEarlierRejectFileIsMadePrivateAndADirectoryOthersCanReadIsRefused() throws Exception {
        PGSimpleDataSource old = oldDatabase(5);
        execute(old, "INSERT INTO user_balances VALUES (104, 1, -5, now(), now())");
        PGSimpleDataSource target = targetAtHead();
        Path open = Files.createDirectory(rejects.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> transfer(old, target, TransferOptions.defaults(open)))
                .isInstanceOf(SchemaException.UserError.class)
                .hasMessage("The reject directory " + open + " is open to other users (rwxr-xr-x), and reject files"
                        + " hold users' names and Telegram ids: make it private (chmod 700 " + open + ") or choose"
                        + " another one with -Dschema.rejectDirectory.");
        assertThat(count(target, "SELECT count(*) FROM users")).isZero();

        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx------"));
        Path earlier = Files.writeString(open.resolve("user_balances.rejects.csv"), "key,reason\n");
        Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-r--r--"));
        TransferReport report = transfer(old, target, TransferOptions.defaults(open));

        assertThat(report.earlierRejectFiles()).singleElement()
                .satisfies(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .isEqualTo("rw-------"));
    }

    @Test
    void aRerunOverARepeatedIdChangesNothingRejectsItAgainAndKeepsTheEarlierRejectFile() throws Exception {
        PGSimpleDataSource old = database();
        OldDatabase.createTables(old);
        execute(old, """
                INSERT INTO users VALUES (1, 3000000001, 'First', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (2, 3000000002, 'Two', NULL, NULL, 'en', false, now(), now());
                INSERT INTO users VALUES (1, 3000000001, 'Second', NULL, NULL, 'en', false, now(), now())""");
        PGSimpleDataSource target = targetAtHead();
        TransferReport first = transfer(old, target, options());
        assertThat(first.tables().get(0).rejected()).isEqualTo(1);
        String firstRejects = Files.readString(rejects.resolve("users.rejects.csv"));
        assertThat(firstRejects).contains("1,id 1 appears more than once in the source,1,3000000001,Second");
        String before = rows(target, "users");

        TransferReport again = transfer(old, target, options());

        TableResult users = again.tables().get(0);
        assertThat(users.read()).isEqualTo(3);
        assertThat(users.inserted()).isZero();
        assertThat(users.updated()).isZero();
        assertThat(users.rejected()).isEqualTo(1);
        assertThat(again.mismatches()).isEmpty();
        assertThat(rows(target, "users")).isEqualTo(before);
        assertThat(count(target, "SELECT count(*) FROM users WHERE id = 1 AND first_name = 'First'")).isEqualTo(1);
        assertThat(Files.readString(rejects.resolve("users.rejects.csv")))
                .contains("1,id 1 appears more than once in the source,1,3000000001,Second");
        // The first run's file is kept beside it, under the run's stamp, and the report names it.
        assertThat(again.earlierRejectFiles()).hasSize(1);
        assertThat(again.earlierRejectFiles().get(0).getFileName().toString()).matches("users\\.rejects\\.\\d{8}T\\d{6}Z(-\\d+)?\\.csv");
        assertThat(Files.readString(again.earlierRejectFiles().get(0))).isEqualTo(firstRejects);
    }

    @Test
    void aTargetHoldingRowsTheSourceLacksFailsTheVerificationNamingTheTable() {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        execute(target, "INSERT INTO users (id, telegram_id, first_name, language_code) VALUES (99999, 1, 'Stray', 'en')");

        TransferReport report = transfer(old, target, options());

        assertThat(report.mismatches()).singleElement().asString()
                .startsWith("users: source has 300 rows to transfer, target has 301; first differing key range: id from ")
                .endsWith("(source 0 rows, target 1); keys that differ: 99999");
    }

    @Test
    void contentsChangedOnTheWayInFailTheVerificationEvenWhenCountsMatch() {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        // Something in the target rewrites what arrives: the counts agree, the contents do not.
        execute(target, """
                CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.minio_key = upper(NEW.minio_key); RETURN NEW; END $$;
                CREATE TRIGGER shout BEFORE INSERT ON avatar_photos FOR EACH ROW EXECUTE FUNCTION shout()""");

        TransferReport report = transfer(old, target, options());

        assertThat(report.mismatches()).singleElement().asString()
                .startsWith("avatar_photos: source has 3000 rows to transfer, target has 3000, with different contents;"
                        + " first differing key range: id from 00000000-0000-0000-0000-000000000000 below"
                        + " 10000000-0000-0000-0000-000000000000")
                .endsWith(" and maybe more");
    }

    @Test
    void aContentMismatchIsNarrowedDownToTheKeysOfTheRowsThatDiffer() {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        // Something in the target rewrites two rows on the way in.
        execute(target, """
                CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.id IN (17, 18) THEN NEW.coins = NEW.coins + 1; END IF; RETURN NEW; END $$;
                CREATE TRIGGER tamper BEFORE INSERT ON user_balances FOR EACH ROW EXECUTE FUNCTION tamper()""");

        TransferReport report = transfer(old, target, options());

        assertThat(report.mismatches()).containsExactly("user_balances: source has 300 rows to transfer, target has 300,"
                + " with different contents; first differing key range: id from 1 below 20 (source 19 rows, target 19);"
                + " keys that differ: 17, 18");
    }

    @Test
    void anOlderLayoutTakesDefaultsForMissingColumnsParsesJsonTextAndIgnoresExtraColumns() throws SQLException {
        PGSimpleDataSource old = oldDatabase(10);
        execute(old, """
                ALTER TABLE users DROP COLUMN is_premium;
                ALTER TABLE user_states ALTER COLUMN state_data TYPE text;
                ALTER TABLE avatars ADD COLUMN legacy_style text DEFAULT 'old'""");
        PGSimpleDataSource target = targetAtHead();

        TransferReport report = transfer(old, target, options());

        assertThat(report.rejected()).isZero();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.tables().get(0).defaultedColumns()).containsExactly("is_premium");
        assertThat(report.tables().get(3).ignoredColumns()).containsExactly("legacy_style");
        assertThat(count(target, "SELECT count(*) FROM users WHERE is_premium = false")).isEqualTo(10);
        assertThat(count(target, "SELECT count(*) FROM user_states WHERE state_data ->> 'step' = 'menu'"
                + " AND jsonb_typeof(state_data -> 'draft') = 'object'")).isEqualTo(10);
        assertThat(count(target, "SELECT count(*) FROM avatars")).isEqualTo(20);
    }

    @Test
    void aConfiguredSelectReadsAnotherLayout() throws SQLException {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "ALTER TABLE users RENAME TO bot_users; ALTER TABLE bot_users RENAME COLUMN telegram_id TO tg_id");
        PGSimpleDataSource target = targetAtHead();

        TransferReport report = transfer(old, target, options().withSelects(Map.of("users",
                "SELECT id, tg_id AS telegram_id, first_name, last_name, username, language_code, is_premium,"
                        + " created_at, updated_at FROM bot_users")));

        assertThat(report.mismatches()).isEmpty();
        assertThat(count(target, "SELECT count(*) FROM users WHERE telegram_id = 3000000005")).isEqualTo(1);
    }

    @Test
    void aDryRunValidatesAndReportsButLeavesTheTargetUntouched() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "INSERT INTO user_balances VALUES (9999, 1, -1, now(), now())");
        PGSimpleDataSource target = targetAtHead();

        TransferReport report = transfer(old, target, options().withDryRun(true));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.tables().get(0).inserted()).isEqualTo(USERS);
        assertThat(report.tables().get(4).inserted()).isEqualTo(10L * USERS);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(Files.readString(rejects.resolve("user_balances.rejects.csv"))).contains("negative coins");
        for (String table : TABLES) {
            assertThat(count(target, "SELECT count(*) FROM " + table)).as(table).isZero();
        }
    }

    /** Terminates every other connection to the database: a real interruption of the transfer's work. */
    static void killConnectionsTo(PGSimpleDataSource database) {
        execute(TestPostgres.adminDataSource(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = '" + database.getDatabaseName() + "' AND pid <> pg_backend_pid()");
    }

    /**
     * A listener that kills the transfer right after the first definition starting with {@code prefix}
     * is back: the process's connections go, its threads stop.
     */
    private static TransferListener killedAfterTheFirstRestored(PGSimpleDataSource target, String prefix) {
        AtomicBoolean killed = new AtomicBoolean();
        return new TransferListener() {
            @Override
            public void restored(String table, String definition) {
                if (definition.startsWith(prefix) && !killed.getAndSet(true)) {
                    killConnectionsTo(target);
                    throw new IllegalStateException("killed after " + definition);
                }
            }
        };
    }

    /** Killed, the transfer left an unfinished state that check, verify, upgrade and downgrade see. */
    private void assertUnfinished(PGSimpleDataSource interrupted) {
        SchemaMigrations migrations = new SchemaMigrations(interrupted);
        assertThat(migrations.status().unfinishedTransfer()).hasValueSatisfying(t -> assertThat(t.describe())
                .contains("a data transfer begun at").contains("is unfinished").contains("until it is run again"));
        assertThat(migrations.drift(database()).get(0)).contains("a data transfer begun at").contains("is unfinished");
        assertThatThrownBy(migrations::upgrade).isInstanceOf(UnfinishedTransfer.Refused.class)
                .hasMessageStartingWith("Cannot upgrade: a data transfer begun at")
                .hasMessageEndingWith("Finish the data transfer first.");
        assertThatThrownBy(() -> migrations.downgradeTo(SchemaMigrations.BASE))
                .isInstanceOf(UnfinishedTransfer.Refused.class).hasMessageStartingWith("Cannot downgrade:");
        // A service checking the schema at start does not start on a half-loaded database.
        assertThatThrownBy(migrations::verifyCurrent).isInstanceOf(UnfinishedTransfer.Refused.class)
                .hasMessageStartingWith("Cannot use the database: a data transfer begun at");
    }

    /** Same rows in every table, exactly the head catalog, no drift, no state left behind. */
    private void assertEqualTargets(PGSimpleDataSource actual, PGSimpleDataSource expected) throws SQLException {
        for (String table : TABLES) {
            assertThat(rows(actual, table)).as(table).isEqualTo(rows(expected, table));
        }
        assertThat(CatalogSnapshot.read(actual)).isEqualTo(CatalogSnapshot.read(targetAtHead()));
        SchemaMigrations migrations = new SchemaMigrations(actual);
        assertThat(migrations.status().unfinishedTransfer()).isEmpty();
        assertThat(migrations.drift(database())).isEmpty();
    }

    @Test
    void aCleanTransferIntoAnEmptyTargetEndsWithExactlyTheHeadCatalog() {
        PGSimpleDataSource target = targetAtHead();
        List<String> restored = new ArrayList<>();

        new DataTransfer(oldDatabase(), target, options(), new TransferListener() {
            @Override
            public void restored(String table, String definition) {
                synchronized (restored) {
                    restored.add(definition);
                }
            }
        }).run();

        assertThat(restored).containsExactlyInAnyOrder("primary key pk_users", "primary key pk_user_balances",
                "primary key pk_user_states", "primary key pk_avatars", "primary key pk_avatar_photos",
                "index uq_users_telegram_id", "index uq_user_balances_user_id",
                "index uq_user_states_user_id", "index ix_avatars_status", "index ix_avatars_user_id",
                "index ix_avatar_photos_avatar_id", "index ix_avatar_photos_order", "foreign key fk_user_balances_user_id",
                "foreign key fk_user_states_user_id", "foreign key fk_avatars_user_id",
                "foreign key fk_avatar_photos_avatar_id");
        assertThat(CatalogSnapshot.read(target)).isEqualTo(CatalogSnapshot.read(targetAtHead()));
        assertThat(new SchemaMigrations(target).drift(database())).isEmpty();
    }

    @Test
    void aTransferKilledDuringTheLoadAndRerunEndsEqualToAnUninterruptedOne() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource uninterrupted = targetAtHead();
        transfer(old, uninterrupted, options());

        PGSimpleDataSource interrupted = targetAtHead();
        TransferListener killer = new TransferListener() {
            @Override
            public void batchDone(String table, long done) {
                if (table.equals("avatars") && done >= 400) {
                    killConnectionsTo(interrupted);
                }
            }
        };
        assertThatThrownBy(() -> new DataTransfer(old, interrupted, options(), killer).run())
                .isInstanceOf(SchemaException.class);
        assertThat(count(interrupted, "SELECT count(*) FROM avatars")).isBetween(1L, 2L * USERS - 1);
        assertUnfinished(interrupted);

        TransferReport rerun = transfer(old, interrupted, options());

        assertThat(rerun.mismatches()).isEmpty();
        assertEqualTargets(interrupted, uninterrupted);
    }

    @Test
    void aTableIndexesAreBuiltWhileLaterTablesStillLoad() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        CountDownLatch usersIndexBack = new CountDownLatch(1);
        AtomicBoolean photosWaitedForIt = new AtomicBoolean();
        TransferListener listener = new TransferListener() {
            @Override
            public void restored(String table, String definition) {
                if (definition.equals("index uq_users_telegram_id")) {
                    usersIndexBack.countDown();
                }
            }

            @Override
            public void batchDone(String table, long done) {
                if (table.equals("avatar_photos") && !photosWaitedForIt.get()) {
                    try {
                        photosWaitedForIt.set(usersIndexBack.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };

        TransferReport report = new DataTransfer(old, target, options().withJobs(2), listener).run();

        assertThat(photosWaitedForIt).as("users' index built while avatar_photos was still loading").isTrue();
        assertThat(report.mismatches()).isEmpty();
        assertThat(CatalogSnapshot.read(target)).isEqualTo(CatalogSnapshot.read(targetAtHead()));
    }

    @Test
    void aTransferKilledDuringTheIndexBuildAndRerunEndsEqualToAnUninterruptedOne() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        // Rows that the set-based checks take out before the indexes and foreign keys come back.
        execute(old, """
                INSERT INTO users VALUES (901, 3000000001, 'Twin', NULL, NULL, 'ru', false, now(), now());
                INSERT INTO avatars VALUES ('00000000-0000-0000-0000-000000000901', 999, 'Orphan', 'male', 'ready',
                    false, '{}', now(), now())""");
        PGSimpleDataSource uninterrupted = targetAtHead();
        transfer(old, uninterrupted, options());

        PGSimpleDataSource interrupted = targetAtHead();
        // Indexes are built as their tables finish loading; the keys are made at the end, after every load.
        assertThatThrownBy(() -> new DataTransfer(old, interrupted, options().withJobs(1),
                killedAfterTheFirstRestored(interrupted, "primary key ")).run())
                .hasMessageStartingWith("killed after primary key ");
        assertThat(count(interrupted, "SELECT count(*) FROM avatar_photos")).isEqualTo(10L * USERS);
        assertUnfinished(interrupted);
        assertThat(new SchemaMigrations(interrupted).status().unfinishedTransfer().orElseThrow().takenDown())
                .isBetween(4, 15); // the foreign keys at least, and keys and indexes the one build thread had not begun

        TransferReport rerun = transfer(old, interrupted, options());

        assertThat(rerun.mismatches()).isEmpty();
        assertThat(rerun.rejected()).isEqualTo(2);
        assertEqualTargets(interrupted, uninterrupted);
    }

    @Test
    void aTransferKilledWhileItsForeignKeysAreCheckedAndRerunEndsWithEveryForeignKeyChecked() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource uninterrupted = targetAtHead();
        transfer(old, uninterrupted, options());

        PGSimpleDataSource interrupted = targetAtHead();
        // Every foreign key is in, added unchecked; the first is checked, the others are not yet.
        assertThatThrownBy(() -> new DataTransfer(old, interrupted, options().withJobs(1),
                killedAfterTheFirstRestored(interrupted, "foreign key")).run())
                .hasMessageStartingWith("killed after foreign key ");
        assertUnfinished(interrupted);
        assertThat(count(interrupted, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"))
                .isEqualTo(3);

        TransferReport rerun = transfer(old, interrupted, options());

        assertThat(rerun.mismatches()).isEmpty();
        assertThat(count(interrupted, "SELECT count(*) FROM pg_constraint WHERE NOT convalidated")).isZero();
        assertEqualTargets(interrupted, uninterrupted);
    }

    @Test
    void theBinaryAndTheTextPathGiveIdenticalTargetsAndRejects() throws Exception {
        PGSimpleDataSource old = oldDatabase(20);
        execute(old, """
                INSERT INTO users VALUES (101, 5550000101, NULL, 'No first name', NULL, 'ru', true, now(), now());
                INSERT INTO users VALUES (102, 3000000001, 'Twin', NULL, NULL, 'ru', false, now(), now());
                INSERT INTO avatar_photos VALUES ('00000000-0000-0000-0000-000000000201',
                    '00000000-0000-0000-0000-000000000101', E'orphan\\tphoto.jpg', 0, now(), now())""");
        PGSimpleDataSource binary = targetAtHead();
        TransferReport inBinary = transfer(old, binary, options());
        Map<String, List<String>> binaryRejects = new java.util.HashMap<>();
        for (String table : TABLES) {
            binaryRejects.put(table, sortedLines(rejects.resolve(table + ".rejects.csv")));
        }
        PGSimpleDataSource text = targetAtHead();

        // A type the target does not have sends users and photos as text.
        TransferReport inText = transfer(old, text, options().withSelects(Map.of(
                "users", "SELECT CAST(id AS integer) AS id, telegram_id, first_name, last_name, username, language_code,"
                        + " is_premium, created_at, updated_at FROM users",
                "avatar_photos", "SELECT CAST(id AS text) AS id, avatar_id, minio_key, \"order\", created_at, updated_at"
                        + " FROM avatar_photos")));

        assertThat(inBinary.mismatches()).isEmpty();
        assertThat(inText.mismatches()).isEmpty();
        assertThat(inText.rejected()).isEqualTo(inBinary.rejected()).isEqualTo(3);
        for (String table : TABLES) {
            assertThat(sortedLines(rejects.resolve(table + ".rejects.csv"))).as(table)
                    .isEqualTo(binaryRejects.get(table));
        }
        assertThat(binaryRejects.get("users")).anyMatch(line -> line.contains(",first_name is null,101,5550000101,,No first name,,ru,t,"));
        assertEqualTargets(text, binary);
    }

    @Test
    void aSecondTransferIntoTheSameTargetWhileOneRunsIsRefusedAndTouchesNothing() throws Exception {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource target = targetAtHead();
        java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<TransferReport> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new DataTransfer(old, target, options(), new TransferListener() {
                    @Override
                    public void batchDone(String table, long done) {
                        loading.countDown();
                        try {
                            refused.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).run());
        loading.await();

        try {
            assertThatThrownBy(() -> transfer(old, target, options()))
                    .isInstanceOf(SchemaException.UserError.class)
                    .hasMessage("Another data transfer into this database is running: let it finish (or stop it),"
                            + " then run the transfer again.");
        } finally {
            refused.countDown();
        }

        assertThat(first.get().mismatches()).isEmpty();
        assertThat(first.get().earlierRejectFiles()).isEmpty();
        assertThat(count(target, "SELECT count(*) FROM avatar_photos")).isEqualTo(10L * USERS);
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().sorted().toList() : List.of();
    }

    @Test
    void aTargetThatIsNotAtTheNewestRevisionIsRefusedBeforeAnythingIsWritten() {
        PGSimpleDataSource old = oldDatabase();
        PGSimpleDataSource empty = database();

        assertThatThrownBy(() -> transfer(old, empty, options()))
                .isInstanceOf(SchemaNotCurrentException.class)
                .hasMessageStartingWith("The target is not ready for the data: The database is at base");
    }

    @Test
    void aSourceWithoutAnIdColumnIsRefusedWithTheFix() throws IOException {
        PGSimpleDataSource old = oldDatabase();
        execute(old, "ALTER TABLE avatars DROP COLUMN id");
        PGSimpleDataSource target = targetAtHead();

        assertThatThrownBy(() -> transfer(old, target, options()))
                .isInstanceOf(SchemaException.UserError.class)
                .hasMessageContaining("avatars has no id column");
    }
}
