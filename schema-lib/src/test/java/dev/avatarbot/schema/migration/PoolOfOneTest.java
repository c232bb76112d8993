package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.testing.FreshDatabase;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose pool has one connection: every call works through it without asking for a
 * second (the pool would give up after two seconds), and a failing revision's error is the one
 * thrown even when releasing the lock afterwards fails too.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolOfOneTest {

    private static final String INITIAL = "20250520_initial";

    private HikariDataSource pool;

    @BeforeEach
    void openPoolOfOne(DataSource database) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(2_000);
        config.setPoolName("pool-of-one");
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    @Order(1)
    void everyCallWorksThroughAPoolOfOne() {
        SchemaMigrations migrations = new SchemaMigrations(pool);

        assertThat(migrations.status().pending()).containsExactly(INITIAL);
        assertThatThrownBy(migrations::verifyCurrent).isInstanceOf(SchemaNotCurrentException.class);
        assertThat(migrations.upgradeSql(null).sql()).contains("CREATE TABLE users");
        assertThat(migrations.upgrade().revisions()).containsExactly(INITIAL);
        assertThat(migrations.upgrade().changed()).isFalse();
        assertThat(migrations.verifyCurrent().current()).contains(INITIAL);
        assertThat(migrations.downgradeSql(SchemaMigrations.BASE).sql()).contains("DROP TABLE users");

        TestPostgres.execute(pool, "UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'killed-build',"
                + " lockgranted = now()");
        assertThat(migrations.status().liquibaseLock()).hasValueSatisfying(h -> assertThat(h.lockedBy()).isEqualTo("killed-build"));
        assertThat(migrations.lockHolder()).isPresent();
        assertThatThrownBy(migrations::upgrade).isInstanceOf(LiquibaseLockHeldException.class);
        assertThat(migrations.releaseLock()).isPresent();

        assertThat(migrations.downgradeTo(SchemaMigrations.BASE).revisions()).containsExactly(INITIAL);
        assertThat(migrations.upgradeTo(INITIAL).to()).isEqualTo(INITIAL);
        assertThat(migrations.downgradeTo(INITIAL).changed()).isFalse();
        assertThat(migrations.status().current()).contains(INITIAL);
        assertThat(migrations.downgradeTo(SchemaMigrations.BASE).to()).isEqualTo(SchemaMigrations.BASE);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    @Test
    @Order(2)
    void aFailingRevisionIsWhatIsThrownAndTheLockIsFreed(@TempDir Path resources) throws IOException {
        SchemaMigrations migrations = new SchemaMigrations(pool,
                changelogWith(resources, "SELECT no_such_column FROM no_such_table"));

        assertThatThrownBy(migrations::upgrade).isInstanceOf(SchemaException.class)
                .hasMessageContaining("no_such_table");
        // The advisory lock went with the failure: the next attempt fails the same way instead of waiting.
        assertThatThrownBy(migrations::upgrade).hasMessageContaining("no_such_table");
        assertThat(TestPostgres.query(pool, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).isEqualTo("0");
        assertThat(migrations.status().pending()).containsExactly("20990101_broken");
    }

    @Test
    @Order(3)
    void whenTheUnlockFailsTooTheRevisionsErrorIsThrownWithTheUnlocksSuppressed(@TempDir Path resources)
            throws IOException {
        // The changeset kills its own connection: Liquibase fails, and so does everything after it on
        // that connection, the rollback and the unlock included.
        SchemaMigrations migrations = new SchemaMigrations(pool,
                changelogWith(resources, "SELECT pg_terminate_backend(pg_backend_pid())"));

        assertThatThrownBy(migrations::upgrade).isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("Liquibase failed: ")
                .hasMessageContaining("terminat")
                .satisfies(e -> assertThat(e.getSuppressed()).isNotEmpty());
        assertThat(new SchemaMigrations(pool).status().pending()).containsExactly(INITIAL);
    }

    /** A resources root whose only revision runs {@code sql}. */
    private static ChangelogSource changelogWith(Path resources, String sql) throws IOException {
        Path changelog = resources.resolve(ChangelogSource.MASTER_CHANGELOG).getParent();
        Files.createDirectories(changelog.resolve("revisions"));
        Files.writeString(changelog.resolve("master.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                    <include file="revisions/20990101_broken.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        Files.writeString(changelog.resolve("revisions/20990101_broken.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd"
                        logicalFilePath="revisions/20990101_broken.xml">
                    <changeSet id="20990101_broken-01" author="test">
                        <sql>%s</sql>
                        <rollback/>
                    </changeSet>
                    <changeSet id="20990101_broken-02-tag" author="test">
                        <tagDatabase tag="20990101_broken"/>
                    </changeSet>
                </databaseChangeLog>
                """.formatted(sql));
        return ChangelogSource.directory(resources);
    }
}
