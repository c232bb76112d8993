package dev.avatarbot.schema.transfer;

import java.nio.file.Path;
import java.util.List;

/**
 * What happened to one table.
 *
 * @param leftAlone        rows the target's service wrote (changed after an earlier transfer finished, or
 *                         during a live one), which the transfer left as they are
 * @param rejectFile       the CSV holding the rejected rows, or null when none were rejected
 * @param defaultedColumns target columns the source lacks, which took the target's defaults
 * @param ignoredColumns   source columns the target does not have
 */
public record TableResult(String table, long read, long inserted, long updated, long rejected, long leftAlone,
                          double seconds,
                          Path rejectFile, List<String> defaultedColumns, List<String> ignoredColumns) {

    public double rowsPerSecond() {
        return seconds <= 0 ? read : read / seconds;
    }
}
