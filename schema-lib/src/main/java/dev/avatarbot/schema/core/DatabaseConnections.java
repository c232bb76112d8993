package dev.avatarbot.schema.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Opens connections and turns the ways that fails into one line that names the cause and the fix.
 * Messages never carry the password: PostgreSQL's own texts do not contain it, and neither do ours.
 */
public final class DatabaseConnections {

    /** {@code SettingsResolver.TARGET}, which this package cannot see. */
    private static final String TARGET_SETTINGS = "DB_";

    private DatabaseConnections() {
    }

    /** Opens a connection to the database the {@code DB_} settings configure. */
    public static Connection open(DataSource dataSource) {
        return open(dataSource, TARGET_SETTINGS);
    }

    /**
     * Opens a connection to a database configured by the settings with that prefix
     * ({@code SettingsResolver.TARGET} or {@code SOURCE}), which a failure's fix names.
     */
    public static Connection open(DataSource dataSource, String settings) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw describe(e, settings);
        }
    }

    /** The server process id of {@code connection}'s session ({@code pg_backend_pid()}). */
    public static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** A user-facing explanation of a failed connection attempt. */
    public static SchemaException describe(SQLException e) {
        return describe(e, TARGET_SETTINGS);
    }

    private static SchemaException describe(SQLException e, String settings) {
        return describe(e, "check " + settings + "USER and " + settings + "PASSWORD",
                "create it (createdb) or fix " + settings + "NAME / " + settings + "URL",
                "check " + settings + "HOST and " + settings + "PORT (or " + settings + "URL)");
    }

    /**
     * A user-facing explanation of a failed connection to a target of a fleet file, whose host,
     * port and database come from its URL there, never from {@code DB_HOST}, {@code DB_PORT} or
     * {@code DB_NAME}; {@code null} when {@code e} is not a connection failure.
     */
    public static SchemaException describeFleetTarget(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!state.startsWith("08") && !state.startsWith("28") && !state.equals("3D000")) {
            return null;
        }
        return describe(e, "check DB_USER and DB_PASSWORD (they log in to every target), or the user and password"
                        + " in its URL, or ~/.pgpass",
                "create it (createdb) or fix the database name in its URL in the fleet file",
                "check its URL in the fleet file (DB_HOST and DB_PORT do not apply to fleet targets)");
    }

    private static SchemaException describe(SQLException e, String loginFix, String databaseFix, String hostFix) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = e.getMessage() == null ? "" : e.getMessage().strip();
        if (state.equals("28P01") || state.equals("28000")) {
            return new SchemaException.UserError("The database refused the login (" + detail + "): " + loginFix + ".", e);
        }
        if (state.equals("3D000")) {
            return new SchemaException.UserError("The database does not exist (" + detail + "): " + databaseFix + ".", e);
        }
        if (state.startsWith("08")) {
            return new SchemaException.UserError("Cannot reach the database server (" + detail + "): " + hostFix
                    + " and that PostgreSQL is running.", e);
        }
        return new SchemaException("Cannot connect to the database: " + detail, e);
    }
}
