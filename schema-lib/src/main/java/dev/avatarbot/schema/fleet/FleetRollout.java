package dev.avatarbot.schema.fleet;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.fleet.TargetResult.Status;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.MigrationGuard;
import dev.avatarbot.schema.migration.MigrationResult;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;

/**
 * Rolls the schema out over a fleet of databases in one process, the changelog parsed once per
 * worker thread (not once per target): the first {@link Options#canary()} targets one at a time, then waves of
 * {@link Options#parallel()} targets in the given order, a wave starting only when every target of
 * the one before succeeded. After a failure the running wave finishes and nothing new starts (the
 * rest are {@code skipped}), unless {@link Options#continueOnFailure()}. Each target is upgraded by
 * its own {@link SchemaMigrations} under the same guard as a single upgrade (advisory lock, lock
 * timeout and retries), so running the same rollout again after a fix resumes it: targets already
 * at the revision are {@code current} and untouched. After each target, the rollout waits up to
 * {@link Options#maxReplicaLag()} for every standby streaming from its server to replay the change
 * ({@link Standbys}); a standby that does not catch up fails the target, naming the standby.
 */
public final class FleetRollout {

    /**
     * @param canary            how many targets go first, one at a time
     * @param parallel          how many targets a wave after the canaries runs at once
     * @param continueOnFailure keep starting waves after a target failed
     * @param maxReplicaLag     how long, after a target's change, to wait for every standby streaming
     *                          from its server to replay it; {@link Duration#ZERO} does not wait
     */
    public record Options(int canary, int parallel, boolean continueOnFailure, Duration maxReplicaLag) {

        /** How long a target waits for its standbys unless told otherwise. */
        public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(30);

        public static final Options DEFAULT = new Options(1, 4, false);

        public Options {
            if (canary < 0) {
                throw new SchemaException.UserError("schema.fleet.canary must be 0 or more, not " + canary + ".");
            }
            if (parallel < 1) {
                throw new SchemaException.UserError("schema.fleet.parallel must be 1 or more, not " + parallel + ".");
            }
            Objects.requireNonNull(maxReplicaLag, "maxReplicaLag");
            if (maxReplicaLag.isNegative()) {
                throw new SchemaException.UserError("schema.fleet.maxReplicaLag must be 0 or more, not " + maxReplicaLag + ".");
            }
        }

        /** Waiting at most {@link #DEFAULT_MAX_REPLICA_LAG} for standbys. */
        public Options(int canary, int parallel, boolean continueOnFailure) {
            this(canary, parallel, continueOnFailure, DEFAULT_MAX_REPLICA_LAG);
        }
    }

    private final ChangelogSource changelog;
    private final MigrationGuard guard;
    private final Options options;

    public FleetRollout(ChangelogSource changelog, MigrationGuard guard, Options options) {
        this.changelog = Objects.requireNonNull(changelog, "changelog");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Brings every target up to {@code revision} ({@code null}: the newest). */
    public FleetReport upgrade(List<FleetTarget> targets, String revision, FleetListener listener) {
        return roll("upgrade", targets, listener, migrations -> {
            MigrationResult result = migrations.upgradeTo(revision);
            return new Outcome(result, result.changed() ? Status.UPGRADED : Status.CURRENT);
        });
    }

    /** Rolls every target back to {@code revision} ({@link SchemaMigrations#BASE}: all of them). */
    public FleetReport downgrade(List<FleetTarget> targets, String revision, FleetListener listener) {
        return roll("downgrade", targets, listener, migrations -> {
            MigrationResult result = migrations.downgradeTo(revision);
            return new Outcome(result, result.changed() ? Status.DOWNGRADED : Status.CURRENT);
        });
    }

    /**
     * Reads every target's revision, {@link Options#parallel()} at a time, changing nothing: each is
     * {@code current}, {@code behind} (with how many revisions are pending) or {@code unreachable}.
     */
    public FleetReport check(List<FleetTarget> targets, FleetListener listener) {
        return readEach("check", targets, listener, FleetRollout::checkOne);
    }

    /**
     * Names each target's drift, {@link Options#parallel()} at a time, changing nothing: each is
     * {@code verified} (exactly what its revision describes), {@code drifted} (every difference
     * named, as {@link SchemaMigrations#drift} finds them) or {@code unreachable}. Each target's
     * expected schema is rebuilt in a scratch database of its own from {@code scratches}, closed
     * (dropped) after it.
     */
    public FleetReport verify(List<FleetTarget> targets, Supplier<DatabaseHandle.ScratchDatabase> scratches,
                              FleetListener listener) {
        Objects.requireNonNull(scratches, "scratches");
        return readEach("verify", targets, listener, (migrations, name) -> verifyOne(migrations, name, scratches));
    }

    /** Runs {@code read} on every target, {@link Options#parallel()} at a time, all of them whatever fails. */
    private FleetReport readEach(String goal, List<FleetTarget> targets, FleetListener listener, Read read) {
        ThreadLocal<SchemaMigrations> template = templates(targets);
        ExecutorService pool = pool(Math.min(options.parallel(), targets.size()));
        try {
            listener.waveStarting(1, targets.stream().map(FleetTarget::name).toList());
            List<Future<TargetResult>> running = new ArrayList<>();
            for (FleetTarget target : targets) {
                running.add(pool.submit(inCallersClassLoader(() -> {
                    TargetResult result = read.apply(template.get().on(target.dataSource()), target.name());
                    listener.targetFinished(result);
                    return result;
                })));
            }
            return new FleetReport(goal, collect(running));
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Read {
        TargetResult apply(SchemaMigrations migrations, String name);
    }

    private static TargetResult verifyOne(SchemaMigrations migrations, String name,
                                          Supplier<DatabaseHandle.ScratchDatabase> scratches) {
        long start = System.nanoTime();
        String revision;
        List<String> differences;
        try {
            revision = migrations.status().currentOrBase();
            try (DatabaseHandle.ScratchDatabase scratch = scratches.get()) {
                differences = migrations.drift(scratch.dataSource());
            }
        } catch (RuntimeException e) {
            return new TargetResult(name, null, null, Status.UNREACHABLE, secondsSince(start), reason(e), null);
        }
        return differences.isEmpty()
                ? new TargetResult(name, revision, revision, Status.VERIFIED, secondsSince(start), null, null)
                : new TargetResult(name, revision, revision, Status.DRIFTED, secondsSince(start),
                        differences.size() + " difference(s): " + String.join("; ", differences), null);
    }

    private static TargetResult checkOne(SchemaMigrations migrations, String name) {
        long start = System.nanoTime();
        try {
            SchemaStatus status = migrations.status();
            List<String> declared = status.declared();
            String head = declared.isEmpty() ? SchemaMigrations.BASE : declared.get(declared.size() - 1);
            int pending = status.pending().size();
            return new TargetResult(name, status.currentOrBase(), head, pending == 0 ? Status.CURRENT : Status.BEHIND,
                    secondsSince(start), null, pending);
        } catch (RuntimeException e) {
            return new TargetResult(name, null, null, Status.UNREACHABLE, secondsSince(start), reason(e), null);
        }
    }

    private record Outcome(MigrationResult result, Status status) {
    }

    @FunctionalInterface
    private interface Change {
        Outcome apply(SchemaMigrations migrations);
    }

    private FleetReport roll(String goal, List<FleetTarget> targets, FleetListener listener, Change change) {
        ThreadLocal<SchemaMigrations> template = templates(targets);
        List<TargetResult> results = new ArrayList<>();
        ExecutorService pool = pool(Math.min(options.parallel(), targets.size()));
        try {
            List<List<FleetTarget>> waves = waves(targets);
            boolean stopped = false;
            for (int i = 0; i < waves.size(); i++) {
                List<FleetTarget> wave = waves.get(i);
                if (stopped) {
                    wave.forEach(target -> results.add(TargetResult.skipped(target.name())));
                    continue;
                }
                listener.waveStarting(i + 1, wave.stream().map(FleetTarget::name).toList());
                List<Future<TargetResult>> running = new ArrayList<>();
                for (FleetTarget target : wave) {
                    running.add(pool.submit(inCallersClassLoader(() -> {
                        TargetResult result = changeOne(template.get().on(target.dataSource()), target, change);
                        listener.targetFinished(result);
                        return result;
                    })));
                }
                List<TargetResult> done = collect(running);
                results.addAll(done);
                stopped = !options.continueOnFailure() && done.stream().anyMatch(TargetResult::failed);
            }
            List<String> skipped = results.stream().filter(r -> r.status() == Status.SKIPPED).map(TargetResult::name).toList();
            if (!skipped.isEmpty()) {
                listener.stopped(skipped);
            }
            return new FleetReport(goal, results);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Changes one target, then waits for its server's standbys to replay what it has written (also
     * when it was already current, so that a run after a standby fell behind checks it again).
     */
    private TargetResult changeOne(SchemaMigrations migrations, FleetTarget target, Change change) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = change.apply(migrations);
        } catch (RuntimeException e) {
            // Where the failure left it (a failed changeset is rolled back), when it can still be read.
            String now = revisionOrNull(migrations);
            return new TargetResult(target.name(), null, now, Status.FAILED, secondsSince(start), reason(e), null);
        }
        MigrationResult result = outcome.result();
        try {
            Standbys.awaitReplay(target.dataSource(), options.maxReplicaLag());
        } catch (RuntimeException e) {
            return new TargetResult(target.name(), result.from(), result.to(), Status.FAILED, secondsSince(start),
                    reason(e), null);
        }
        return new TargetResult(target.name(), result.from(), result.to(), outcome.status(), secondsSince(start),
                null, null);
    }

    private static String revisionOrNull(SchemaMigrations migrations) {
        try {
            return migrations.status().currentOrBase();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The canaries alone, then waves of the parallel count, in the targets' order. */
    List<List<FleetTarget>> waves(List<FleetTarget> targets) {
        List<List<FleetTarget>> waves = new ArrayList<>();
        int canaries = Math.min(options.canary(), targets.size());
        for (int i = 0; i < canaries; i++) {
            waves.add(List.of(targets.get(i)));
        }
        for (int i = canaries; i < targets.size(); i += options.parallel()) {
            waves.add(List.copyOf(targets.subList(i, Math.min(i + options.parallel(), targets.size()))));
        }
        return waves;
    }

    /**
     * The migrations each worker thread makes its targets' from: one parse of the changelog per
     * thread (at most {@link Options#parallel()}), shared by the targets that thread runs one after
     * another. Targets running at the same time must not share one: Liquibase keeps a run's state on
     * the parsed {@code ChangeSet}s (the target's stored checksum and file path while validating, the
     * exec type, generated SQL, times and error while executing), so two targets at once would read
     * each other's.
     */
    private ThreadLocal<SchemaMigrations> templates(List<FleetTarget> targets) {
        if (targets.isEmpty()) {
            throw new SchemaException.UserError("The fleet has no target.");
        }
        long distinct = targets.stream().map(FleetTarget::name).distinct().count();
        if (distinct != targets.size()) {
            throw new SchemaException.UserError("Two targets of the fleet have the same name: give each its own.");
        }
        javax.sql.DataSource first = targets.get(0).dataSource();
        return ThreadLocal.withInitial(() -> new SchemaMigrations(first, changelog).withGuard(guard));
    }

    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "schema-fleet");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Liquibase finds its services and the changelog through the context class loader: the caller's. */
    private static <T> java.util.concurrent.Callable<T> inCallersClassLoader(java.util.concurrent.Callable<T> work) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return () -> {
            Thread.currentThread().setContextClassLoader(loader);
            return work.call();
        };
    }

    private static List<TargetResult> collect(List<Future<TargetResult>> running) {
        List<TargetResult> results = new ArrayList<>();
        for (Future<TargetResult> future : running) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaException("Interrupted while the fleet's targets ran.", e);
            } catch (ExecutionException e) {
                throw new SchemaException("A fleet target's run failed: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }

    /** Why a target failed, in one line; a failed connection names the fleet file's URL, not DB_HOST. */
    private static String reason(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                SchemaException fleetWording = DatabaseConnections.describeFleetTarget(sql);
                if (fleetWording != null) {
                    return fleetWording.getMessage();
                }
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    private static double secondsSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
