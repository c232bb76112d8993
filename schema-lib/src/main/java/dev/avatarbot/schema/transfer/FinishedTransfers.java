package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import dev.avatarbot.schema.core.TransferHistory;

/**
 * When the transfers into a target started and finished, in {@link TransferHistory#TABLE}: a row
 * whose {@code updated_at} is later than the last finish was changed by the service (the
 * {@code set_updated_at} trigger stamps every update), and a rerun leaves it as it is. A null
 * {@code created_at}/{@code updated_at} in the source becomes one fixed time, the start of the first
 * transfer that finished ({@link #stampForNulls}), so that every run writes and verifies the same value.
 */
final class FinishedTransfers {

    private FinishedTransfers() {
    }

    /** When the last transfer finished, or null when none has. */
    static OffsetDateTime lastFinished(Connection dst) throws SQLException {
        if (Sql.value(dst, "SELECT to_regclass('" + TransferHistory.TABLE + "')") == null) {
            return null;
        }
        return timestamp(dst, "SELECT max(finished_at) FROM " + TransferHistory.TABLE);
    }

    /**
     * What a null {@code created_at}/{@code updated_at} in the source becomes (instead of the target's
     * {@code now()}, which differs per batch and per run): the time the first finished transfer into
     * the target started, as recorded; {@code startedAt}, this run's start, when none recorded one.
     */
    static OffsetDateTime stampForNulls(Connection dst, OffsetDateTime startedAt) throws SQLException {
        if (Sql.value(dst, "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('" + TransferHistory.TABLE
                + "') AND attname = 'started_at' AND NOT attisdropped") == null) {
            return startedAt;
        }
        OffsetDateTime first = timestamp(dst, "SELECT min(started_at) FROM " + TransferHistory.TABLE);
        return first == null ? startedAt : first;
    }

    static OffsetDateTime now(Connection dst) throws SQLException {
        return timestamp(dst, "SELECT now()");
    }

    /** Records that a transfer which started at {@code startedAt} finished now, and commits. */
    static void record(Connection dst, OffsetDateTime startedAt) throws SQLException {
        Sql.execute(dst, "CREATE TABLE IF NOT EXISTS " + TransferHistory.TABLE
                + " (finished_at timestamptz NOT NULL PRIMARY KEY, started_at timestamptz)");
        // A table an earlier version made has no start.
        Sql.execute(dst, "ALTER TABLE " + TransferHistory.TABLE + " ADD COLUMN IF NOT EXISTS started_at timestamptz");
        Sql.execute(dst, "INSERT INTO " + TransferHistory.TABLE + " (finished_at, started_at) VALUES (clock_timestamp(), "
                + literal(startedAt) + ")");
        dst.commit();
    }

    /** A timestamp as an SQL literal of type timestamptz. */
    static String literal(OffsetDateTime time) {
        return "CAST('" + time + "' AS timestamptz)";
    }

    private static OffsetDateTime timestamp(Connection dst, String sql) throws SQLException {
        try (Statement statement = dst.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getObject(1, OffsetDateTime.class);
        }
    }
}
