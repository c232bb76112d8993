package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import dev.avatarbot.schema.core.TransferHistory;
import dev.avatarbot.schema.core.UnfinishedTransfer;

/**
 * When the transfers into a target started and finished, in {@link TransferHistory#TABLE}: a row
 * whose {@code updated_at} is later than the last finish was changed by the service (the
 * {@code set_updated_at} trigger stamps every update), and a rerun leaves it as it is. A null
 * {@code created_at}/{@code updated_at} in the source becomes one fixed time, recorded with each
 * finished transfer ({@link #stampForNulls}), so that every run writes and verifies the same value.
 */
final class FinishedTransfers {

    /** The history's column: what a null {@code created_at}/{@code updated_at} became in that run. */
    static final String NULLS = "null_timestamps_as";

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
     * {@code now()}, which differs per batch and per run): what the first finished transfer into the
     * target recorded; else the start of a killed run that this one finishes (kept in its state
     * table: its rows carry it); else {@code startedAt}, this run's start.
     */
    static OffsetDateTime stampForNulls(Connection dst, OffsetDateTime startedAt) throws SQLException {
        if (Sql.value(dst, "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('" + TransferHistory.TABLE
                + "') AND attname = '" + NULLS + "' AND NOT attisdropped") != null) {
            OffsetDateTime first = timestamp(dst, "SELECT " + NULLS + " FROM " + TransferHistory.TABLE + " WHERE " + NULLS
                    + " IS NOT NULL ORDER BY finished_at LIMIT 1");
            if (first != null) {
                return first;
            }
        }
        // None finished: a killed run's rows carry its start, which its state table keeps.
        if (Sql.value(dst, "SELECT to_regclass('" + UnfinishedTransfer.STATE_TABLE + "')") != null) {
            OffsetDateTime killed = timestamp(dst, "SELECT min(started_at) FROM " + UnfinishedTransfer.STATE_TABLE);
            if (killed != null) {
                return killed;
            }
        }
        return startedAt;
    }

    static OffsetDateTime now(Connection dst) throws SQLException {
        return timestamp(dst, "SELECT now()");
    }

    /** Records that a transfer finished now, which wrote {@code nullsStamp} for null timestamps, and commits. */
    static void record(Connection dst, OffsetDateTime nullsStamp) throws SQLException {
        Sql.execute(dst, "CREATE TABLE IF NOT EXISTS " + TransferHistory.TABLE
                + " (finished_at timestamptz NOT NULL PRIMARY KEY, " + NULLS + " timestamptz)");
        // A table an earlier version made has no such column.
        Sql.execute(dst, "ALTER TABLE " + TransferHistory.TABLE + " ADD COLUMN IF NOT EXISTS " + NULLS + " timestamptz");
        Sql.execute(dst, "INSERT INTO " + TransferHistory.TABLE + " (finished_at, " + NULLS + ") VALUES (clock_timestamp(), "
                + literal(nullsStamp) + ")");
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
