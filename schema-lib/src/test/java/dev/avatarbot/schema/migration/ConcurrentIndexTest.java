package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.testing.TempChangelog;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** CREATE INDEX CONCURRENTLY (runInTransaction="false") under the schema's advisory lock. */
class ConcurrentIndexTest {

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
    void twoUpgradesOfAConcurrentIndexBothFinishAndOneApplies() throws Exception {
        ChangelogSource changelog = TempChangelog.copyOfSources().withRevision("20261125_ix_users_username", """
                    <changeSet id="ix-users-username" author="test" runInTransaction="false">
                        <sql>CREATE INDEX CONCURRENTLY ix_users_username ON users (username)</sql>
                        <rollback><sql>DROP INDEX CONCURRENTLY ix_users_username</sql></rollback>
                    </changeSet>
                """).source();
        new SchemaMigrations(dataSource, changelog).upgradeTo("20250520_initial");
        TestPostgres.execute(dataSource, "INSERT INTO users (telegram_id, first_name, username, language_code)"
                + " SELECT g, 'n', 'u' || g, 'ru' FROM generate_series(1, 20000) g");

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrationResult>> runs = List.of(
                    pool.submit(() -> { start.await(); return new SchemaMigrations(dataSource, changelog).upgrade(); }),
                    pool.submit(() -> { start.await(); return new SchemaMigrations(dataSource, changelog).upgrade(); }));
            MigrationResult first = runs.get(0).get(60, TimeUnit.SECONDS);
            MigrationResult second = runs.get(1).get(60, TimeUnit.SECONDS);
            assertThat(List.of(first.changed(), second.changed())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestPostgres.query(dataSource, "SELECT indisvalid FROM pg_index"
                + " WHERE indexrelid = 'ix_users_username'::regclass")).isEqualTo("t");
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM databasechangelog"
                + " WHERE id = 'ix-users-username'")).isEqualTo("1");
    }

    @Test
    void aFailedConcurrentBuildLeavesNoInvalidIndexAndTheRetryBuildsIt() {
        ChangelogSource changelog = TempChangelog.copyOfSources().withRevision("20261125_uq_users_username", """
                    <changeSet id="uq-users-username" author="test" runInTransaction="false">
                        <sql>CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_users_username ON users (username)</sql>
                        <rollback><sql>DROP INDEX CONCURRENTLY uq_users_username</sql></rollback>
                    </changeSet>
                """).source();
        SchemaMigrations migrations = new SchemaMigrations(dataSource, changelog);
        migrations.upgradeTo("20250520_initial");
        TestPostgres.execute(dataSource, "INSERT INTO users (telegram_id, first_name, username, language_code)"
                + " VALUES (1, 'a', 'twin', 'ru'), (2, 'b', 'twin', 'ru')");

        assertThatThrownBy(migrations::upgrade).isInstanceOf(SchemaException.class)
                .hasMessageContaining("could not create unique index \"uq_users_username\"");
        assertThat(TestPostgres.query(dataSource, "SELECT count(*) FROM pg_class WHERE relname = 'uq_users_username'"))
                .isEqualTo("0");

        // A build killed earlier left one behind: the next upgrade drops it rather than keep it (IF NOT EXISTS).
        TestPostgres.execute(dataSource, "UPDATE users SET username = 'single' WHERE telegram_id = 2");
        TestPostgres.execute(dataSource, "CREATE UNIQUE INDEX uq_users_username ON users (username)");
        TestPostgres.execute(dataSource, "UPDATE pg_index SET indisvalid = false"
                + " WHERE indexrelid = 'uq_users_username'::regclass");

        assertThat(migrations.upgrade().revisions()).containsExactly("20261125_uq_users_username");
        assertThat(TestPostgres.query(dataSource, "SELECT indisvalid FROM pg_index"
                + " WHERE indexrelid = 'uq_users_username'::regclass")).isEqualTo("t");
    }
}
