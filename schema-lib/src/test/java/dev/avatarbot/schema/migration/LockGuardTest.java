package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.testing.TempChangelog;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The runtime guard: lock_timeout per changeset, retries with backoff, the blocker named, nothing half-applied. */
class LockGuardTest {

    private static final String ADD_NICKNAME = """
                <changeSet id="add-nickname" author="test">
                    <sql>ALTER TABLE users ADD COLUMN nickname text</sql>
                    <rollback><sql>ALTER TABLE users DROP COLUMN nickname</sql></rollback>
                </changeSet>
            """;
    private static final MigrationGuard QUICK = new MigrationGuard(Duration.ofMillis(500), 2, null);

    private PGSimpleDataSource dataSource;
    private SchemaMigrations migrations;

    @BeforeEach
    void upgradeToInitial() {
        dataSource = TestPostgres.createDatabase();
        TempChangelog changelog = TempChangelog.copyOfSources().withRevision("20261125_add_nickname", ADD_NICKNAME);
        migrations = new SchemaMigrations(dataSource, changelog.source()).withGuard(QUICK);
        migrations.upgradeTo("20250520_initial");
    }

    @AfterEach
    void dropDatabase() {
        TestPostgres.dropDatabase(dataSource);
    }

    @Test
    void upgradeBehindALongTransactionFailsNamingTheBlockerAndChangesNothingThenApplies() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            statement.execute("SET application_name = 'long-report'");
            int blockerPid = pid(blocker);
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE users IN ACCESS SHARE MODE");

            AtomicBoolean upgrading = new AtomicBoolean(true);
            AtomicLong longestSelect = new AtomicLong();
            Future<?> selects = reader.submit(() -> selectWhile(upgrading, longestSelect));
            long started = System.nanoTime();
            try {
                assertThatThrownBy(() -> migrations.upgrade())
                        .isInstanceOf(LockTimeoutException.class)
                        .isInstanceOf(SchemaException.UserError.class)
                        .hasMessageContaining("Revision 20261125_add_nickname, changeset add-nickname got no lock"
                                + " within 500ms in 3 attempts and was rolled back")
                        .hasMessageContaining("blocked by backend pid " + blockerPid + " (user ")
                        .hasMessageContaining("application_name 'long-report', idle in transaction since ")
                        // the query text can hold a secret: only with withBlockerQuery(true)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("LOCK TABLE"))
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            } finally {
                upgrading.set(false);
                selects.get();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // 3 × 500ms waiting, 500ms + 1s backing off, plus Liquibase's own work.
            assertThat(took).isBetween(Duration.ofMillis(3000), Duration.ofSeconds(20));
            assertThat(Duration.ofNanos(longestSelect.get())).isLessThan(Duration.ofMillis(500 + 400));
            assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'users' AND column_name = 'nickname'")).isEqualTo("0");
            assertThat(migrations.status().current()).contains("20250520_initial");
            blocker.commit();
        } finally {
            reader.shutdownNow();
        }

        MigrationResult result = migrations.upgrade();
        assertThat(result.revisions()).containsExactly("20261125_add_nickname");
        assertThat(TestPostgres.query(dataSource, "SELECT current_setting('lock_timeout')")).isEqualTo("0");
    }

    @Test
    void downgradeBehindALongTransactionKeepsTheChangesetAndAnotherDowngradeFinishesIt() throws Exception {
        migrations.upgrade();
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            int blockerPid = pid(blocker);
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE users IN ACCESS SHARE MODE");
            assertThatThrownBy(() -> migrations.withGuard(new MigrationGuard(Duration.ofMillis(300), 0, null)
                    .withBlockerQuery(true)).downgradeTo("20250520_initial"))
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("changeset add-nickname (rolling back) got no lock within 300ms in 1 attempt")
                    .hasMessageContaining("blocked by backend pid " + blockerPid)
                    .hasMessageContaining("): LOCK TABLE users IN ACCESS SHARE MODE");
            blocker.commit();
        }
        // The tag went first; the changeset that timed out is still applied, whole.
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM databasechangelog WHERE id = 'add-nickname'"))
                .isEqualTo("1");
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'users' AND column_name = 'nickname'")).isEqualTo("1");
        migrations.downgradeTo("20250520_initial");
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM databasechangelog WHERE id = 'add-nickname'"))
                .isEqualTo("0");
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'users' AND column_name = 'nickname'")).isEqualTo("0");
    }

    @Test
    void aNonTransactionalChangesetThatCommittedPartIsNotRetriedAndNamesWhatIsApplied() throws Exception {
        SchemaMigrations twoStatements = new SchemaMigrations(dataSource, TempChangelog.copyOfSources()
                .withRevision("20261125_styles", """
                            <changeSet id="styles-and-nickname" author="test" runInTransaction="false">
                                <sql>
                                    SET lock_timeout = '500ms';
                                    CREATE TABLE styles (id bigint PRIMARY KEY);
                                    ALTER TABLE users ADD COLUMN nickname text;
                                    ALTER TABLE users ADD COLUMN mood text
                                </sql>
                                <rollback/>
                            </changeSet>
                        """).source()).withGuard(QUICK);
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            int blockerPid = pid(blocker);
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE users IN ACCESS SHARE MODE");
            // A retry would run CREATE TABLE styles a second time.
            assertThatThrownBy(twoStatements::upgrade)
                    .isInstanceOf(PartlyAppliedException.class)
                    .hasMessageStartingWith("Revision 20261125_styles, changeset styles-and-nickname got no lock within"
                            + " 500ms part-way: it runs outside a transaction (runInTransaction=\"false\") and 1 of its"
                            + " statements had committed, so it was not tried again")
                    .hasMessageContaining("Applied: \"CREATE TABLE styles (id bigint PRIMARY KEY)\". Not applied:"
                            + " \"ALTER TABLE users ADD COLUMN nickname text\", \"ALTER TABLE users ADD COLUMN mood text\".")
                    .hasMessageContaining("Blocked by backend pid " + blockerPid)
                    .satisfies(e -> assertThat(((PartlyAppliedException) e).applied())
                            .containsExactly("CREATE TABLE styles (id bigint PRIMARY KEY)"));
            blocker.commit();
        }
        assertThat(TestPostgres.query(dataSource, "SELECT to_regclass('styles') IS NOT NULL")).isEqualTo("t");
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'users' AND column_name = 'nickname'")).isEqualTo("0");
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM databasechangelog WHERE id = 'styles-and-nickname'"))
                .isEqualTo("0");
    }

    @Test
    void aNonTransactionalChangesetWhoseFirstStatementTimedOutIsRetried() throws Exception {
        SchemaMigrations oneStatement = new SchemaMigrations(dataSource, TempChangelog.copyOfSources()
                .withRevision("20261125_nickname", """
                            <changeSet id="nickname" author="test" runInTransaction="false">
                                <sql>SET lock_timeout = '500ms'; ALTER TABLE users ADD COLUMN nickname text</sql>
                                <rollback/>
                            </changeSet>
                        """).source()).withGuard(QUICK);
        ExecutorService release = Executors.newSingleThreadExecutor();
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE users IN ACCESS SHARE MODE");
            // Ends the blocker once the first attempt has timed out (its pause before the second is 500ms).
            Future<?> commit = release.submit(() -> {
                Thread.sleep(700);
                blocker.commit();
                return null;
            });
            assertThat(oneStatement.upgrade().revisions()).containsExactly("20261125_nickname");
            commit.get();
        } finally {
            release.shutdownNow();
        }
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'users' AND column_name = 'nickname'")).isEqualTo("1");
    }

    @Test
    void statementTimeoutStopsALongChangeset() {
        SchemaMigrations slow = new SchemaMigrations(dataSource, TempChangelog.copyOfSources()
                .withRevision("20261125_add_nickname", ADD_NICKNAME)
                .withRevision("20261126_slow", """
                            <changeSet id="slow" author="test">
                                <sql>SELECT pg_sleep(5)</sql>
                                <rollback/>
                            </changeSet>
                        """).source()).withGuard(MigrationGuard.of("1s", 0, "300ms"));
        assertThatThrownBy(slow::upgrade).isInstanceOf(SchemaException.class)
                .hasMessageContaining("canceling statement due to statement timeout");
        assertThat(slow.status().current()).contains("20261125_add_nickname");
    }

    @Test
    void durationsAreWrittenLikePostgresql() {
        assertThat(MigrationGuard.duration("lock timeout", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(MigrationGuard.duration("lock timeout", "5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(MigrationGuard.duration("lock timeout", "2min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(MigrationGuard.duration("lock timeout", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(MigrationGuard.of("5s", 3, "none").statementTimeout()).isNull();
        assertThatThrownBy(() -> MigrationGuard.of("5 seconds", 3, null))
                .isInstanceOf(SchemaException.UserError.class)
                .hasMessage("The lock timeout '5 seconds' is not a duration: write it like PostgreSQL does,"
                        + " e.g. 500ms, 5s or 2min (units ms, s, min, h, d).");
        assertThat(MigrationGuard.duration("lock timeout", "24d")).isEqualTo(Duration.ofDays(24));
        for (String tooLong : new String[] {"25d", "99999999999999999999s"}) {
            assertThatThrownBy(() -> MigrationGuard.duration("lock timeout", tooLong))
                    .isInstanceOf(SchemaException.UserError.class)
                    .hasMessage("The lock timeout '" + tooLong + "' is too long: PostgreSQL takes at most 2147483647ms"
                            + " (about 24 days).");
        }
    }

    private void selectWhile(AtomicBoolean running, AtomicLong longest) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (running.get()) {
                long start = System.nanoTime();
                statement.executeQuery("SELECT count(*) FROM users").close();
                longest.accumulateAndGet(System.nanoTime() - start, Math::max);
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pid(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
