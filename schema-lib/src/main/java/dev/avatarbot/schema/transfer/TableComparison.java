package dev.avatarbot.schema.transfer;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Compares one table's transferred rows between the source (as the transfer saw them: COPY text
 * cast to the target's types) and the target: a row count and an order-independent content
 * checksum per key range, both sides at once. A mismatch names the first differing range, which is
 * then read row by row on both sides, in key order, to list up to {@value #KEYS_LISTED} keys whose
 * rows differ or are missing on one side. Rows with a rejected key are left out on both sides.
 */
final class TableComparison {

    static final int RANGES = 16;
    static final int KEYS_LISTED = 20;

    private final TableLayout layout;
    private final List<String> rejectedKeys;
    private final boolean integerKeys;
    private long low;
    private long high;

    TableComparison(TableLayout layout, List<String> rejectedKeys) {
        this.layout = layout;
        this.rejectedKeys = rejectedKeys.stream().filter(Objects::nonNull).toList();
        this.integerKeys = layout.column(TransferTable.PRIMARY_KEY).type().equals("bigint");
    }

    /** Empty when source and target agree; else one line naming the table, the range and the keys. */
    Optional<String> compare(Connection src, Connection dst) throws SQLException {
        if (integerKeys) {
            String bounds = Sql.value(dst, "SELECT COALESCE(min(id), 0) || ',' || COALESCE(max(id), 0) + 1 FROM "
                    + layout.table().table);
            low = Long.parseLong(bounds.split(",")[0]);
            high = Math.max(low + 1, Long.parseLong(bounds.split(",")[1]));
        }
        String sourceRows = sourceRows();
        String targetRows = "SELECT " + layout.columnList(null) + " FROM " + layout.table().table;
        Map<Integer, Checksum> expected;
        Map<Integer, Checksum> actual;
        // Both sides at once: each is a full scan on its own server.
        CompletableFuture<Map<Integer, Checksum>> fromSource = CompletableFuture.supplyAsync(() -> {
            try {
                return checksums(src, sourceRows);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        actual = checksums(dst, targetRows);
        try {
            expected = fromSource.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        long sourceCount = expected.values().stream().mapToLong(Checksum::rows).sum();
        long targetCount = actual.values().stream().mapToLong(Checksum::rows).sum();
        TreeSet<Integer> ranges = new TreeSet<>(expected.keySet());
        ranges.addAll(actual.keySet());
        int range = ranges.stream().filter(r -> !Objects.equals(expected.get(r), actual.get(r))).findFirst().orElseThrow();
        List<String> keys = differingKeys(src, sourceRows, dst, targetRows, range);
        return Optional.of(String.format(Locale.ROOT,
                "%s: source has %d rows to transfer, target has %d%s; first differing key range: %s (source %d rows,"
                        + " target %d); keys that differ: %s%s",
                layout.table().table, sourceCount, targetCount, sourceCount == targetCount ? ", with different contents" : "",
                describe(range), rows(expected.get(range)), rows(actual.get(range)), String.join(", ", keys),
                keys.size() == KEYS_LISTED ? " and maybe more" : ""));
    }

    /** The source's rows as the target holds them: cast to its types, a null taking the target's default. */
    private String sourceRows() {
        return "SELECT " + layout.columns().stream()
                .map(c -> c.asOnSource("src") + " AS " + c.quoted())
                .collect(Collectors.joining(", ")) + " FROM (" + layout.sourceQuery() + ") src";
    }

    /** Which range a row of alias r falls in. */
    private String range() {
        if (integerKeys) {
            return "width_bucket(r.id, " + low + ", " + high + ", " + RANGES + ")";
        }
        if (layout.column(TransferTable.PRIMARY_KEY).type().equals("uuid")) {
            return "get_byte(uuid_send(r.id), 0) / " + (256 / RANGES);
        }
        return "0";
    }

    private String describe(int range) {
        if (integerKeys) {
            if (range == 0) {
                return "id below " + low;
            }
            if (range > RANGES) {
                return "id from " + high;
            }
            long span = high - low;
            return "id from " + (low + (span * (range - 1) + RANGES - 1) / RANGES) + " below "
                    + (low + (span * range + RANGES - 1) / RANGES);
        }
        if (layout.column(TransferTable.PRIMARY_KEY).type().equals("uuid")) {
            return "id from " + String.format(Locale.ROOT, "%x", range) + "0000000-0000-0000-0000-000000000000"
                    + (range + 1 < RANGES ? " below " + String.format(Locale.ROOT, "%x", range + 1)
                    + "0000000-0000-0000-0000-000000000000" : " to the end");
        }
        return "all ids";
    }

    private String rowHash() {
        return "hashtextextended(" + layout.columns().stream()
                .map(c -> "COALESCE(CAST(r." + c.quoted() + " AS text), '\\N')")
                .collect(Collectors.joining(" || '|' || ")) + ", 0)";
    }

    private String transferred() {
        return "r.id IS NOT NULL AND NOT (CAST(r.id AS text) = ANY (?))";
    }

    /** Row count and an order-independent sum of per-row hashes. */
    private record Checksum(long rows, BigDecimal sum) {
    }

    private static long rows(Checksum checksum) {
        return checksum == null ? 0 : checksum.rows();
    }

    private Map<Integer, Checksum> checksums(Connection connection, String rows) throws SQLException {
        String sql = "SELECT " + range() + " AS range, count(*), sum(" + rowHash() + ") FROM (" + rows + ") r"
                + " WHERE " + transferred() + " GROUP BY 1";
        Map<Integer, Checksum> checksums = new TreeMap<>();
        try (PreparedStatement statement = prepare(connection, sql); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                checksums.put(result.getInt(1), new Checksum(result.getLong(2), result.getBigDecimal(3)));
            }
        }
        return checksums;
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        Array keys = connection.createArrayOf("text", rejectedKeys.toArray());
        statement.setArray(1, keys);
        statement.setFetchSize(1000);
        return statement;
    }

    /**
     * The keys only the target has, every one: the rows a live service wrote with ids of its own,
     * which the transfer did not move. Both sides' keys are read in order and merged.
     */
    List<String> targetOnlyKeys(Connection src, Connection dst) throws SQLException {
        String order = integerKeys ? "r.id" : "CAST(r.id AS text) COLLATE \"C\"";
        String select = "SELECT CAST(r.id AS text) FROM (%s) r WHERE r.id IS NOT NULL ORDER BY " + order;
        Comparator<String> byKey = integerKeys ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
        List<String> keys = new ArrayList<>();
        try (PreparedStatement left = src.prepareStatement(String.format(Locale.ROOT, select, sourceRows()));
             PreparedStatement right = dst.prepareStatement(String.format(Locale.ROOT, select,
                     "SELECT id FROM " + layout.table().table))) {
            left.setFetchSize(10_000);
            right.setFetchSize(10_000);
            try (ResultSet source = left.executeQuery(); ResultSet target = right.executeQuery()) {
                boolean moreSource = source.next();
                while (target.next()) {
                    String key = target.getString(1);
                    while (moreSource && byKey.compare(source.getString(1), key) < 0) {
                        moreSource = source.next();
                    }
                    if (!moreSource || byKey.compare(source.getString(1), key) != 0) {
                        keys.add(key);
                    }
                }
            }
        }
        return keys;
    }

    /** Both sides of one range in key order, merged: the first keys whose rows differ or are on one side only. */
    private List<String> differingKeys(Connection src, String sourceRows, Connection dst, String targetRows, int range)
            throws SQLException {
        String order = integerKeys ? "r.id" : "CAST(r.id AS text) COLLATE \"C\"";
        String select = "SELECT CAST(r.id AS text), " + rowHash() + " FROM (%s) r WHERE " + transferred() + " AND "
                + range() + " = " + range + " ORDER BY " + order;
        Comparator<String> byKey = integerKeys ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
        List<String> keys = new ArrayList<>();
        try (PreparedStatement left = prepare(src, String.format(Locale.ROOT, select, sourceRows));
             PreparedStatement right = prepare(dst, String.format(Locale.ROOT, select, targetRows));
             ResultSet expected = left.executeQuery(); ResultSet actual = right.executeQuery()) {
            boolean moreExpected = expected.next();
            boolean moreActual = actual.next();
            while ((moreExpected || moreActual) && keys.size() < KEYS_LISTED) {
                int side = !moreActual ? -1 : !moreExpected ? 1 : byKey.compare(expected.getString(1), actual.getString(1));
                if (side < 0) {
                    keys.add(expected.getString(1));
                    moreExpected = expected.next();
                } else if (side > 0) {
                    keys.add(actual.getString(1));
                    moreActual = actual.next();
                } else {
                    if (expected.getLong(2) != actual.getLong(2)) {
                        keys.add(expected.getString(1));
                    }
                    moreExpected = expected.next();
                    moreActual = actual.next();
                }
            }
        }
        return keys;
    }
}
