package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;


/**
 * A row count and an order-independent checksum of COPY rows (text lines or binary tuples): the
 * sum of each row's 64-bit hash (CRC-32C and CRC-32 side by side). The transfer adds every source
 * row as it streams past, so the source is read once, as pg_restore reads it; the target's rows are
 * read back with one COPY in the same format. Where the values read the same on both sides
 * ({@link TableLayout#sameText()}), equal checksums mean equal rows. Ranges of a table add to
 * one checksum at once.
 */
final class RowChecksum {

    private final LongAdder rows = new LongAdder();
    private final LongAdder sum = new LongAdder();

    void add(byte[] line) {
        rows.increment();
        sum.add(hash(line));
    }

    /** The target table's rows, in the layout's columns and format, read back with one COPY. */
    static RowChecksum ofTarget(Connection dst, TableLayout layout) throws SQLException {
        RowChecksum checksum = new RowChecksum();
        try (CopyOutRows rows = CopyOutRows.start(dst, layout,
                "SELECT " + layout.columnList(null) + " FROM " + layout.table().table, 1000)) {
            byte[] row;
            while ((row = rows.next()) != null) {
                checksum.add(row);
            }
        }
        return checksum;
    }

    boolean sameAs(RowChecksum other) {
        return rows.sum() == other.rows.sum() && sum.sum() == other.sum.sum();
    }

    private static long hash(byte[] line) {
        CRC32C high = new CRC32C();
        high.update(line, 0, line.length);
        CRC32 low = new CRC32();
        low.update(line, 0, line.length);
        return high.getValue() << 32 | low.getValue();
    }
}
