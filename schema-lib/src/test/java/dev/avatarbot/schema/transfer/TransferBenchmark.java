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
 * Times, in one run on the same generated old database: (a) {@link DataTransfer} into an empty target
 * at head, with and without its verification; (b) {@code pg_dump -Fd -j N} then {@code pg_restore -j N}
 * into an empty database, N being the jobs the transfer used; (c) the raw reference, a
 * {@code psql \copy ... TO STDOUT | psql \copy ... FROM STDIN} pipe of the same tables into the
 * indexed target; (d) a rerun of the transfer over (a)'s finished target (the merge path, nothing
 * changes). Prints each time, rows/s, the ratios and the JVM's peak heap. Not a test: run it with
 * {@code ./mvnw -B -q -pl schema-lib -Pbenchmark test-compile exec:exec [-Dbenchmark.users=200000]
 * [-Dbenchmark.jobs=N]} (see README). Uses the server of AVATARDB_TEST_URL, or the embedded one;
 * pg_dump, pg_restore and psql must be on the PATH and match its major version.
 */
public final class TransferBenchmark {

    private static final List<String> TABLES = List.of("users", "user_balances", "user_states", "avatars", "avatar_photos");

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("benchmark.users", 200_000);
        int jobs = Integer.getInteger("benchmark.jobs", 0) > 0 ? Integer.getInteger("benchmark.jobs")
                : Runtime.getRuntime().availableProcessors();
        // The Python project's database has its keys; -Dbenchmark.keyedSource=false measures a source without
        // any, where every set-based check runs.
        boolean keyedSource = Boolean.parseBoolean(System.getProperty("benchmark.keyedSource", "true"));
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = startHeapSampler(peakHeap);

        PGSimpleDataSource old = TestPostgres.createDatabase();
        PGSimpleDataSource target = TestPostgres.createDatabase();
        PGSimpleDataSource unverified = TestPostgres.createDatabase();
        PGSimpleDataSource restored = TestPostgres.createDatabase();
        PGSimpleDataSource reference = TestPostgres.createDatabase();
        Path dump = Files.createTempDirectory("benchmark-dump").resolve("old");
        try {
            System.out.printf(Locale.ROOT, "Generating the old database: %,d users, %,d avatars, %,d photos, %s...%n",
                    users, 2L * users, 10L * users, keyedSource ? "with its keys" : "without keys");
            OldDatabase.createTables(old);
            OldDatabase.fill(old, users);
            if (keyedSource) {
                OldDatabase.addKeys(old);
            }
            TestPostgres.execute(old, "VACUUM ANALYZE");
            for (PGSimpleDataSource atHead : List.of(target, unverified, reference)) {
                new SchemaMigrations(atHead).upgrade();
            }
            long rows = 0;
            for (String table : TABLES) {
                rows += count(old, table);
            }
            TransferOptions options = TransferOptions.defaults(Files.createTempDirectory("benchmark-rejects"))
                    .withJobs(jobs);

            double ours = time(() -> requireClean(transfer(old, target, options), true));
            double oursUnverified = time(() -> requireClean(transfer(old, unverified, options.withVerify(false)), false));
            double pgRestore = time(() -> {
                shell("pg_dump -Fd -j " + jobs + " -f \"$DUMP\" -d \"$FROM\"", old, restored, dump);
                shell("pg_restore -j " + jobs + " -d \"$TO\" \"$DUMP\"", old, restored, dump);
            });
            double pipe = time(() -> {
                for (String table : TABLES) {
                    pipe(old, reference, table);
                }
            });
            if (count(reference, "avatar_photos") != count(target, "avatar_photos")
                    || count(restored, "avatar_photos") != count(target, "avatar_photos")) {
                throw new IllegalStateException("The reference pipe or pg_restore did not copy every row");
            }
            double rerun = time(() -> {
                TransferReport again = transfer(old, target, options);
                requireClean(again, true);
                if (again.tables().stream().anyMatch(t -> t.inserted() + t.updated() > 0)) {
                    throw new IllegalStateException("The rerun changed rows: " + again.summaryLines());
                }
            });

            sampler.interrupt();
            System.out.println();
            System.out.printf(Locale.ROOT, "rows                                   %,d (jobs %d, source %s)%n", rows, jobs,
                    keyedSource ? "with its keys" : "without keys");
            line("(a) migrate-data into an empty target", ours, rows, "verified, incl. checksums");
            line("(a) the same without verification", oursUnverified, rows, "");
            line("(b) pg_dump -Fd -j N | pg_restore -j N", pgRestore, rows, "no checks");
            line("(c) psql \\copy pipe into the indexed target", pipe, rows, "no checks");
            line("(d) migrate-data rerun (merge path)", rerun, rows, "verified, nothing changes");
            System.out.printf(Locale.ROOT, "ratio (b) / (a)                         %6.2f x   (target: at least 1.0; 0.8 to resolve)%n", pgRestore / ours);
            System.out.printf(Locale.ROOT, "ratio (b) / (a) without verification    %6.2f x%n", pgRestore / oursUnverified);
            System.out.printf(Locale.ROOT, "ratio (c) / (a)                         %6.2f x%n", pipe / ours);
            System.out.printf(Locale.ROOT, "ratio (c) / (d)                         %6.2f x   (target: at least 1.0)%n", pipe / rerun);
            System.out.printf(Locale.ROOT, "peak heap                               %6.1f MiB (max heap %d MiB; target: under 256)%n",
                    peakHeap.get() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
        } finally {
            for (PGSimpleDataSource database : List.of(old, target, unverified, restored, reference)) {
                TestPostgres.dropDatabase(database);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double time(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static void line(String what, double seconds, long rows, String note) {
        System.out.printf(Locale.ROOT, "%-42s %8.1f s  %,10.0f rows/s  %s%n", what, seconds, rows / seconds, note);
    }

    private static TransferReport transfer(PGSimpleDataSource from, PGSimpleDataSource to, TransferOptions options) {
        return new DataTransfer(from, to, options, new TransferListener() {
            @Override
            public void progress(String table, long done, long total, double rate, double left) {
                System.out.printf(Locale.ROOT, "  %s: %,d of %,d rows, %,.0f rows/s%n", table, done, total, rate);
            }
        }).run();
    }

    private static void requireClean(TransferReport report, boolean verified) {
        report.summaryLines().forEach(line -> System.out.println("  " + line));
        if (report.verified() != verified || !report.mismatches().isEmpty() || report.rejected() > 0) {
            throw new IllegalStateException("The transfer did not verify: " + report.mismatches());
        }
    }

    /** Runs a bash command with FROM, TO (libpq URLs) and DUMP in its environment. */
    private static void shell(String command, PGSimpleDataSource from, PGSimpleDataSource to, Path dump) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).inheritIO();
        builder.environment().put("FROM", libpqUrl(from));
        builder.environment().put("TO", libpqUrl(to));
        builder.environment().put("DUMP", dump.toString());
        if (from.getPassword() != null) {
            builder.environment().put("PGPASSWORD", from.getPassword());
        }
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " exited with " + exit);
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
        shell(command, from, to, Path.of("unused"));
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
