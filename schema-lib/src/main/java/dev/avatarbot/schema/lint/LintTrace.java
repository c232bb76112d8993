package dev.avatarbot.schema.lint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.DeclaredChangeSet;
import dev.avatarbot.schema.migration.SchemaMigrations;

/**
 * The lint's trace: applies the revisions after a starting one on an empty scratch database, one
 * changeset at a time, and measures what each did. A transactional changeset runs in one
 * transaction whose table locks are read from {@code pg_locks} before it commits; a concurrent
 * build ({@code CONCURRENTLY}) is caught holding its lock while it waits for an older snapshot
 * that the trace keeps open on purpose. Rewrites are tables whose relfilenode changed.
 */
public final class LintTrace {

    private static final Pattern CONCURRENTLY = Pattern.compile("\\bCONCURRENTLY\\b", Pattern.CASE_INSENSITIVE);
    private static final String TABLES = "c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace";
    private static final String LOCKS = "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            + " WHERE l.pid = ? AND l.locktype = 'relation' AND l.granted AND " + TABLES;

    private LintTrace() {
    }

    /**
     * Brings {@code scratch} (an empty database) to {@code from} ({@code base}: nothing), then applies
     * and measures every changeset of the revisions after it.
     */
    public static List<TracedChangeSet> trace(ChangelogSource source, DataSource scratch, String from) {
        if (!SchemaMigrations.BASE.equals(from)) {
            new SchemaMigrations(scratch, source).upgradeTo(from);
        }
        List<DeclaredChangeSet> changeSets = SchemaMigrations.declaredChangeSets(source);
        List<String> revisions = changeSets.stream().map(DeclaredChangeSet::revision).distinct().toList();
        int start = SchemaMigrations.BASE.equals(from) ? 0 : revisions.indexOf(from) + 1;
        Set<String> pending = Set.copyOf(revisions.subList(start, revisions.size()));
        List<TracedChangeSet> traced = new ArrayList<>();
        try (Connection connection = DatabaseConnections.open(scratch)) {
            for (DeclaredChangeSet changeSet : changeSets) {
                if (pending.contains(changeSet.revision())) {
                    traced.add(traceChangeSet(changeSet, connection, scratch));
                }
            }
        } catch (SQLException e) {
            throw new SchemaException("The trace failed: " + e.getMessage(), e);
        }
        return traced;
    }

    private static TracedChangeSet traceChangeSet(DeclaredChangeSet changeSet, Connection connection, DataSource scratch)
            throws SQLException {
        Map<String, Set<String>> locks = new TreeMap<>();
        Map<String, Long> before = relfilenodes(connection);
        boolean measured = true;
        try {
            if (changeSet.runInTransaction()) {
                connection.setAutoCommit(false);
                for (String statement : changeSet.statements()) {
                    execute(connection, statement);
                }
                locks.putAll(heldBy(connection, DatabaseConnections.backendPid(connection)));
                connection.commit();
            } else {
                for (String statement : changeSet.statements()) {
                    if (CONCURRENTLY.matcher(statement).find()) {
                        merge(locks, traceConcurrent(statement, connection, scratch));
                    } else {
                        measured &= traceInTransaction(statement, connection, locks);
                    }
                }
            }
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw new SchemaException.UserError("Revision " + changeSet.revision() + ", changeset " + changeSet.id()
                    + " fails on a scratch database: " + e.getMessage().strip(), e);
        } finally {
            connection.setAutoCommit(true);
        }
        Map<String, Long> after = relfilenodes(connection);
        Set<String> rewritten = new TreeSet<>();
        before.forEach((table, node) -> {
            Long now = after.get(table);
            if (now != null && !now.equals(node)) {
                rewritten.add(table);
            }
        });
        return new TracedChangeSet(changeSet.revision(), changeSet.id(), locks, rewritten, measured);
    }

    /**
     * Runs one statement of a non-transactional changeset in a transaction of its own, reading its
     * locks before the commit; a statement that refuses a transaction block runs on its own,
     * unmeasured (false).
     */
    private static boolean traceInTransaction(String statement, Connection connection,
                                              Map<String, Set<String>> locks) throws SQLException {
        connection.setAutoCommit(false);
        try {
            execute(connection, statement);
        } catch (SQLException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            if (!"25001".equals(e.getSQLState())) {
                throw e;
            }
            execute(connection, statement);
            return false;
        }
        merge(locks, heldBy(connection, DatabaseConnections.backendPid(connection)));
        connection.commit();
        return true;
    }

    /**
     * Runs a concurrent build while another session keeps a snapshot open, so that the build waits
     * for it holding its lock; reads that lock, then lets the build finish.
     */
    private static Map<String, Set<String>> traceConcurrent(String statement, Connection connection,
                                                            DataSource scratch) throws SQLException {
        int pid = DatabaseConnections.backendPid(connection);
        try (Connection holder = DatabaseConnections.open(scratch); Connection watcher = DatabaseConnections.open(scratch)) {
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            execute(holder, "SELECT 1");
            CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
                try {
                    execute(connection, statement);
                } catch (SQLException e) {
                    throw new SchemaException(e.getMessage(), e);
                }
            });
            Map<String, Set<String>> locks = new TreeMap<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!build.isDone() && System.currentTimeMillis() < deadline) {
                merge(locks, heldBy(watcher, pid));
                if (waitsForSnapshot(watcher, pid)) {
                    merge(locks, heldBy(watcher, pid));
                    break;
                }
                sleep();
            }
            holder.commit();
            build.get();
            return locks;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SchemaException schema && schema.getCause() instanceof SQLException sql
                    ? sql : new SQLException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while tracing " + statement, e);
        }
    }

    private static boolean waitsForSnapshot(Connection watcher, int pid) throws SQLException {
        try (PreparedStatement query = watcher.prepareStatement(
                "SELECT wait_event FROM pg_stat_activity WHERE pid = ?")) {
            query.setInt(1, pid);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && "virtualxid".equals(row.getString(1));
            }
        }
    }

    private static Map<String, Set<String>> heldBy(Connection connection, int pid) throws SQLException {
        Map<String, Set<String>> locks = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(LOCKS)) {
            query.setInt(1, pid);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    locks.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(modeName(rows.getString(2)));
                }
            }
        }
        return locks;
    }

    /** {@code AccessExclusiveLock} as the documentation writes it: {@code ACCESS EXCLUSIVE}. */
    static String modeName(String mode) {
        return mode.replaceFirst("Lock$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    private static Map<String, Long> relfilenodes(Connection connection) throws SQLException {
        Map<String, Long> nodes = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.relname, c.relfilenode FROM pg_class c WHERE " + TABLES)) {
            while (rows.next()) {
                nodes.put(rows.getString(1), rows.getLong(2));
            }
        }
        return nodes;
    }

    private static void merge(Map<String, Set<String>> into, Map<String, Set<String>> locks) {
        locks.forEach((table, modes) -> into.computeIfAbsent(table, t -> new TreeSet<>()).addAll(modes));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void sleep() throws InterruptedException {
        Thread.sleep(5);
    }
}
