package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.avatarbot.schema.core.UnfinishedTransfer;
import dev.avatarbot.schema.migration.Blocker;
import dev.avatarbot.schema.migration.LockTimeoutException;
import dev.avatarbot.schema.migration.MigrationGuard;

/**
 * One connection to the target as the transfer uses it. Opened, it waits for a lock at most the
 * guard's whole budget ({@link MigrationGuard#budget()}: every attempt and pause), so no statement
 * of the transfer waits forever; a step that takes a table lock of its own ({@link #lockingStep})
 * waits {@code lockTimeout} per attempt and is rolled back and tried again, as the upgrade guard
 * does; with the guard's statement timeout, no statement runs longer. A timeout names the sessions
 * holding the table. Closed, it gives the connection back as it came: its transaction rolled back,
 * the transfer's advisory lock released, its temporary tables and functions dropped, the lock and
 * statement timeouts as before: a pool's next user inherits nothing.
 */
final class TargetSession implements AutoCloseable {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String HOLDERS = """
            SELECT a.pid, a.usename, a.application_name, a.state, coalesce(a.xact_start, a.query_start, a.backend_start),
                   a.query
            FROM pg_stat_activity a
            WHERE a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.granted AND l.locktype = 'relation'
                            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                            AND l.relation IN (SELECT to_regclass(t) FROM unnest(CAST(? AS text[])) t))
              AND a.pid <> ALL (?)
            ORDER BY a.xact_start NULLS LAST, a.pid""";

    /** One try of a step; it commits its own work. */
    @FunctionalInterface
    interface Step {
        void run() throws SQLException;
    }

    private final Connection connection;
    private final MigrationGuard guard;
    private final Set<Integer> runPids;
    private final int pid;
    private final String lockTimeoutBefore;
    private final String statementTimeoutBefore;
    private Long advisoryLock;

    private TargetSession(Connection connection, MigrationGuard guard, Set<Integer> runPids) throws SQLException {
        this.connection = connection;
        this.guard = guard;
        this.runPids = runPids;
        this.pid = Integer.parseInt(Sql.value(connection, "SELECT pg_backend_pid()"));
        this.lockTimeoutBefore = Sql.value(connection, "SELECT current_setting('lock_timeout')");
        this.statementTimeoutBefore = Sql.value(connection, "SELECT current_setting('statement_timeout')");
        setLockTimeout(guard.budget());
        if (guard.statementTimeout() != null) {
            setSetting("statement_timeout", MigrationGuard.text(guard.statementTimeout()));
        }
        connection.setAutoCommit(false);
        runPids.add(pid);
    }

    /** Takes over {@code connection} for the run whose sessions' pids are {@code runPids} (blockers are others). */
    static TargetSession of(Connection connection, MigrationGuard guard, Set<Integer> runPids) throws SQLException {
        return new TargetSession(connection, guard, runPids);
    }

    Connection connection() {
        return connection;
    }

    int pid() {
        return pid;
    }

    /** Takes the session-level advisory lock {@code key} if it is free; it is released on {@link #close}. */
    boolean tryAdvisoryLock(long key) throws SQLException {
        boolean taken = Sql.value(connection, "SELECT 1 WHERE pg_try_advisory_lock(" + key + ")") != null;
        if (taken) {
            advisoryLock = key;
        }
        connection.commit();
        return taken;
    }

    /**
     * Runs a step that takes a table lock of its own (taking keys down, bringing one back, the state
     * table) under the guard: each attempt waits at most {@code lockTimeout}; one that times out is
     * rolled back and, after the guard's pause, tried again; when the last runs out, the failure names
     * the sessions holding the transfer's tables. What the session had pending is committed first.
     */
    void lockingStep(String what, Step step) throws SQLException {
        int attempts = guard.lockRetries() + 1;
        connection.commit();
        for (int number = 1; ; number++) {
            setLockTimeout(guard.lockTimeout());
            connection.commit();
            try {
                step.run();
                connection.commit();
                return;
            } catch (SQLException e) {
                connection.rollback();
                if (!isLockTimeout(e)) {
                    throw e;
                }
                if (number >= attempts) {
                    throw timedOut(what, guard.lockTimeout(), attempts, e);
                }
                pause(guard.backoffBefore(number + 1));
            } finally {
                setLockTimeout(guard.budget());
                connection.commit();
            }
        }
    }

    /**
     * {@code failure} as the transfer reports it: a lock timeout (the session's budget ran out in a
     * statement of the load) becomes a {@link LockTimeoutException} naming the sessions holding
     * the transfer's tables, after the transaction is rolled back; anything else is returned as it is.
     */
    RuntimeException orLockTimeout(SQLException failure, String what) {
        if (!isLockTimeout(failure)) {
            return null;
        }
        try {
            connection.rollback();
            return timedOut(what, guard.budget(), 1, failure);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return null;
        }
    }

    static boolean isLockTimeout(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (LOCK_NOT_AVAILABLE.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private LockTimeoutException timedOut(String what, Duration waited, int attempts, SQLException cause)
            throws SQLException {
        List<Blocker> holders = holders();
        String who = holders.isEmpty() ? "a session that ended since"
                : holders.stream().map(b -> b.describe(guard.showBlockerQuery())).collect(Collectors.joining("; "));
        String message = String.format(Locale.ROOT, "%s got no lock within %s in %d %s; blocked by %s."
                        + " The target is left as it was, or for the next run to finish.",
                Character.toUpperCase(what.charAt(0)) + what.substring(1),
                MigrationGuard.text(waited), attempts, attempts == 1 ? "attempt" : "attempts", who);
        return new LockTimeoutException(message, holders.isEmpty() ? null : holders.get(0), cause);
    }

    /** The other sessions (not the run's own) holding a lock on any of the transfer's tables. */
    List<Blocker> holders() throws SQLException {
        List<String> tables = new ArrayList<>();
        for (TransferTable table : TransferTable.values()) {
            tables.add(table.table);
        }
        tables.add(UnfinishedTransfer.STATE_TABLE);
        List<Blocker> holders = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(HOLDERS)) {
            query.setArray(1, connection.createArrayOf("text", tables.toArray()));
            query.setArray(2, connection.createArrayOf("int4", runPids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    holders.add(new Blocker(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getObject(5, OffsetDateTime.class), rows.getString(6)));
                }
            }
        }
        connection.rollback();
        return holders;
    }

    private void setLockTimeout(Duration timeout) throws SQLException {
        setLockTimeout(MigrationGuard.text(timeout));
    }

    private void setLockTimeout(String value) throws SQLException {
        setSetting("lock_timeout", value);
    }

    private void setSetting(String name, String value) throws SQLException {
        // For the session (is_local false); the caller commits it where a rollback could undo it.
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            set.setString(1, name);
            set.setString(2, value);
            set.execute();
        }
    }

    private static void pause(Duration pause) throws SQLException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting to try again", e);
        }
    }

    /**
     * Rolls back, releases the advisory lock, drops the session's temporary tables and functions
     * ({@code DISCARD TEMP}), puts the lock timeout back, and closes (for a pool: gives back) the
     * connection. A connection that is already broken is just closed.
     */
    @Override
    public void close() {
        try (Connection closing = connection) {
            if (!closing.isClosed()) {
                if (!closing.getAutoCommit()) {
                    closing.rollback();
                    closing.setAutoCommit(true);
                }
                if (advisoryLock != null) {
                    Sql.execute(closing, "SELECT pg_advisory_unlock(" + advisoryLock + ")");
                }
                Sql.execute(closing, "DISCARD TEMP");
                setLockTimeout(lockTimeoutBefore);
                setSetting("statement_timeout", statementTimeoutBefore);
            }
        } catch (SQLException e) {
            // A session that broke (killed, server gone) has nothing left to clean: the server dropped it all.
        } finally {
            runPids.remove(pid);
        }
    }
}
