package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.core.DatabaseConnections;

/**
 * Compares the count and a content checksum of each table's transferred rows between the source,
 * in the snapshot the transfer read, and the target. Each table is checked on connections of its
 * own as soon as it is done, while the next one moves. A table whose values read the same on both
 * sides and that lost no row to a reject is first checked against the checksum of what the
 * transfer streamed ({@link RowChecksum}), which costs one read of the target and none of the
 * source; only when that differs (or cannot apply) does {@link TableComparison} read both sides
 * with casts, per key range, and name the rows.
 */
final class Verification implements AutoCloseable {

    private final DataSource source;
    private final DataSource target;
    private final String snapshot;
    private final ExecutorService verifiers = Parallel.pool("avatar-db-verify", 2);
    private final List<Future<Optional<String>>> pending = new ArrayList<>();

    Verification(DataSource source, DataSource target, String snapshot) {
        this.source = source;
        this.target = target;
        this.snapshot = snapshot;
    }

    /** Starts checking a table whose rows are committed; rows with a rejected key are left out on both sides. */
    void submit(TableLayout layout, List<String> rejectedKeys, RowChecksum streamed) {
        pending.add(verifiers.submit(() -> {
            if (layout.sameText() && rejectedKeys.isEmpty() && targetMatches(layout, streamed)) {
                return Optional.<String>empty();
            }
            return verifyInSnapshot(layout, rejectedKeys);
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
        verifiers.shutdownNow();
    }

    private boolean targetMatches(TableLayout layout, RowChecksum streamed) throws SQLException {
        try (Connection dst = DatabaseConnections.open(target)) {
            dst.setAutoCommit(false);
            boolean same = RowChecksum.ofTarget(dst, layout).sameAs(streamed);
            dst.commit();
            return same;
        }
    }

    private Optional<String> verifyInSnapshot(TableLayout layout, List<String> rejectedKeys) throws SQLException {
        try (Connection src = DatabaseConnections.open(source, SettingsResolver.SOURCE);
             Connection dst = DatabaseConnections.open(target)) {
            SourceSnapshot.join(src, snapshot);
            dst.setAutoCommit(false);
            Optional<String> mismatch = new TableComparison(layout, rejectedKeys).compare(src, dst);
            dst.commit();
            src.commit();
            return mismatch;
        }
    }
}
