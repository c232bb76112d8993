package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import dev.avatarbot.schema.catalog.CatalogSnapshot;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class SchemaRoundTripTest {

    @Test
    void upgradeDowngradeToBaseUpgradeLeavesAnIdenticalCatalog(DataSource dataSource) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);
        migrations.upgrade();
        CatalogSnapshot first = CatalogSnapshot.read(dataSource);

        migrations.downgradeTo(SchemaMigrations.BASE);
        CatalogSnapshot base = CatalogSnapshot.read(dataSource);
        assertThat(base.lines()).as("nothing of ours is left at base").isEmpty();
        assertThat(migrations.status().current()).isEmpty();

        migrations.upgrade();
        assertThat(CatalogSnapshot.read(dataSource)).isEqualTo(first);
        assertThat(first.lines()).isNotEmpty();
    }
}
