package dev.avatarbot.schema.transfer;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;

/**
 * Compares the count and a content checksum of each table's transferred rows between the source,
 * in the snapshot the transfer read, and the target. Each table is checked on connections of its
 * own as soon as it is done, while the next one moves.
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
    void submit(TableLayout layout, List<String> rejectedKeys) {
        pending.add(verifiers.submit(() -> verifyInSnapshot(layout, rejectedKeys)));
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

    private Optional<String> verifyInSnapshot(TableLayout layout, List<String> rejectedKeys) throws SQLException {
        try (Connection src = DatabaseConnections.open(source); Connection dst = DatabaseConnections.open(target)) {
            SourceSnapshot.join(src, snapshot);
            Optional<String> mismatch = verify(src, dst, layout, rejectedKeys);
            src.commit();
            return mismatch;
        }
    }

    /** Compares count and content checksum of the transferred rows; a mismatch names the table. */
    private static Optional<String> verify(Connection src, Connection dst, TableLayout layout, List<String> rejectedKeys)
            throws SQLException {
        // The source's values as the transfer saw them: COPY text, cast to the target's types.
        String sourceRows = "SELECT " + layout.columns().stream()
                .map(c -> "CAST(CAST(src." + c.quoted() + " AS text) AS " + c.type() + ") AS " + c.quoted())
                .collect(Collectors.joining(", ")) + " FROM (" + layout.sourceQuery() + ") src";
        // Both sides at once: each is a full scan on its own server.
        CompletableFuture<Checksum> expected = CompletableFuture.supplyAsync(() -> {
            try {
                return checksum(src, sourceRows, layout, rejectedKeys);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        Checksum actual = checksum(dst, "SELECT " + layout.columnList(null) + " FROM " + layout.table().table, layout,
                rejectedKeys);
        Checksum sourceSum;
        try {
            sourceSum = expected.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
        if (sourceSum.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: source has %d rows to transfer, target has %d%s",
                layout.table().table, sourceSum.rows(), actual.rows(),
                sourceSum.rows() == actual.rows() ? ", with different contents" : ""));
    }

    /** Row count and an order-independent sum of per-row hashes. */
    private record Checksum(long rows, BigDecimal sum) {
    }

    private static Checksum checksum(Connection connection, String rows, TableLayout layout, List<String> rejectedKeys)
            throws SQLException {
        String text = layout.columns().stream()
                .map(c -> "COALESCE(CAST(r." + c.quoted() + " AS text), '\\N')")
                .collect(Collectors.joining(" || '|' || "));
        String sql = "SELECT count(*), COALESCE(sum(hashtextextended(" + text + ", 0)::numeric), 0)"
                + " FROM (" + rows + ") r WHERE NOT (CAST(r.id AS text) = ANY (?))";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array keys = connection.createArrayOf("text", rejectedKeys.toArray());
            statement.setArray(1, keys);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new Checksum(result.getLong(1), result.getBigDecimal(2));
            }
        }
    }
}
