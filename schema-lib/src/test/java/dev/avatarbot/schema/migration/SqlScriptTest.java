package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.avatarbot.schema.catalog.CatalogSnapshot;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class SqlScriptTest {

    private static void run(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void offlineUpgradeSqlBuildsTheSameSchemaAsUpgradeAndRecordsTheRevision() throws Exception {
        PGSimpleDataSource byScript = TestPostgres.createDatabase();
        PGSimpleDataSource byUpgrade = TestPostgres.createDatabase();
        try {
            SqlScript script = SchemaMigrations.offlineUpgradeSql(ChangelogSource.classpath(), null);
            assertThat(script.fileName()).isEqualTo("base__20250520_initial.sql");

            run(byScript, script.sql());
            new SchemaMigrations(byUpgrade).upgrade();

            assertThat(CatalogSnapshot.read(byScript)).isEqualTo(CatalogSnapshot.read(byUpgrade));
            assertThat(new SchemaMigrations(byScript).status().current()).contains("20250520_initial");
            new SchemaMigrations(byScript).verifyCurrent();
        } finally {
            TestPostgres.dropDatabase(byScript);
            TestPostgres.dropDatabase(byUpgrade);
        }
    }

    @Test
    void onlineSqlChangesNothingAndDowngradeSqlUndoesTheUpgrade() throws Exception {
        PGSimpleDataSource database = TestPostgres.createDatabase();
        try {
            SchemaMigrations migrations = new SchemaMigrations(database);
            SqlScript upgrade = migrations.upgradeSql(null);
            assertThat(upgrade.fileName()).isEqualTo("base__20250520_initial.sql");
            assertThat(CatalogSnapshot.read(database).lines()).as("generating SQL changes nothing").isEmpty();

            run(database, upgrade.sql());
            assertThat(migrations.status().current()).contains("20250520_initial");

            SqlScript downgrade = migrations.downgradeSql(SchemaMigrations.BASE);
            assertThat(downgrade.fileName()).isEqualTo("20250520_initial__base.sql");
            run(database, downgrade.sql());
            assertThat(CatalogSnapshot.read(database).lines()).isEmpty();
            assertThat(migrations.status().current()).isEmpty();
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }
}
