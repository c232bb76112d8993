package dev.avatarbot.schema.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.MigrationGuard;

/**
 * Waits until every standby streaming from a database's server has replayed the server's WAL up to
 * now: the position {@code pg_current_wal_lsn()} gives just after a change, compared with each
 * physical standby's {@code replay_lsn} in {@code pg_stat_replication}. A server with no standby
 * does not wait. Logical walsenders (subscriptions, change data capture) and base backups in
 * progress are not standbys and are not waited for.
 */
public final class Standbys {

    /** Physical walsenders (no database) that stream to a standby, not a base backup. */
    private static final String STANDBYS = """
            SELECT r.application_name, host(r.client_addr), r.state,
                   r.replay_lsn IS NOT NULL AND r.replay_lsn >= ?::pg_lsn,
                   pg_wal_lsn_diff(?::pg_lsn, r.replay_lsn)::bigint, r.replay_lag::text
              FROM pg_stat_replication r
              LEFT JOIN pg_stat_activity a ON a.pid = r.pid
             WHERE a.datname IS NULL AND r.state IS DISTINCT FROM 'backup'
             ORDER BY r.application_name, r.pid""";

    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long MAX_PAUSE_MILLIS = 500;

    private Standbys() {
    }

    /**
     * Waits at most {@code maxLag} until every standby of {@code primary}'s server has replayed what
     * the server has written so far; {@link Duration#ZERO} does not wait at all.
     *
     * @throws SchemaException naming each standby that did not catch up (its application_name, its
     *                         address and how far behind it is), or saying that this user cannot
     *                         see the standbys' positions
     */
    public static void awaitReplay(DataSource primary, Duration maxLag) {
        if (maxLag.isZero() || maxLag.isNegative()) {
            return;
        }
        long deadline = System.nanoTime() + maxLag.toNanos();
        try (Connection connection = primary.getConnection()) {
            String target = currentLsn(connection);
            long pause = FIRST_PAUSE_MILLIS;
            while (true) {
                List<Standby> behind = behind(connection, target);
                if (behind.isEmpty()) {
                    return;
                }
                if (behind.stream().anyMatch(Standby::hidden)) {
                    throw new SchemaException.UserError("This user cannot see where the server's standbys are"
                            + " (pg_stat_replication shows their positions only to superusers and members of"
                            + " pg_read_all_stats): GRANT pg_read_all_stats to it, or set schema.fleet.maxReplicaLag=0"
                            + " not to wait for standbys.");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SchemaException(describe(behind, maxLag));
                }
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        } catch (SQLException e) {
            throw new SchemaException("Could not read the standbys' replay positions (pg_stat_replication): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaException("Interrupted while waiting for the standbys to replay the change.", e);
        }
    }

    private static String currentLsn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            row.next();
            return row.getString(1);
        }
    }

    private static List<Standby> behind(Connection connection, String target) throws SQLException {
        List<Standby> behind = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(STANDBYS)) {
            statement.setString(1, target);
            statement.setString(2, target);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!rows.getBoolean(4)) {
                        long bytes = rows.getLong(5);
                        Long bytesBehind = rows.wasNull() ? null : bytes;
                        behind.add(new Standby(rows.getString(1), rows.getString(2), rows.getString(3),
                                bytesBehind, rows.getString(6)));
                    }
                }
            }
        }
        return behind;
    }

    private static String describe(List<Standby> behind, Duration maxLag) {
        List<String> each = behind.stream().map(Standby::describe).toList();
        return (behind.size() == 1 ? "Standby " : behind.size() + " standbys ") + String.join("; ", each)
                + (behind.size() == 1 ? " has" : " have") + " not replayed the change within schema.fleet.maxReplicaLag="
                + MigrationGuard.text(maxLag) + ": check that replay is not paused and the standby keeps up,"
                + " then run the same command again.";
    }

    /** One standby behind the target position, as {@code pg_stat_replication} shows it. */
    private record Standby(String applicationName, String address, String state, Long bytesBehind, String replayLag) {

        /** Without the privilege to see them, a walsender's state and positions are null. */
        boolean hidden() {
            return state == null;
        }

        String describe() {
            String name = applicationName == null || applicationName.isEmpty() ? "(no application_name)" : applicationName;
            String where = address == null ? "local socket" : address;
            String lag = bytesBehind == null ? "replay position unknown (state " + state + ")"
                    : "replay lag " + bytes(bytesBehind) + " of WAL"
                            + (replayLag == null ? "" : ", replay_lag " + replayLag);
            return name + " at " + where + " (" + lag + ")";
        }

        private static String bytes(long bytes) {
            if (bytes < 10 * 1024) {
                return bytes + " bytes";
            }
            return bytes < 10L * 1024 * 1024 ? bytes / 1024 + " kB" : bytes / (1024 * 1024) + " MB";
        }
    }
}
