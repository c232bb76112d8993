package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The two JDBC calls every step of the transfer makes: run a statement, read one value. */
final class Sql {

    private Sql() {
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeLargeUpdate(sql);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    static String value(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    static boolean hasRows(Connection connection, String table) throws SQLException {
        return value(connection, "SELECT 1 FROM " + table + " LIMIT 1") != null;
    }

    static boolean hasPrimaryKey(Connection connection, String table) throws SQLException {
        return value(connection, "SELECT 1 FROM pg_constraint WHERE contype = 'p' AND conrelid = to_regclass('"
                + table + "')") != null;
    }

    static long longValue(Connection connection, String sql) throws SQLException {
        return Long.parseLong(value(connection, sql));
    }
}
