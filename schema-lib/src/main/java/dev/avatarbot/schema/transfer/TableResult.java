package dev.avatarbot.schema.transfer;

import java.nio.file.Path;

/**
 * What happened to one table.
 *
 * @param rejectFile the CSV holding the rejected rows, or null when none were rejected
 */
public record TableResult(String table, long read, long inserted, long updated, long rejected, double seconds,
                          Path rejectFile) {

    public double rowsPerSecond() {
        return seconds <= 0 ? read : read / seconds;
    }
}
