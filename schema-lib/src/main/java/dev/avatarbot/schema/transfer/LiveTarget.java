package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.core.SchemaException;

/**
 * Whether a service uses the target: another client session connected to the target database.
 * The run's own sessions do not count, nor idle sessions of its own user, application name and
 * client address (the spare connections of the pool the run takes its own from).
 */
final class LiveTarget {

    private static final String OTHERS = """
            SELECT a.pid, a.usename, a.application_name, a.client_addr, a.state
            FROM pg_stat_activity a, pg_stat_activity me
            WHERE me.pid = pg_backend_pid() AND a.datname = current_database() AND a.backend_type = 'client backend'
              AND a.pid <> ALL (?)
              AND NOT (a.state = 'idle' AND a.usename = me.usename AND a.application_name = me.application_name
                       AND a.client_addr IS NOT DISTINCT FROM me.client_addr)
            ORDER BY a.pid""";

    private LiveTarget() {
    }

    /** Refuses, naming each session and the two ways on, when another session is connected to the target. */
    static void refuseIfInUse(TargetSession dst, List<Integer> runPids) throws SQLException {
        Connection connection = dst.connection();
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(OTHERS)) {
            query.setArray(1, connection.createArrayOf("int4", runPids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sessions.add("pid " + rows.getInt(1) + " (user " + rows.getString(2) + ", application_name '"
                            + (rows.getString(3) == null ? "" : rows.getString(3)) + "', client "
                            + (rows.getString(4) == null ? "local socket" : rows.getString(4)) + ")");
                }
            }
        }
        connection.commit();
        if (!sessions.isEmpty()) {
            throw new SchemaException.UserError("The target is in use: " + String.join("; ", sessions)
                    + ". A transfer into an empty table takes its keys and indexes down, which a service must not"
                    + " see. Stop the service and run the transfer again, or transfer into the live target with"
                    + " -Dschema.transfer.live=true (keys and indexes stay up, the service's rows are left alone).");
        }
    }
}
