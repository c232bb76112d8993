package dev.avatarbot.schema.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A slice of a table by its key: {@code lower <= id < upper}, either end open (null). The first
 * slice also holds the rows without an id, so that the slices together hold every row. Splitting
 * by the key keeps every copy of a repeated id in one slice, read in the source's order.
 */
record KeyRange(String lower, String upper) {

    static final KeyRange ALL = new KeyRange(null, null);

    /** The condition on {@code column} (of SQL type {@code type}) that selects the slice; "TRUE" for all. */
    String condition(String column, String type) {
        List<String> parts = new ArrayList<>();
        if (lower != null) {
            parts.add(column + " >= CAST('" + lower + "' AS " + type + ")");
        }
        if (upper != null) {
            String below = column + " < CAST('" + upper + "' AS " + type + ")";
            parts.add(lower == null ? "(" + below + " OR " + column + " IS NULL)" : below);
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    /** {@code parts} slices of equal width between the smallest and largest integer key. */
    static List<KeyRange> ofIntegers(long min, long max, int parts) {
        List<String> bounds = new ArrayList<>();
        double width = ((double) max - min + 1) / parts;
        for (int i = 1; i < parts; i++) {
            bounds.add(Long.toString(min + (long) Math.floor(width * i)));
        }
        return between(bounds);
    }

    /** {@code parts} slices of equal width of the UUID space (random or hashed UUIDs spread evenly). */
    static List<KeyRange> ofUuids(int parts) {
        List<String> bounds = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            bounds.add(String.format(Locale.ROOT, "%08x-0000-0000-0000-000000000000", (1L << 32) * i / parts));
        }
        return between(bounds);
    }

    private static List<KeyRange> between(List<String> bounds) {
        List<KeyRange> ranges = new ArrayList<>();
        String lower = null;
        for (String bound : bounds.stream().distinct().toList()) {
            ranges.add(new KeyRange(lower, bound));
            lower = bound;
        }
        ranges.add(new KeyRange(lower, null));
        return ranges;
    }
}
