package dev.avatarbot.schema.transfer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times, on the same generated old database, in rounds whose order alternates so that no step always
 * pays for another's checkpoints and dirty buffers:
 * <ul>
 * <li>(a) the transfer into an empty target at head, verified, two ways: {@code mvn} as the user's whole
 * {@code mvn schema:migrate-data} process in a consumer project with a {@code .env} (when
 * {@code benchmark.consumer} names one: {@code benchmarks/transfer.sh} does), and {@link DataTransfer} in
 * this already started JVM;</li>
 * <li>(b) {@code pg_dump -Fd -j N} then {@code pg_restore -j N} into an empty database, N being the jobs
 * the transfer uses;</li>
 * <li>(c) the raw reference, a {@code psql \copy ... TO STDOUT | psql \copy ... FROM STDIN} pipe of the
 * same tables into an indexed target at head;</li>
 * <li>(d) a rerun of the transfer over a finished target (the merge path, nothing changes).</li>
 * </ul>
 * Every step gets a new database, made (and for (d) copied from a finished one) before its clock starts,
 * then a {@code CHECKPOINT}. Even rounds run a, b, c, d's steps in one order, odd rounds in the reverse.
 * Prints each round, the medians and their ratios, and this JVM's peak heap. Not a test: run
 * {@code benchmarks/transfer.sh} (all of it), or {@code ./mvnw -B -q -pl schema-lib -Pbenchmark
 * test-compile exec:exec} for the in-process steps only. Uses the server of AVATARDB_TEST_URL, or the
 * embedded one; pg_dump, pg_restore and psql must be on the PATH and match its major version.
 */
public final class TransferBenchmark {

    private static final List<String> TABLES = List.of("users", "user_balances", "user_states", "avatars", "avatar_photos");

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("benchmark.users", 200_000);
        int jobs = Integer.getInteger("benchmark.jobs", 0) > 0 ? Integer.getInteger("benchmark.jobs")
                : Runtime.getRuntime().availableProcessors();
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        // The Python project's database has its keys; -Dbenchmark.keyedSource=false measures a source without
        // any, where every set-based check runs.
        boolean keyedSource = Boolean.parseBoolean(System.getProperty("benchmark.keyedSource", "true"));
        String consumer = System.getProperty("benchmark.consumer", "");
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = startHeapSampler(peakHeap);

        PGSimpleDataSource old = TestPostgres.createDatabase();
        PGSimpleDataSource finished = TestPostgres.createDatabase();
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
            long rows = 0;
            for (String table : TABLES) {
                rows += count(old, table);
            }
            TransferOptions options = TransferOptions.defaults(Files.createTempDirectory("benchmark-rejects"))
                    .withJobs(jobs);
            System.out.println("Transferring once, untimed, into the target (d) reruns over...");
            new SchemaMigrations(finished).upgrade();
            requireClean(transfer(old, finished, options), true);
            long expectedPhotos = count(old, "avatar_photos");

            List<TimedStep> steps = new ArrayList<>();
            if (!consumer.isBlank()) {
                steps.add(new TimedStep("a-mvn", "(a) mvn schema:migrate-data, the whole process", "verified, incl. Maven's start-up",
                        target -> mavenTransfer(Path.of(consumer), old, target, jobs)));
            }
            List<String> jvmTimeline = new ArrayList<>();
            steps.add(new TimedStep("a-jvm", "(a) migrate-data in a started JVM", "verified, incl. checksums",
                    target -> {
                        TransferReport report = transfer(old, target, options);
                        requireClean(report, true);
                        jvmTimeline.clear();
                        jvmTimeline.addAll(report.timeline().lines());
                    }));
            steps.add(new TimedStep("b", "(b) pg_dump -Fd -j N + pg_restore -j N", "no checks", target -> {
                shell("rm -rf \"$DUMP\" && pg_dump -Fd -j " + jobs + " -f \"$DUMP\" -d \"$FROM\"", old, target, dump);
                shell("pg_restore -j " + jobs + " -d \"$TO\" \"$DUMP\"", old, target, dump);
            }).emptyTarget());
            steps.add(new TimedStep("c", "(c) psql \\copy pipe into the indexed target", "no checks", target -> {
                for (String table : TABLES) {
                    pipe(old, target, table);
                }
            }));
            steps.add(new TimedStep("d", "(d) migrate-data rerun (merge path)", "verified, nothing changes", target -> {
                TransferReport again = transfer(old, target, options);
                requireClean(again, true);
                if (again.tables().stream().anyMatch(t -> t.inserted() + t.updated() > 0)) {
                    throw new IllegalStateException("The rerun changed rows: " + again.summaryLines());
                }
            }).copyOf(finished));

            List<String> roundLines = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<TimedStep> order = new ArrayList<>(steps);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d:", round + 1));
                for (TimedStep step : order) {
                    double seconds = step.run(expectedPhotos);
                    line.append(String.format(Locale.ROOT, "  %s %.1f s", step.key, seconds));
                }
                line.append(String.format(Locale.ROOT, "   b/a-jvm %.2fx", ratio(steps, "b", "a-jvm", round)));
                if (!consumer.isBlank()) {
                    line.append(String.format(Locale.ROOT, "  b/a-mvn %.2fx", ratio(steps, "b", "a-mvn", round)));
                }
                line.append(String.format(Locale.ROOT, "  c/d %.2fx", ratio(steps, "c", "d", round)));
                roundLines.add(line.toString());
                System.out.println(line);
            }

            sampler.interrupt();
            System.out.println();
            System.out.printf(Locale.ROOT, "rows                                   %,d (jobs %d, source %s, %d rounds, order alternating,"
                    + " CHECKPOINT before each step)%n", rows, jobs, keyedSource ? "with its keys" : "without keys", rounds);
            roundLines.forEach(System.out::println);
            System.out.println("medians:");
            for (TimedStep step : steps) {
                line(step.label, step.median(), rows, step.note);
            }
            if (!consumer.isBlank()) {
                System.out.printf(Locale.ROOT, "ratio (b) / (a) as the user runs it (mvn)          %6.2f x   (target: at least 1.0)%n",
                        median(steps, "b") / median(steps, "a-mvn"));
            } else {
                System.out.println("(a) as the user's mvn process was not timed: run benchmarks/transfer.sh for it");
            }
            System.out.printf(Locale.ROOT, "ratio (b) / (a) in a started JVM                  %6.2f x   (target: at least 1.2)%n",
                    median(steps, "b") / median(steps, "a-jvm"));
            System.out.printf(Locale.ROOT, "ratio (c) / (d)                                   %6.2f x   (target: at least 1.3)%n",
                    median(steps, "c") / median(steps, "d"));
            System.out.printf(Locale.ROOT, "peak heap of this JVM                             %6.1f MiB (max heap %d MiB; target: under 256)%n",
                    peakHeap.get() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
            if (!consumer.isBlank()) {
                System.out.println();
                System.out.println("Timeline of the last (a) mvn run (-Dschema.transfer.timeline=true), seconds from the JVM's start:");
                timelineOf(Path.of(consumer).resolve("last-run.log")).forEach(System.out::println);
            }
            System.out.println();
            System.out.println("Timeline of the last (a) in a started JVM, seconds from the transfer's start:");
            jvmTimeline.forEach(line -> System.out.println("  " + line));
        } finally {
            for (PGSimpleDataSource database : List.of(old, finished)) {
                TestPostgres.dropDatabase(database);
            }
        }
    }

    /** One timed step: a new database before the clock starts, a CHECKPOINT, the step, its time. */
    private static final class TimedStep {
        final String key;
        final String label;
        final String note;
        final Target action;
        final List<Double> times = new ArrayList<>();
        boolean atHead = true;
        PGSimpleDataSource template;

        TimedStep(String key, String label, String note, Target action) {
            this.key = key;
            this.label = label;
            this.note = note;
            this.action = action;
        }

        TimedStep emptyTarget() {
            atHead = false;
            return this;
        }

        TimedStep copyOf(PGSimpleDataSource finished) {
            template = finished;
            return this;
        }

        double run(long expectedPhotos) throws Exception {
            PGSimpleDataSource target = template != null ? TestPostgres.copyDatabase(template) : TestPostgres.createDatabase();
            try {
                if (atHead && template == null) {
                    new SchemaMigrations(target).upgrade();
                }
                TestPostgres.execute(TestPostgres.adminDataSource(), "CHECKPOINT");
                long started = System.nanoTime();
                action.run(target);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (count(target, "avatar_photos") != expectedPhotos) {
                    throw new IllegalStateException(label + " did not copy every row");
                }
                times.add(seconds);
                return seconds;
            } finally {
                TestPostgres.dropDatabase(target);
            }
        }

        double median() {
            List<Double> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    private interface Target {
        void run(PGSimpleDataSource target) throws Exception;
    }

    private static TimedStep step(List<TimedStep> steps, String key) {
        return steps.stream().filter(s -> s.key.equals(key)).findFirst().orElseThrow();
    }

    private static double ratio(List<TimedStep> steps, String numerator, String denominator, int round) {
        return step(steps, numerator).times.get(round) / step(steps, denominator).times.get(round);
    }

    private static double median(List<TimedStep> steps, String key) {
        return step(steps, key).median();
    }

    /**
     * The user's command: {@code mvn schema:migrate-data} in the consumer project, DB_URL and OLD_DB_URL in its
     * {@code .env}, Maven's heap capped as the manual's Benchmarks page says.
     */
    private static void mavenTransfer(Path consumer, PGSimpleDataSource old, PGSimpleDataSource target, int jobs)
            throws Exception {
        Files.writeString(consumer.resolve(".env"), "DB_URL=" + jdbcUrl(target) + "\nOLD_DB_URL=" + jdbcUrl(old) + "\n");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "mvn -B " + System.getProperty("benchmark.mavenArgs", "")
                + " dev.avatarbot:schema-maven-plugin:" + System.getProperty("benchmark.version") + ":migrate-data"
                + " -Dschema.jobs=" + jobs + " -Dschema.transfer.timeline=true")
                .directory(consumer.toFile()).redirectErrorStream(true)
                .redirectOutput(consumer.resolve("last-run.log").toFile());
        builder.environment().put("MAVEN_OPTS", "-Xmx256m");
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("mvn schema:migrate-data exited with " + exit + ": see "
                    + consumer.resolve("last-run.log"));
        }
    }

    /** The timeline the goal printed into its log: the lines after its heading. */
    private static List<String> timelineOf(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        int heading = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Timeline, in seconds")) {
                heading = i;
            }
        }
        List<String> timeline = new ArrayList<>();
        for (int i = heading + 1; heading >= 0 && i < lines.size() && lines.get(i).startsWith("[INFO]   "); i++) {
            timeline.add(lines.get(i).substring("[INFO]".length()));
        }
        return timeline;
    }

    private static String jdbcUrl(PGSimpleDataSource dataSource) {
        return "jdbc:postgresql://" + dataSource.getServerNames()[0] + ":" + dataSource.getPortNumbers()[0] + "/"
                + dataSource.getDatabaseName() + "?user=" + dataSource.getUser()
                + (dataSource.getPassword() == null ? "" : "&password=" + dataSource.getPassword());
    }

    private static void line(String what, double seconds, long rows, String note) {
        System.out.printf(Locale.ROOT, "%-50s %8.1f s  %,10.0f rows/s  %s%n", what, seconds, rows / seconds, note);
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
