package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.SQLException;

/** The identity sequences of the target's tables: moved past the ids the transfer brings, never backwards. */
final class Sequences {

    private Sequences() {
    }

    /**
     * Moves {@code table}'s identity sequence (if it has one) so that its next value is past
     * {@code largest} (a number, or null) and past every value it gave already.
     */
    static void movePast(Connection dst, String table, String largestIdQuery) throws SQLException {
        String sequence = Sql.value(dst, "SELECT pg_get_serial_sequence('" + table + "', 'id')");
        if (sequence == null) {
            return;
        }
        Sql.execute(dst, "SELECT setval('" + sequence.replace("'", "''") + "', GREATEST(COALESCE((" + largestIdQuery
                + "), 0), (SELECT CASE WHEN s.is_called THEN s.last_value ELSE s.last_value - 1 END FROM " + sequence
                + " s)) + 1, false)");
    }

    static void movePast(Connection dst, String table, long largest) throws SQLException {
        movePast(dst, table, "SELECT CAST(" + largest + " AS bigint)");
    }
}
