package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Compares the count and a content checksum of each table's transferred rows between the source,
 * in the snapshot the transfer read, and the target. Each table is checked on connections of its
 * own as soon as it is done, while the next one moves. A table whose values read the same on both
 * sides and that lost no row to a reject is first checked against the checksum of what the
 * transfer streamed ({@link RowChecksum}), which costs one read of the target and none of the
 * source; only when that differs (or cannot apply) does {@link TableComparison} read both sides
 * with casts, per key range, and name the rows. The rows the target's service wrote
 * ({@link ServiceRows}) are left out on both sides, read in the same target snapshot as the rest.
 * It works on the run's worker pairs.
 */
final class Verification implements AutoCloseable {

    private final TransferRun run;
    private final ExecutorService verifiers = Parallel.pool("avatar-db-verify", 2);
    private final List<Future<Optional<String>>> pending = new ArrayList<>();

    Verification(TransferRun run) {
        this.run = run;
    }

    /**
     * Starts checking a table whose rows are committed; rows with a rejected key are left out on
     * both sides, and so are the service's rows when the target may hold any ({@code serviceRows}).
     */
    void submit(TableLayout layout, List<String> rejectedKeys, RowChecksum streamed, List<String> leftAlone,
                boolean serviceRows) {
        pending.add(verifiers.submit(() -> {
            if (layout.sameText() && rejectedKeys.isEmpty() && !serviceRows && targetMatches(layout, streamed)) {
                return Optional.<String>empty();
            }
            List<String> leftOut = new ArrayList<>(rejectedKeys);
            leftOut.addAll(leftAlone);
            return verifyInSnapshot(layout, leftOut);
        }));
    }

    /** Waits for every check; returns the mismatches, one line per table. */
    List<String> mismatches() throws SQLException {
        List<String> mismatches = new ArrayList<>();
        for (Future<Optional<String>> verification : pending) {
            Parallel.await(verification, "verifying").ifPresent(mismatches::add);
        }
        return mismatches;
    }

    @Override
    public void close() {
        Parallel.stop(verifiers, run.sessions());
    }

    private boolean targetMatches(TableLayout layout, RowChecksum streamed) throws SQLException, IOException {
        RunSessions.Worker worker = run.sessions().borrow();
        try {
            Connection dst = worker.target().connection();
            boolean same = run.timeline().time("verifying: the target's checksum", layout.table().table,
                    Timeline.on(worker.target()), () -> RowChecksum.ofTarget(dst, layout).sameAs(streamed));
            dst.commit();
            return same;
        } finally {
            worker.target().connection().rollback();
            run.sessions().giveBack(worker);
        }
    }

    private Optional<String> verifyInSnapshot(TableLayout layout, List<String> leftOutKeys)
            throws SQLException, IOException {
        RunSessions.Worker worker = run.sessions().borrow();
        Connection src = worker.source();
        Connection dst = worker.target().connection();
        try {
            SourceSnapshot.join(src, run.snapshot());
            // One target snapshot for the service's rows and the comparison: a row written in between is in neither.
            Sql.execute(dst, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            List<String> leftOut = new ArrayList<>(leftOutKeys);
            if (run.options().live()) {
                leftOut.addAll(ServiceRows.keys(dst, layout, run.startedAt()));
            }
            Optional<String> mismatch = run.timeline().time("verifying: both sides compared", layout.table().table,
                    Timeline.on(worker.target()), () -> new TableComparison(layout, leftOut).compare(src, dst));
            if (mismatch.isPresent() && run.options().live()) {
                // Verified on the keys the transfer moved: the ones only the target has are the service's.
                leftOut.addAll(new TableComparison(layout, List.of()).targetOnlyKeys(src, dst));
                mismatch = new TableComparison(layout, leftOut).compare(src, dst);
            }
            dst.commit();
            src.commit();
            return mismatch;
        } finally {
            src.rollback();
            dst.rollback();
            run.sessions().giveBack(worker);
        }
    }
}
