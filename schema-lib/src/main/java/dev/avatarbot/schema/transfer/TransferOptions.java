package dev.avatarbot.schema.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.avatarbot.schema.migration.MigrationGuard;

/**
 * How a transfer runs.
 *
 * @param dryRun          read and validate everything, write reject files and the summary, change nothing
 * @param batchSize       rows per committed batch
 * @param rejectDirectory where {@code <table>.rejects.csv} files go
 * @param selects         per table, a SELECT on the source whose columns are named like the target's;
 *                        tables not named here are read as {@code SELECT * FROM <table>}
 * @param progressEvery   at most how often progress is reported on a long table
 * @param jobs            connections that work at the same time (by default the machine's cores)
 * @param verify          compare counts and checksums with the source afterwards (default; off only to time the load alone)
 * @param guard           how long a step that takes a table lock on the target waits, and how often it is tried
 *                        (the upgrade guard's {@code lockTimeout} and {@code lockRetries}); its statement
 *                        timeout, when set, bounds every statement on both sides (a table's read is one)
 * @param live            the target is in service: every key and index stays up (the merge path) and the
 *                        rows other sessions write are left alone; without it a target with other sessions
 *                        connected is refused
 */
public record TransferOptions(boolean dryRun, int batchSize, Path rejectDirectory, Map<String, String> selects,
                              Duration progressEvery, int jobs, boolean verify, MigrationGuard guard, boolean live) {

    public static final int DEFAULT_BATCH_SIZE = 50_000;

    public TransferOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be positive, was " + jobs);
        }
        selects = Map.copyOf(selects);
        Objects.requireNonNull(guard, "guard");
    }

    public static TransferOptions defaults(Path rejectDirectory) {
        return new TransferOptions(false, DEFAULT_BATCH_SIZE, rejectDirectory, Map.of(), Duration.ofSeconds(5),
                Runtime.getRuntime().availableProcessors(), true, MigrationGuard.DEFAULT, false);
    }

    public TransferOptions withDryRun(boolean value) {
        return new TransferOptions(value, batchSize, rejectDirectory, selects, progressEvery, jobs, verify, guard, live);
    }

    public TransferOptions withBatchSize(int value) {
        return new TransferOptions(dryRun, value, rejectDirectory, selects, progressEvery, jobs, verify, guard, live);
    }

    public TransferOptions withJobs(int value) {
        return new TransferOptions(dryRun, batchSize, rejectDirectory, selects, progressEvery, value, verify, guard, live);
    }

    public TransferOptions withVerify(boolean value) {
        return new TransferOptions(dryRun, batchSize, rejectDirectory, selects, progressEvery, jobs, value, guard, live);
    }

    public TransferOptions withSelects(Map<String, String> value) {
        return new TransferOptions(dryRun, batchSize, rejectDirectory, value, progressEvery, jobs, verify, guard, live);
    }

    public TransferOptions withGuard(MigrationGuard value) {
        return new TransferOptions(dryRun, batchSize, rejectDirectory, selects, progressEvery, jobs, verify, value, live);
    }

    public TransferOptions withLive(boolean value) {
        return new TransferOptions(dryRun, batchSize, rejectDirectory, selects, progressEvery, jobs, verify, guard, value);
    }
}
