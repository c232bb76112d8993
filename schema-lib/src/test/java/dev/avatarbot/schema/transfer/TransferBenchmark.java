package dev.avatarbot.schema.transfer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times {@link DataTransfer} on a generated old database against the raw reference, a
 * {@code psql \copy ... TO STDOUT | psql \copy ... FROM STDIN} pipe of the same tables into the same
 * schema, and prints both, their ratio and the JVM's peak heap. Not a test: run it with
 * {@code mvn -B -q -pl schema-lib -Pbenchmark test-compile exec:exec [-Dbenchmark.users=200000]}
 * (see README). Uses the server of AVATARDB_TEST_URL, or the embedded one.
 */
public final class TransferBenchmark {

    private static final List<String> TABLES = List.of("users", "user_balances", "user_states", "avatars", "avatar_photos");

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("benchmark.users", 200_000);
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = startHeapSampler(peakHeap);

        PGSimpleDataSource old = TestPostgres.createDatabase();
        PGSimpleDataSource target = TestPostgres.createDatabase();
        PGSimpleDataSource reference = TestPostgres.createDatabase();
        try {
            System.out.printf(Locale.ROOT, "Generating the old database: %,d users, %,d avatars, %,d photos...%n",
                    users, 2L * users, 10L * users);
            OldDatabase.createTables(old);
            OldDatabase.fill(old, users);
            TestPostgres.execute(old, "VACUUM ANALYZE");
            new SchemaMigrations(target).upgrade();
            new SchemaMigrations(reference).upgrade();

            long rows = 0;
            for (String table : TABLES) {
                rows += count(old, table);
            }

            Path rejects = Files.createTempDirectory("benchmark-rejects");
            long started = System.nanoTime();
            TransferReport report = new DataTransfer(old, target, TransferOptions.defaults(rejects),
                    new TransferListener() {
                        @Override
                        public void progress(String table, long done, long total, double rate, double left) {
                            System.out.printf(Locale.ROOT, "  %s: %,d of %,d rows, %,.0f rows/s%n", table, done, total, rate);
                        }
                    }).run();
            double ours = (System.nanoTime() - started) / 1e9;
            report.summaryLines().forEach(line -> System.out.println("  " + line));
            if (!report.mismatches().isEmpty() || report.rejected() > 0) {
                throw new IllegalStateException("The transfer did not verify: " + report.mismatches());
            }

            started = System.nanoTime();
            for (String table : TABLES) {
                pipe(old, reference, table);
            }
            double pipe = (System.nanoTime() - started) / 1e9;
            if (count(reference, "avatar_photos") != count(target, "avatar_photos")) {
                throw new IllegalStateException("The reference pipe did not copy every row");
            }

            sampler.interrupt();
            System.out.println();
            System.out.printf(Locale.ROOT, "rows                    %,d%n", rows);
            System.out.printf(Locale.ROOT, "schema:migrate-data     %8.1f s  %,10.0f rows/s (verified, incl. checksums)%n", ours, rows / ours);
            System.out.printf(Locale.ROOT, "psql \\copy pipe         %8.1f s  %,10.0f rows/s%n", pipe, rows / pipe);
            System.out.printf(Locale.ROOT, "ratio (ours / pipe)     %8.2f x   (target: at least 0.80)%n", pipe / ours);
            System.out.printf(Locale.ROOT, "peak heap               %8.1f MiB (max heap %d MiB; target: under 256)%n",
                    peakHeap.get() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
        } finally {
            TestPostgres.dropDatabase(old);
            TestPostgres.dropDatabase(target);
            TestPostgres.dropDatabase(reference);
        }
    }

    private static long count(PGSimpleDataSource dataSource, String table) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The raw reference: psql's \copy out of the old table piped into psql's \copy into the new one. */
    private static void pipe(PGSimpleDataSource from, PGSimpleDataSource to, String table) throws Exception {
        String columns = "users".equals(table) ? "id, telegram_id, first_name, last_name, username, language_code, is_premium, created_at, updated_at"
                : "user_balances".equals(table) ? "id, user_id, coins, created_at, updated_at"
                : "user_states".equals(table) ? "id, user_id, state_data, created_at, updated_at"
                : "avatars".equals(table) ? "id, user_id, name, gender, status, is_draft, avatar_data, created_at, updated_at"
                : "id, avatar_id, minio_key, \"order\", created_at, updated_at";
        String command = "psql -X -q -d \"$FROM\" -c '\\copy (SELECT " + columns + " FROM " + table
                + ") TO STDOUT' | psql -X -q -v ON_ERROR_STOP=1 -d \"$TO\" -c '\\copy " + table + " ("
                + columns + ") FROM STDIN'";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).inheritIO();
        builder.environment().put("FROM", libpqUrl(from));
        builder.environment().put("TO", libpqUrl(to));
        if (from.getPassword() != null) {
            builder.environment().put("PGPASSWORD", from.getPassword());
        }
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("psql pipe for " + table + " exited with " + exit);
        }
    }

    private static String libpqUrl(PGSimpleDataSource dataSource) {
        return "postgresql://" + dataSource.getUser() + "@" + dataSource.getServerNames()[0] + ":"
                + dataSource.getPortNumbers()[0] + "/" + dataSource.getDatabaseName();
    }

    private static Thread startHeapSampler(AtomicLong peak) {
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    private TransferBenchmark() {
    }
}
