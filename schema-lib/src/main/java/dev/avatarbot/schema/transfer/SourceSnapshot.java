package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.SQLException;

import dev.avatarbot.schema.core.SqlText;

/**
 * The one view of the source a run reads: the first connection's repeatable-read transaction
 * exports its snapshot, every other reader (verification, parallel loads) joins it.
 */
final class SourceSnapshot {

    private SourceSnapshot() {
    }

    /** Starts a read-only repeatable-read transaction on {@code src} and names its snapshot. */
    static String export(Connection src) throws SQLException {
        begin(src);
        return Sql.value(src, "SELECT pg_export_snapshot()");
    }

    /** Starts a read-only repeatable-read transaction on {@code src} that sees exactly {@code snapshot}. */
    static void join(Connection src, String snapshot) throws SQLException {
        begin(src);
        Sql.execute(src, "SET TRANSACTION SNAPSHOT " + SqlText.literal(snapshot));
    }

    private static void begin(Connection src) throws SQLException {
        src.setAutoCommit(false);
        src.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        src.setReadOnly(true);
    }
}
