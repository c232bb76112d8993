package dev.avatarbot.schema.transfer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of two rows with one id (or one {@code telegram_id}/{@code user_id}) came first in the
 * source's read order, once both are in a table loaded bare: the one in the earlier transaction.
 * Each batch commits on its own, and a range is one connection's batches in read order (a repeated
 * id always falls in one range, a table with a natural key is one range), so the transaction ids
 * ({@code xmin}) the rows carry are the load sequence. For that to decide every tie, two rows that
 * share a value never go in one transaction: a batch is cut before a row whose id or natural key
 * it already holds ({@link #withoutTwins}). The physical position of a row ({@code ctid}) says
 * nothing: a refused batch leaves dead rows whose space a later batch may take.
 */
final class LoadSequence {

    /** The SQL order of a loaded table's rows (alias {@code alias}) by load: the oldest transaction first. */
    static String order(String alias) {
        return "age(" + alias + ".xmin) DESC";
    }

    private LoadSequence() {
    }

    /**
     * The batch in consecutive parts, each without two rows of one id or one natural key, where the
     * source's keys do not already promise there are none (then the batch is one part, as it was).
     */
    static List<List<byte[]>> withoutTwins(TableLayout layout, List<byte[]> batch) {
        List<Integer> fields = new ArrayList<>();
        if (!layout.promised().uniqueIds()) {
            fields.add(position(layout, TransferTable.PRIMARY_KEY));
        }
        if (layout.table().uniqueColumn != null && !layout.promised().uniqueNaturalKey()
                && layout.column(layout.table().uniqueColumn) != null) {
            fields.add(position(layout, layout.table().uniqueColumn));
        }
        if (fields.isEmpty()) {
            return List.of(batch);
        }
        List<List<byte[]>> parts = new ArrayList<>();
        List<Set<ByteBuffer>> seen = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            seen.add(new HashSet<>());
        }
        int start = 0;
        for (int row = 0; row < batch.size(); row++) {
            boolean twin = false;
            ByteBuffer[] values = new ByteBuffer[fields.size()];
            for (int f = 0; f < fields.size(); f++) {
                values[f] = field(batch.get(row), fields.get(f), layout.binary());
                twin |= values[f] != null && seen.get(f).contains(values[f]);
            }
            if (twin) {
                parts.add(batch.subList(start, row));
                start = row;
                seen.forEach(Set::clear);
            }
            for (int f = 0; f < fields.size(); f++) {
                if (values[f] != null) {
                    seen.get(f).add(values[f]);
                }
            }
        }
        parts.add(batch.subList(start, batch.size()));
        return parts;
    }

    private static int position(TableLayout layout, String column) {
        return layout.columns().indexOf(layout.column(column));
    }

    /**
     * Field {@code index} of a COPY row as it travelled (a text line: tab-separated, {@code \N} for
     * null; a binary tuple: a 16-bit field count, then each field's 32-bit length, -1 for null, and
     * bytes), or null when it is null.
     */
    static ByteBuffer field(byte[] row, int index, boolean binary) {
        if (binary) {
            int at = 2;
            for (int i = 0; ; i++) {
                int length = ((row[at] & 0xff) << 24) | ((row[at + 1] & 0xff) << 16) | ((row[at + 2] & 0xff) << 8)
                        | (row[at + 3] & 0xff);
                at += 4;
                if (i == index) {
                    return length < 0 ? null : ByteBuffer.wrap(row, at, length).slice();
                }
                at += Math.max(length, 0);
            }
        }
        int start = 0;
        for (int i = 0; i < index; i++) {
            while (row[start] != '\t') {
                start++;
            }
            start++;
        }
        int end = start;
        while (end < row.length && row[end] != '\t' && row[end] != '\n') {
            end++;
        }
        if (end - start == 2 && row[start] == '\\' && row[start + 1] == 'N') {
            return null;
        }
        return ByteBuffer.wrap(row, start, end - start).slice();
    }
}
