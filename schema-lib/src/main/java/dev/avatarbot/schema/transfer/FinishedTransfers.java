package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import dev.avatarbot.schema.core.TransferHistory;

/**
 * When the transfers into a target finished, in {@link TransferHistory#TABLE}: a row whose
 * {@code updated_at} is later was changed by the service (the {@code set_updated_at} trigger stamps
 * every update), and a rerun leaves it as it is.
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

    static OffsetDateTime now(Connection dst) throws SQLException {
        return timestamp(dst, "SELECT now()");
    }

    /** Records that a transfer finished now, and commits. */
    static void record(Connection dst) throws SQLException {
        Sql.execute(dst, "CREATE TABLE IF NOT EXISTS " + TransferHistory.TABLE
                + " (finished_at timestamptz NOT NULL PRIMARY KEY)");
        Sql.execute(dst, "INSERT INTO " + TransferHistory.TABLE + " VALUES (clock_timestamp())");
        dst.commit();
    }

    private static OffsetDateTime timestamp(Connection dst, String sql) throws SQLException {
        try (Statement statement = dst.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getObject(1, OffsetDateTime.class);
        }
    }
}
