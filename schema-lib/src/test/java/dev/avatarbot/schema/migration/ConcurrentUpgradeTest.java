package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.avatarbot.schema.testing.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class ConcurrentUpgradeTest {

    @Test
    void twoUpgradesStartedTogetherBothSucceedAndApplyTheSchemaOnce(DataSource dataSource) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrationResult>> runs = List.of(
                    pool.submit(() -> { start.await(); return new SchemaMigrations(dataSource).upgrade(); }),
                    pool.submit(() -> { start.await(); return new SchemaMigrations(dataSource).upgrade(); }));
            MigrationResult first = runs.get(0).get();
            MigrationResult second = runs.get(1).get();

            assertThat(List.of(first.changed(), second.changed())).containsExactlyInAnyOrder(true, false);
            assertThat(new SchemaMigrations(dataSource).status().current()).contains("20250520_initial");
        } finally {
            pool.shutdownNow();
        }
    }
}
