package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import dev.avatarbot.schema.core.SqlText;
import dev.avatarbot.schema.core.UnfinishedTransfer;

/**
 * pg_restore's post-data section, made crash-safe: the primary keys, indexes and foreign keys that
 * {@link PreData} recorded in the state table and dropped are each built again and their record
 * deleted in one transaction. As pg_restore does, a table's indexes are built as soon as its rows
 * are in ({@link #tableLoaded}), on up to {@code jobs} worker connections beside the other tables'
 * loads, the largest first; its primary key's unique index too, which becomes the key at the end
 * ({@link #restore}): making it the key locks the table against readers, which the other tables'
 * loads are (their parent checks). Then the foreign keys: added unchecked one at a time, then
 * checked in parallel; the state table goes last. A run killed at any moment leaves exactly the
 * definitions still down in the state table, and the next run puts them back.
 */
final class PostData implements AutoCloseable {

    private static final String STATE = UnfinishedTransfer.STATE_TABLE;

    /** One primary key, index or foreign key taken down. */
    record Definition(int position, String table, String kind, String name, String sql) {

        private static final String NOT_VALID = " NOT VALID";

        /** A foreign key the target had {@code NOT VALID} before the transfer: it comes back unchecked, as it was. */
        boolean recordedNotValid() {
            return sql.endsWith(NOT_VALID);
        }

        /** The statement that adds this foreign key without checking the rows. */
        String addedNotValid() {
            return recordedNotValid() ? sql : sql + NOT_VALID;
        }
    }

    private final TransferRun run;
    private final List<Definition> indexesDown;
    private final ExecutorService builders;
    private final List<Future<Void>> earlyBuilds = new ArrayList<>();

    /** Post-data for a run whose tables are about to load: the indexes and keys down now are built as tables finish. */
    PostData(TransferRun run) throws SQLException {
        this.run = run;
        Connection dst = run.sessions().target().connection();
        this.indexesDown = pending(dst).stream().filter(d -> !d.kind().equals("foreign key")).toList();
        dst.commit();
        this.builders = Parallel.pool("avatar-db-post-data", run.jobs());
    }

    /**
     * A table's rows are in and its rejects out: its indexes and its primary key's unique index are
     * built now, on worker connections, while the other tables load. Building an index locks the
     * table only against writers, and nothing writes into a loaded table.
     */
    synchronized void tableLoaded(String table) {
        for (Definition definition : indexesDown) {
            if (definition.table().equals(table)) {
                earlyBuilds.add(builders.submit(() -> {
                    onWorker(run, definition, PostData::buildIndex);
                    return null;
                }));
            }
        }
    }

    /**
     * Waits for the builds {@link #tableLoaded} started, then builds and makes the keys of whatever
     * is still down (all of it when an earlier run's is finished), then the foreign keys, then drops
     * the state table.
     */
    void restore() throws SQLException {
        List<Future<Void>> builds;
        synchronized (this) {
            builds = List.copyOf(earlyBuilds);
        }
        for (Future<Void> build : builds) {
            Parallel.await(build, "building an index");
        }
        restore(run);
    }

    @Override
    public void close() {
        Parallel.stop(builders, run.sessions());
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
        List<Definition> indexes = largestFirst(dst.connection(),
                pending.stream().filter(d -> !d.kind().equals("foreign key")).toList());
        List<Definition> foreignKeys = pending.stream().filter(d -> d.kind().equals("foreign key")).toList();
        onWorkers(run, indexes, "building an index", PostData::bringBack);
        // Each foreign key is added unchecked, which takes a short lock on both tables (one at a time:
        // they would wait for each other on the parent), then checked on its own worker: a check locks
        // only its own table against writes and its parent not at all, so the checks run side by side.
        for (Definition foreignKey : foreignKeys) {
            Instant start = Instant.now();
            addUnchecked(dst, foreignKey);
            run.timeline().add("post-data: foreign key " + foreignKey.name() + " added unchecked", foreignKey.table(),
                    Timeline.on(dst), start, Instant.now());
        }
        onWorkers(run, foreignKeys, "checking a foreign key", PostData::bringBack);
        dst.lockingStep("dropping " + STATE, () -> Sql.execute(dst.connection(), "DROP TABLE IF EXISTS " + PreData.AS_READ
                + "; DROP TABLE " + STATE));
    }

    /** Work on one definition with a target session. */
    @FunctionalInterface
    private interface DefinitionWork {
        void run(TargetSession session, Definition definition, TransferRun run) throws SQLException;
    }

    /**
     * The definitions in the order their builds take longest to shortest, about: the largest table's
     * first, a table's primary key before its other indexes. On few connections, the longest build
     * started last is what the run waits for.
     */
    private static List<Definition> largestFirst(Connection dst, List<Definition> definitions) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        for (Definition definition : definitions) {
            if (!sizes.containsKey(definition.table())) {
                sizes.put(definition.table(), Sql.longValue(dst, "SELECT pg_relation_size(to_regclass("
                        + SqlText.literal(definition.table()) + "))"));
            }
        }
        List<Definition> ordered = new ArrayList<>(definitions);
        ordered.sort(Comparator.comparing((Definition d) -> -sizes.get(d.table()))
                .thenComparing(d -> !d.kind().equals("primary key")).thenComparing(Definition::position));
        return ordered;
    }

    /** Does {@code work} with a worker pair's target session, borrowed for it and given back. */
    private static void onWorker(TransferRun run, Definition definition, DefinitionWork work) throws SQLException {
        RunSessions.Worker worker = run.sessions().borrow();
        try {
            work.run(worker.target(), definition, run);
        } finally {
            run.sessions().giveBack(worker);
        }
    }

    /** Does {@code work} for every definition on up to {@code jobs} worker connections at once. */
    private static void onWorkers(TransferRun run, List<Definition> definitions, String what, DefinitionWork work)
            throws SQLException {
        ExecutorService pool = Parallel.pool("avatar-db-post-data", Math.min(run.jobs(), definitions.size()));
        try {
            List<Future<Void>> tasks = new ArrayList<>();
            for (Definition definition : definitions) {
                tasks.add(pool.submit(() -> {
                    onWorker(run, definition, work);
                    return null;
                }));
            }
            for (Future<Void> task : tasks) {
                Parallel.await(task, what);
            }
        } finally {
            Parallel.stop(pool, run.sessions());
        }
    }

    /**
     * Adds a foreign key {@code NOT VALID}, committed, its record kept until {@link #bringBack} has
     * checked it; a rerun after a kill in between finds it there and only checks it.
     */
    private static void addUnchecked(TargetSession session, Definition foreignKey) throws SQLException {
        Connection connection = session.connection();
        session.lockingStep("adding " + foreignKey.table() + "'s foreign key " + foreignKey.name(), () -> {
            if (!constraintExists(connection, foreignKey)) {
                Sql.execute(connection, foreignKey.addedNotValid());
            }
        });
    }

    private static boolean constraintExists(Connection connection, Definition definition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_constraint"
                + " WHERE conname = ? AND conrelid = to_regclass(?)")) {
            statement.setString(1, definition.name());
            statement.setString(2, definition.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
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

    /**
     * Builds an index and deletes its record, in one transaction; for a primary key only its unique
     * index (its definition says {@code IF NOT EXISTS}), which {@link #bringBack} makes the key.
     */
    private static void buildIndex(TargetSession session, Definition definition, TransferRun run)
            throws SQLException {
        if (!definition.kind().equals("primary key")) {
            bringBack(session, definition, run);
            return;
        }
        Connection connection = session.connection();
        Instant start = Instant.now();
        session.lockingStep("building " + definition.table() + "'s key index " + definition.name(), () -> {
            Sql.execute(connection, definition.sql());
        });
        run.timeline().add("post-data: the index of primary key " + definition.name(), definition.table(),
                Timeline.on(session), start, Instant.now());
    }

    /**
     * Builds an index or primary key, or checks a foreign key {@link #addUnchecked} added (unless it was
     * recorded {@code NOT VALID}), and deletes its record, in one transaction.
     */
    private static void bringBack(TargetSession session, Definition definition, TransferRun run)
            throws SQLException {
        Connection connection = session.connection();
        Instant start = Instant.now();
        session.lockingStep("bringing " + definition.table() + "'s " + definition.kind() + " " + definition.name()
                + " back", () -> {
            if (!definition.kind().equals("foreign key")) {
                Sql.execute(connection, definition.sql());
            } else if (!definition.recordedNotValid()) {
                Sql.execute(connection, "ALTER TABLE " + definition.table() + " VALIDATE CONSTRAINT "
                        + SqlText.quoted(definition.name()));
            }
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
