package dev.avatarbot.schema.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command's hold on a database: a single connection taken from the caller's pool, used for
 * our own queries, for the schema's advisory lock and for Liquibase alike, so that a pool of one
 * is enough. Liquibase runs with our class loader as the context class loader (inside a Maven
 * plugin the caller's would not see Liquibase's services or our changelogs), its log sent to SLF4J,
 * its console output routed into that log, and its usage analytics off.
 */
final class LiquibaseSession {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseSession.class);

    private static final long ADVISORY_LOCK_KEY = 0x6176_6174_6172_6462L; // "avatardb"

    @FunctionalInterface
    interface Work<T> {
        T run(LiquibaseSession session) throws Exception;
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    private interface Cleanup {
        void run() throws Exception;
    }

    /** How long a schema change waits between two tries of the advisory lock another one holds. */
    private static final long LOCK_POLL_MILLIS = 200;

    private final DataSource dataSource;
    private final Connection connection;
    private final DatabaseConnection liquibaseConnection;
    private final ParsedChangelog changelog;
    private Database database;
    private Liquibase liquibase;

    private LiquibaseSession(DataSource dataSource, Connection connection, DatabaseConnection liquibaseConnection,
                             ParsedChangelog changelog) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.liquibaseConnection = liquibaseConnection;
        this.changelog = changelog;
    }

    /** Runs {@code work} on one connection from {@code dataSource}, returned to it afterwards. */
    static <T> T open(DataSource dataSource, ParsedChangelog changelog, Work<T> work) {
        Connection connection = DatabaseConnections.open(dataSource);
        return guarded(() -> {
            boolean autoCommit = connection.getAutoCommit();
            return inScope(() -> new LiquibaseSession(dataSource, connection, new BorrowedConnection(connection), changelog),
                    work, () -> {
                        // Liquibase turns auto-commit off; what it left open is rolled back, the pool gets it as it was.
                        if (connection.getAutoCommit() != autoCommit) {
                            connection.rollback();
                            connection.setAutoCommit(autoCommit);
                        }
                    });
        }, connection::close);
    }

    /** Runs {@code work} on a Liquibase connection that is no database at all (SQL for a DBA). */
    static <T> T offline(DatabaseConnection offline, ParsedChangelog changelog, Work<T> work) {
        return inScope(() -> new LiquibaseSession(null, null, offline, changelog), work, () -> { });
    }

    /** The JDBC connection of this session; {@code null} offline. */
    Connection connection() {
        return connection;
    }

    /** The pool this session's connection came from, for a watcher that needs a connection of its own; {@code null} offline. */
    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Drops this session's Liquibase, so the next {@link #liquibase()} starts afresh (its history
     * and lock state re-read): after a failed attempt that is tried again.
     */
    void forgetLiquibase() {
        liquibase = null;
        database = null;
    }

    /** The changelog, parsed (once per {@link SchemaMigrations}), not yet checked against the XML schema. */
    ParsedChangelog changelog() throws Exception {
        return changelog.parse(database());
    }

    /**
     * Liquibase on this session's connection, made on first use, with the changelog parsed (once per
     * {@link SchemaMigrations}) and checked against the XML schema. Our own queries before it run in
     * auto-commit.
     */
    Liquibase liquibase() throws Exception {
        if (liquibase == null) {
            liquibase = changelog.liquibaseOn(database());
            liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
        }
        return liquibase;
    }

    private Database database() throws Exception {
        if (database == null) {
            // Liquibase turns auto-commit off on the connection: from here on, it commits its own work.
            database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(liquibaseConnection);
        }
        return database;
    }

    /**
     * Runs {@code work} holding the schema's advisory lock on this session's connection, waiting for
     * other holders. Holding it, no other schema change of ours runs, so a Liquibase lock still held
     * is one a killed process left: say so at once rather than wait minutes for it. For the same
     * reason a Liquibase lock held when the work is over is this work's own, and is released here:
     * with several upgrades running in one JVM (a fleet), Liquibase 4.33 sometimes does not release
     * it after a failed changeset (its log then shows no release at all; its lock services are shared
     * singletons that every finished command resets), and a lock left held would stop every later
     * upgrade. A failure of the unlock never hides the work's own.
     *
     * <p>The wait is a poll of {@code pg_try_advisory_lock} with no transaction open in between, never
     * a blocking {@code pg_advisory_lock}: a statement blocked on the lock would hold a snapshot, and
     * a {@code CREATE INDEX CONCURRENTLY} of the holder waits for every older snapshot to go, so the
     * two would wait for each other.
     */
    <T> T underSchemaLock(Work<T> work) throws SQLException, InterruptedException {
        while (!tryAdvisoryLock()) {
            Thread.sleep(LOCK_POLL_MILLIS);
        }
        boolean[] liquibaseLockFree = {false};
        return guarded(() -> {
            LiquibaseLock.holder(connection).ifPresent(holder -> {
                throw new LiquibaseLockHeldException(holder);
            });
            liquibaseLockFree[0] = true;
            return work.run(this);
        }, () -> {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // a failed changeset may leave the transaction aborted
            }
            if (liquibaseLockFree[0]) {
                LiquibaseLock.release(connection).ifPresent(holder ->
                        LOG.debug("Released Liquibase's lock that this run's Liquibase left held ({}).", holder.describe()));
            }
            execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK_KEY + ")");
        });
    }

    /** One try of the schema's advisory lock, with no transaction left open (and so no snapshot) after it. */
    private boolean tryAdvisoryLock() throws SQLException {
        boolean locked;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + ADVISORY_LOCK_KEY + ")")) {
            result.next();
            locked = result.getBoolean(1);
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return locked;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether Liquibase has created {@code table} in this database yet. */
    static boolean hasTable(Statement statement, String table) throws SQLException {
        try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            exists.next();
            return exists.getBoolean(1);
        }
    }

    private static <T> T inScope(Step<LiquibaseSession> start, Work<T> work, Cleanup cleanup) {
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        ClassLoader ours = LiquibaseSession.class.getClassLoader();
        thread.setContextClassLoader(ours);
        try {
            Map<String, Object> scope = new HashMap<>();
            scope.put(Scope.Attr.classLoader.name(), ours);
            scope.put(Scope.Attr.logService.name(), new Slf4jLogService());
            scope.put(Scope.Attr.ui.name(), new LoggerUIService());
            scope.put("liquibase.analytics.enabled", false);
            return Scope.child(scope, () -> guarded(() -> work.run(start.run()), cleanup));
        } catch (Exception e) {
            throw failure(e);
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    /**
     * Runs {@code step}, then {@code cleanup} whatever happened. When both fail, the step's failure
     * is the one thrown, with the cleanup's attached to it as suppressed.
     */
    private static <T> T guarded(Step<T> step, Cleanup cleanup) {
        T result;
        try {
            result = step.run();
        } catch (Exception e) {
            SchemaException thrown = failure(e);
            cleanUpAfter(thrown, cleanup);
            throw thrown;
        } catch (Error e) {
            cleanUpAfter(e, cleanup);
            throw e;
        }
        try {
            cleanup.run();
        } catch (Exception e) {
            throw failure(e);
        }
        return result;
    }

    private static void cleanUpAfter(Throwable failure, Cleanup cleanup) {
        try {
            cleanup.run();
        } catch (Throwable cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }

    /** The library's exception for what went wrong: ours as it is, Liquibase's and the driver's by their root cause. */
    private static SchemaException failure(Exception e) {
        if (e instanceof SchemaException schema) {
            return schema;
        }
        return new SchemaException((e instanceof LiquibaseException ? "Liquibase failed: " : "The database failed: ")
                + rootMessage(e), e);
    }


    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.strip();
    }

    /** Our connection as Liquibase's: closing it is the session's business, not Liquibase's. */
    private static final class BorrowedConnection extends JdbcConnection {
        BorrowedConnection(Connection connection) {
            super(connection);
        }

        @Override
        public void close() {
            // the session returns the connection to its pool
        }
    }
}
