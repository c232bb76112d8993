package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import dev.avatarbot.schema.core.SqlText;
import dev.avatarbot.schema.core.UnfinishedTransfer;

/**
 * pg_restore's post-data section, made crash-safe: the primary keys, indexes and foreign keys that
 * {@link PreData} recorded in the state table and dropped are each built again and their record
 * deleted in one transaction, the indexes in parallel, then the foreign keys; the state table goes
 * last. A run killed at any moment leaves exactly the definitions still down in the state table,
 * and the next run puts them back.
 */
final class PostData {

    private static final String STATE = UnfinishedTransfer.STATE_TABLE;

    /** One primary key, index or foreign key taken down. */
    record Definition(int position, String table, String kind, String name, String sql) {
    }

    private PostData() {
    }

    /** The definitions still down, in the order they come back, or empty when no transfer is unfinished. */
    static List<Definition> pending(Connection dst) throws SQLException {
        List<Definition> definitions = new ArrayList<>();
        if (UnfinishedTransfer.read(dst).isEmpty()) {
            return definitions;
        }
        try (PreparedStatement statement = dst.prepareStatement("SELECT position, table_name, kind, name, definition"
                + " FROM " + STATE + " ORDER BY position"); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                definitions.add(new Definition(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5)));
            }
        }
        return definitions;
    }

    /**
     * Builds every definition still down: the indexes on up to {@code jobs} worker connections, then
     * the foreign keys on the run's own; then drops the state table. Each under the guard: a build
     * waits at most {@code lockTimeout} for its table, and is tried again. Nothing to do when no
     * transfer is unfinished. What the run's target session has pending is committed first: a lock
     * it held would block the builds.
     */
    static void restore(TransferRun run) throws SQLException {
        TargetSession dst = run.sessions().target();
        dst.connection().commit();
        if (UnfinishedTransfer.read(dst.connection()).isEmpty()) {
            return;
        }
        List<Definition> pending = pending(dst.connection());
        List<Definition> indexes = pending.stream().filter(d -> !d.kind().equals("foreign key")).toList();
        ExecutorService builders = Parallel.pool("avatar-db-index-build", Math.min(run.jobs(), indexes.size()));
        try {
            List<Future<Void>> builds = new ArrayList<>();
            for (Definition index : indexes) {
                builds.add(builders.submit(() -> {
                    RunSessions.Worker worker = run.sessions().borrow();
                    try {
                        bringBack(worker.target(), index, run);
                    } finally {
                        run.sessions().giveBack(worker);
                    }
                    return null;
                }));
            }
            for (Future<Void> build : builds) {
                Parallel.await(build, "building an index");
            }
        } finally {
            Parallel.stop(builders, run.sessions());
        }
        for (Definition definition : pending) {
            if (definition.kind().equals("foreign key")) {
                bringBack(dst, definition, run);
            }
        }
        dst.lockingStep("dropping " + STATE, () -> Sql.execute(dst.connection(), "DROP TABLE " + STATE));
    }

    /**
     * Builds the unique index of the table's primary key, if the key is down, in the caller's
     * transaction: the cheapest proof that no id came twice. False, with the attempt undone, when
     * an id did; true when it is built (or the key is not down).
     */
    static boolean buildKeyIndex(Connection dst, String table) throws SQLException {
        String index;
        try (PreparedStatement statement = dst.prepareStatement("SELECT definition FROM " + STATE
                + " WHERE kind = 'primary key' AND table_name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return true;
                }
                index = rows.getString(1);
            }
        }
        Savepoint savepoint = dst.setSavepoint();
        try {
            Sql.execute(dst, index);
            dst.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            dst.rollback(savepoint);
            return false;
        }
    }

    private static void bringBack(TargetSession session, Definition definition, TransferRun run)
            throws SQLException {
        Connection connection = session.connection();
        Instant start = Instant.now();
        session.lockingStep("bringing " + definition.table() + "'s " + definition.kind() + " " + definition.name()
                + " back", () -> {
            Sql.execute(connection, definition.sql());
            if (definition.kind().equals("primary key")) {
                Sql.execute(connection, "ALTER TABLE " + definition.table() + " ADD CONSTRAINT "
                        + SqlText.quoted(definition.name()) + " PRIMARY KEY USING INDEX "
                        + SqlText.quoted(definition.name()));
            }
            Sql.execute(connection, "DELETE FROM " + STATE + " WHERE position = " + definition.position());
        });
        run.timeline().add("post-data: " + definition.kind() + " " + definition.name(), definition.table(),
                Timeline.on(session), start, Instant.now());
        run.listener().restored(definition.table(), definition.kind() + " " + definition.name());
    }
}
