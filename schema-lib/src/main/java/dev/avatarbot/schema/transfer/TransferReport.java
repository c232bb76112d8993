package dev.avatarbot.schema.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a transfer: per table counts, and the verification of counts and contents.
 *
 * @param mismatches tables whose transferred rows differ between source and target (empty: verified)
 * @param verified   whether the verification ran (not after a dry run)
 * @param earlierRejectFiles reject files an earlier run left, kept under a new name (see {@code RejectFiles})
 * @param timeline   when each step of the run began and ended
 */
public record TransferReport(List<TableResult> tables, boolean dryRun, boolean verified, List<String> mismatches,
                             List<Path> earlierRejectFiles, Timeline timeline) {

    public long rejected() {
        return tables.stream().mapToLong(TableResult::rejected).sum();
    }

    /** Rows the target's service wrote, left as they are. */
    public long leftAlone() {
        return tables.stream().mapToLong(TableResult::leftAlone).sum();
    }

    public long read() {
        return tables.stream().mapToLong(TableResult::read).sum();
    }

    /** The summary table: one line per table and a total. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        String format = "%-14s %10s %10s %10s %10s %11s %9s %10s";
        lines.add(String.format(Locale.ROOT, format, "table", "read", "inserted", "updated", "rejected", "left alone",
                "seconds", "rows/s"));
        double seconds = 0;
        for (TableResult t : tables) {
            lines.add(String.format(Locale.ROOT, format, t.table(), t.read(), t.inserted(), t.updated(), t.rejected(),
                    t.leftAlone(), String.format(Locale.ROOT, "%.1f", t.seconds()),
                    String.format(Locale.ROOT, "%.0f", t.rowsPerSecond())));
            seconds += t.seconds();
        }
        lines.add(String.format(Locale.ROOT, format, "total", read(),
                tables.stream().mapToLong(TableResult::inserted).sum(),
                tables.stream().mapToLong(TableResult::updated).sum(), rejected(), leftAlone(),
                String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%.0f", seconds <= 0 ? read() : read() / seconds)));
        return lines;
    }
}
