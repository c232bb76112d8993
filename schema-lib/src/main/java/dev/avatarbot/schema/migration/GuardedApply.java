package dev.avatarbot.schema.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.avatarbot.schema.core.DatabaseConnections;
import liquibase.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Liquibase's work of an upgrade or a downgrade under a {@link MigrationGuard}: the session's
 * {@code lock_timeout} (and {@code statement_timeout}, when set) for every changeset, and, when a
 * changeset times out waiting for a lock (SQLSTATE 55P03), the attempt again after a pause, up to
 * the guard's retries. Liquibase rolls a failed changeset back, so a timed-out changeset leaves
 * nothing behind and the next attempt starts with it; when the retries run out the failure names
 * the backend that blocked it. A changeset outside a transaction ({@code runInTransaction="false"})
 * commits statement by statement: it is tried again only when none of its statements had committed,
 * else the failure names what is applied and what is not. The settings are reset afterwards, so a
 * pooled connection goes back as it came.
 */
final class GuardedApply {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedApply.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** One attempt of the work. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }

    /** Which changeset the failed attempt stopped at, e.g. {@code revision R, changeset C}; asked after it failed. */
    @FunctionalInterface
    interface FailedAt {
        String describe() throws Exception;
    }

    private GuardedApply() {
    }

    static void run(LiquibaseSession session, MigrationGuard guard, Attempt attempt, FailedAt failedAt)
            throws Exception {
        Connection connection = session.connection();
        String[] before = {setting(connection, "lock_timeout"), setting(connection, "statement_timeout")};
        try {
            attempts(session, guard, attempt, failedAt);
        } catch (Exception | Error e) {
            try {
                restoreSettings(connection, before);
            } catch (Exception restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        restoreSettings(connection, before);
    }

    private static void attempts(LiquibaseSession session, MigrationGuard guard, Attempt attempt, FailedAt failedAt)
            throws Exception {
        Connection connection = session.connection();
        try (BlockerWatch watch = BlockerWatch.start(session.dataSource(), DatabaseConnections.backendPid(connection))) {
            for (int number = 1; ; number++) {
                applySettings(connection, guard);
                watch.forget();
                ChangeSetProgress progress = new ChangeSetProgress();
                session.liquibase().setChangeExecListener(progress);
                try {
                    Scope.child(progress.sqlListener(), attempt::run);
                    return;
                } catch (Exception e) {
                    if (!isLockTimeout(e)) {
                        throw e;
                    }
                    List<String> committed = progress.committed();
                    List<String> notApplied = committed.isEmpty() ? List.of()
                            : progress.notApplied(session.liquibase().getDatabase());
                    rollBack(connection);
                    session.forgetLiquibase();
                    String where = failedAt.describe();
                    if (!committed.isEmpty()) {
                        throw partlyApplied(guard, where, committed, notApplied, watch, e);
                    }
                    int attempts = guard.lockRetries() + 1;
                    if (number >= attempts) {
                        throw timedOut(guard, where, attempts, watch, e);
                    }
                    Duration pause = guard.backoffBefore(number + 1);
                    LOG.info("{}: no lock within {}{}; rolled back, attempt {} of {} in {}.", capitalized(where),
                            MigrationGuard.text(guard.lockTimeout()),
                            watch.lastSeen().map(b -> " (blocked by pid " + b.pid() + ")").orElse(""),
                            number + 1, attempts, MigrationGuard.text(pause));
                    Thread.sleep(pause.toMillis());
                }
            }
        }
    }

    private static LockTimeoutException timedOut(MigrationGuard guard, String where, int attempts, BlockerWatch watch,
                                                 Exception cause) {
        Blocker blocker = watch.lastSeen().orElse(null);
        return new LockTimeoutException(capitalized(where) + " got no lock within "
                + MigrationGuard.text(guard.lockTimeout()) + " in " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + " and was rolled back (nothing of it is applied); blocked by " + who(blocker, guard) + ".", blocker, cause);
    }

    private static PartlyAppliedException partlyApplied(MigrationGuard guard, String where, List<String> applied,
                                                        List<String> notApplied, BlockerWatch watch, Exception cause) {
        Blocker blocker = watch.lastSeen().orElse(null);
        return new PartlyAppliedException(capitalized(where) + " got no lock within "
                + MigrationGuard.text(guard.lockTimeout()) + " part-way: it runs outside a transaction"
                + " (runInTransaction=\"false\") and " + applied.size() + " of its statements had committed, so it"
                + " was not tried again, which would run them twice. Applied: " + quoted(applied) + ". Not applied: "
                + quoted(notApplied) + ". Blocked by " + who(blocker, guard) + ". Once that session is gone, the next run"
                + " runs the whole changeset again, the applied statements included: safe only where they can run"
                + " twice, as a batched backfill's batches that skip rows already done.",
                applied, notApplied, blocker, cause);
    }

    private static String who(Blocker blocker, MigrationGuard guard) {
        return blocker == null ? "another session (its pid was not seen: no second connection to ask"
                + " pg_blocking_pids)" : "backend " + blocker.describe(guard.showBlockerQuery());
    }

    private static String quoted(List<String> statements) {
        return statements.isEmpty() ? "none" : "\"" + String.join("\", \"", statements) + "\"";
    }

    /** Whether {@code failure} is PostgreSQL's lock timeout, wherever Liquibase wrapped it. */
    static boolean isLockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (LOCK_NOT_AVAILABLE.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The guard's timeouts as session settings, committed: Liquibase rolls a failed changeset's
     * transaction back, and a {@code SET} in a rolled-back transaction is undone with it.
     */
    private static void applySettings(Connection connection, MigrationGuard guard) throws SQLException {
        setConfig(connection, "lock_timeout", MigrationGuard.text(guard.lockTimeout()));
        if (guard.statementTimeout() != null) {
            setConfig(connection, "statement_timeout", MigrationGuard.text(guard.statementTimeout()));
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static void setConfig(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            set.setString(1, name);
            set.setString(2, value);
            set.execute();
        }
    }

    /** The session's timeouts as they were before the guard set its own. */
    private static void restoreSettings(Connection connection, String[] before) throws SQLException {
        rollBack(connection);
        setConfig(connection, "lock_timeout", before[0]);
        setConfig(connection, "statement_timeout", before[1]);
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement get = connection.prepareStatement("SELECT current_setting(?)")) {
            get.setString(1, name);
            try (ResultSet value = get.executeQuery()) {
                value.next();
                return value.getString(1);
            }
        }
    }

    private static void rollBack(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
