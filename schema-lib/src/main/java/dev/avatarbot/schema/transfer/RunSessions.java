package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.MigrationGuard;
import org.postgresql.PGConnection;

/**
 * Every connection a run uses, taken at its start and given back at its end: one main pair (the
 * target session that holds the transfer's advisory lock, the source session that exports the
 * snapshot) and up to {@code jobs + 2} worker pairs (a source and a target connection each), which
 * the parallel loads, the two verifiers and the index builds borrow in turn. So a run opens at most
 * {@code jobs + 3} connections to each side, and no more whatever it does. From a pool that gives
 * fewer (a worker's connection does not come within {@link #PROBE}), the run takes what it got and
 * works with fewer jobs; it needs at least one worker pair.
 */
final class RunSessions implements AutoCloseable {

    /** How long the run waits for a worker's connection before it makes do with those it has. */
    static final Duration PROBE = Duration.ofSeconds(2);

    /** A source and a target connection, borrowed together so that two tasks never wait for each other's half. */
    record Worker(Connection source, TargetSession target) {
    }

    private final Set<Integer> targetPids = ConcurrentHashMap.newKeySet();
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new ArrayList<>();
    private TargetSession target;
    private Connection source;

    private RunSessions() {
    }

    /**
     * The main pair, then up to {@code wantedWorkers} worker pairs (fewer when the pools run dry);
     * throws when not even the main pair can be had.
     */
    static RunSessions open(DataSource sourceData, DataSource targetData, MigrationGuard guard, int wantedWorkers) {
        RunSessions sessions = new RunSessions();
        List<CompletableFuture<Connection>> sources = new ArrayList<>();
        List<CompletableFuture<Connection>> targets = new ArrayList<>();
        try {
            sessions.target = TargetSession.of(sessions.track(DatabaseConnections.open(targetData)), guard,
                    sessions.targetPids);
            sessions.source = sessions.prepareSource(DatabaseConnections.open(sourceData, SettingsResolver.SOURCE),
                    guard);
            // Every worker's connections are asked for at once: one at a time, the handshakes add up to a
            // noticeable part of a short run. After the main pair, which a small pool must give first.
            for (int i = 0; i < wantedWorkers; i++) {
                sources.add(taking(sourceData));
                targets.add(taking(targetData));
            }
            long deadline = System.nanoTime() + PROBE.toNanos();
            List<Connection> gotSources = within(sources, deadline);
            List<Connection> gotTargets = within(targets, deadline);
            int pairs = Math.min(gotSources.size(), gotTargets.size());
            for (int i = 0; i < pairs; i++) {
                Worker worker = new Worker(sessions.prepareSource(gotSources.get(i), guard),
                        TargetSession.of(sessions.track(gotTargets.get(i)), guard, sessions.targetPids));
                sessions.workers.add(worker);
                sessions.idle.add(worker);
            }
            gotSources.subList(pairs, gotSources.size()).forEach(RunSessions::closeQuietly);
            gotTargets.subList(pairs, gotTargets.size()).forEach(RunSessions::closeQuietly);
            return sessions;
        } catch (SQLException | RuntimeException e) {
            for (CompletableFuture<Connection> taking : sources) {
                taking.thenAccept(RunSessions::closeQuietly);
            }
            for (CompletableFuture<Connection> taking : targets) {
                taking.thenAccept(RunSessions::closeQuietly);
            }
            sessions.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SchemaException("Could not prepare the transfer's connections: " + e.getMessage(), e);
        }
    }

    private Connection track(Connection connection) {
        open.add(connection);
        return connection;
    }

    /** A source connection as the run reads with it: no synchronized scans (each scan starts at the table's start), bounded lock waits. */
    private Connection prepareSource(Connection src, MigrationGuard guard) throws SQLException {
        track(src);
        Sql.execute(src, "SELECT set_config('synchronize_seqscans', 'off', false), set_config('lock_timeout', '"
                + MigrationGuard.text(guard.budget()) + "', false)" + (guard.statementTimeout() == null ? ""
                : ", set_config('statement_timeout', '" + MigrationGuard.text(guard.statementTimeout()) + "', false)"));
        return src;
    }

    /** A connection from the pool, asked for on a thread of its own. */
    private static CompletableFuture<Connection> taking(DataSource dataSource) {
        CompletableFuture<Connection> future = new CompletableFuture<>();
        Thread taker = new Thread(() -> {
            try {
                future.complete(dataSource.getConnection());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "avatar-db-connection-probe");
        taker.setDaemon(true);
        taker.start();
        return future;
    }

    /**
     * The connections that came by {@code deadline} ({@link #PROBE} after they were asked for): a pool
     * that gives fewer makes the run work with fewer. One that comes later is closed when it comes.
     */
    private static List<Connection> within(List<CompletableFuture<Connection>> takings, long deadline) {
        List<Connection> got = new ArrayList<>();
        for (CompletableFuture<Connection> taking : takings) {
            try {
                got.add(taking.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                taking.thenAccept(RunSessions::closeQuietly);
            } catch (ExecutionException e) {
                // The pool refused this one: the run makes do with the others.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                taking.thenAccept(RunSessions::closeQuietly);
            }
        }
        return got;
    }

    TargetSession target() {
        return target;
    }

    Connection source() {
        return source;
    }

    /** How many worker pairs the run has. */
    int workers() {
        return workers.size();
    }

    /** The pids of the run's target sessions (never blockers, never a live service). */
    Set<Integer> targetPids() {
        return targetPids;
    }

    /** Waits for a worker pair; every task gives its pair back within its own bounded waits. */
    Worker borrow() throws SQLException {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for a connection", e);
        }
    }

    void giveBack(Worker worker) {
        idle.add(worker);
    }

    /** Cancels whatever statement each connection of the run is running (a failed run stopping its tasks). */
    void cancelRunning() {
        for (Connection connection : open) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // Closed or broken already: nothing runs on it.
            }
        }
    }

    /** Cleans and gives back every connection: target sessions as {@link TargetSession#close}, source ones rolled back and reset. */
    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.target().close();
            closeSource(worker.source());
        }
        if (target != null) {
            target.close();
        }
        closeSource(source);
    }

    private static void closeSource(Connection src) {
        if (src == null) {
            return;
        }
        try (Connection closing = src) {
            if (!closing.isClosed()) {
                if (!closing.getAutoCommit()) {
                    closing.rollback();
                    closing.setAutoCommit(true);
                }
                Sql.execute(closing, "RESET synchronize_seqscans; RESET lock_timeout; RESET statement_timeout");
            }
        } catch (SQLException e) {
            // Broken: nothing left to reset.
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // It was never used.
        }
    }
}
