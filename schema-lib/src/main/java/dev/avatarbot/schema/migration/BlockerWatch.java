package dev.avatarbot.schema.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches, on a connection of its own, which backend holds up the migration session: a daemon
 * thread asks {@code pg_blocking_pids} a few times a second and keeps the last blocker it saw, so a
 * changeset that timed out can name it (once the wait is over, PostgreSQL no longer says who it
 * was). Each question is a short statement in auto-commit, so it holds no snapshot that a
 * concurrent index build would wait for. Where no second connection can be had (a pool of one),
 * the watcher sees nothing and the migration goes on without it.
 */
final class BlockerWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockerWatch.class);
    private static final long POLL_MILLIS = 100;
    private static final String BLOCKERS = """
            SELECT pid, usename, application_name, state, coalesce(xact_start, query_start, backend_start), query
            FROM pg_stat_activity WHERE pid = ANY (pg_blocking_pids(?))
            ORDER BY xact_start NULLS LAST, pid LIMIT 1""";

    private final DataSource dataSource;
    private final int watchedPid;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Blocker lastSeen;

    private BlockerWatch(DataSource dataSource, int watchedPid) {
        this.dataSource = dataSource;
        this.watchedPid = watchedPid;
        this.thread = new Thread(this::watch, "avatar-db blocker watch " + watchedPid);
        thread.setDaemon(true);
    }

    /** Starts watching backend {@code pid}; with no {@code dataSource} (offline) it watches nothing. */
    static BlockerWatch start(DataSource dataSource, int pid) {
        BlockerWatch watch = new BlockerWatch(dataSource, pid);
        if (dataSource != null) {
            watch.thread.start();
        }
        return watch;
    }

    /** The backend that held the session up most recently, if the watcher saw one. */
    Optional<Blocker> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    /** Forgets what it saw: a new attempt starts. */
    void forget() {
        lastSeen = null;
    }

    private void watch() {
        // The connection is taken here, not by the migration's thread: from a pool of one it arrives
        // only when the migration returned its own, and is then given back at once.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement blockers = connection.prepareStatement(BLOCKERS)) {
            connection.setAutoCommit(true);
            blockers.setInt(1, watchedPid);
            while (!stopped) {
                try (ResultSet row = blockers.executeQuery()) {
                    if (row.next()) {
                        lastSeen = new Blocker(row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getObject(5, OffsetDateTime.class), row.getString(6));
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            LOG.debug("No watch on what blocks the migration: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
