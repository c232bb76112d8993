package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SqlText;
import dev.avatarbot.schema.core.UnfinishedTransfer;

/**
 * pg_restore's post-data section, made crash-safe: before tables that are empty are loaded, their
 * primary keys, indexes and foreign keys are recorded in a state table and dropped, in
 * one transaction; afterwards each is built again and its record deleted in one transaction, the
 * indexes in parallel, then the foreign keys; the state table goes last. A run killed at any moment
 * leaves exactly the definitions still down in the state table, and the next run puts them back.
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

    /** Records and drops the tables' primary keys, indexes and foreign keys, and commits. */
    static void takeDown(Connection dst, List<String> tables) throws SQLException {
        Sql.execute(dst, "CREATE TABLE " + STATE + " (position integer PRIMARY KEY, table_name text NOT NULL,"
                + " kind text NOT NULL, name text NOT NULL, definition text NOT NULL,"
                + " started_at timestamptz NOT NULL DEFAULT now())");
        List<Definition> definitions = new ArrayList<>();
        String[] emptyTables = tables.toArray(String[]::new);
        for (String table : tables) {
            // Recorded as its unique index, which comes back beside the table's other indexes (or earlier, as the
            // check for repeated ids: buildKeyIndex) and is then made the key. pg_restore's speed comes from
            // loading without it. Kept when a table that stays filled refers to it.
            definitions.addAll(read(dst, table, "primary key", """
                    SELECT conname, regexp_replace(pg_get_indexdef(conindid), '^CREATE UNIQUE INDEX ',
                        'CREATE UNIQUE INDEX IF NOT EXISTS ')
                    FROM pg_constraint p WHERE contype = 'p' AND conrelid = to_regclass(?)
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = p.conrelid
                        AND f.conrelid <> ALL (SELECT to_regclass(t) FROM unnest(CAST(? AS text[])) t))""",
                    definitions.size(), emptyTables));
        }
        for (String table : tables) {
            definitions.addAll(read(dst, table, "index", """
                    SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE x.indrelid = to_regclass(?) AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                        WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
                    ORDER BY i.relname""", definitions.size(), null));
        }
        for (String table : tables) {
            definitions.addAll(read(dst, table, "foreign key", """
                    SELECT conname, 'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname)
                        || ' ' || pg_get_constraintdef(oid)
                    FROM pg_constraint WHERE contype = 'f' AND conrelid = to_regclass(?) ORDER BY conname""",
                    definitions.size(), null));
        }
        try (PreparedStatement insert = dst.prepareStatement("INSERT INTO " + STATE
                + " (position, table_name, kind, name, definition) VALUES (?, ?, ?, ?, ?)")) {
            for (Definition definition : definitions) {
                insert.setInt(1, definition.position());
                insert.setString(2, definition.table());
                insert.setString(3, definition.kind());
                insert.setString(4, definition.name());
                insert.setString(5, definition.sql());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // Foreign keys first: an index or a primary key may back one.
        for (int i = definitions.size() - 1; i >= 0; i--) {
            Definition definition = definitions.get(i);
            Sql.execute(dst, definition.kind().equals("index")
                    ? "DROP INDEX " + SqlText.quoted(definition.name())
                    : "ALTER TABLE " + definition.table() + " DROP CONSTRAINT " + SqlText.quoted(definition.name()));
        }
        dst.commit();
    }

    private static List<Definition> read(Connection dst, String table, String kind, String sql, int positionBefore,
                                         String[] emptyTables) throws SQLException {
        List<Definition> definitions = new ArrayList<>();
        try (PreparedStatement statement = dst.prepareStatement(sql)) {
            statement.setString(1, table);
            if (emptyTables != null) {
                statement.setArray(2, dst.createArrayOf("text", emptyTables));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    definitions.add(new Definition(positionBefore + definitions.size() + 1, table, kind, rows.getString(1),
                            rows.getString(2)));
                }
            }
        }
        return definitions;
    }

    /**
     * Builds every definition still down: the indexes on up to {@code jobs} connections of their own,
     * then the foreign keys; then drops the state table. Nothing to do when no transfer is unfinished.
     * {@code dst} must have nothing uncommitted.
     */
    static void restore(DataSource target, Connection dst, int jobs, TransferListener listener) throws SQLException {
        if (UnfinishedTransfer.read(dst).isEmpty()) {
            return;
        }
        List<Definition> pending = pending(dst);
        List<Definition> indexes = pending.stream().filter(d -> !d.kind().equals("foreign key")).toList();
        ExecutorService builders = Parallel.pool("avatar-db-index-build", Math.min(jobs, indexes.size()));
        try {
            List<Future<Void>> builds = new ArrayList<>();
            for (Definition index : indexes) {
                builds.add(builders.submit(() -> {
                    try (Connection connection = DatabaseConnections.open(target)) {
                        connection.setAutoCommit(false);
                        bringBack(connection, index, listener);
                    }
                    return null;
                }));
            }
            for (Future<Void> build : builds) {
                Parallel.await(build, "building an index");
            }
        } finally {
            Parallel.stop(builders);
        }
        for (Definition definition : pending) {
            if (definition.kind().equals("foreign key")) {
                bringBack(dst, definition, listener);
            }
        }
        Sql.execute(dst, "DROP TABLE " + STATE);
        dst.commit();
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

    private static void bringBack(Connection connection, Definition definition, TransferListener listener)
            throws SQLException {
        Sql.execute(connection, definition.sql());
        if (definition.kind().equals("primary key")) {
            Sql.execute(connection, "ALTER TABLE " + definition.table() + " ADD CONSTRAINT "
                    + SqlText.quoted(definition.name()) + " PRIMARY KEY USING INDEX " + SqlText.quoted(definition.name()));
        }
        Sql.execute(connection, "DELETE FROM " + STATE + " WHERE position = " + definition.position());
        connection.commit();
        listener.restored(definition.table(), definition.kind() + " " + definition.name());
    }
}
