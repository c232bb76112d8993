package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.SqlText;
import dev.avatarbot.schema.core.UnfinishedTransfer;
import dev.avatarbot.schema.transfer.PostData.Definition;

/**
 * pg_restore's pre-data section, made crash-safe: an unfinished earlier run is finished first (the
 * rows that would break its taken-down definitions rejected, the definitions built again); then the
 * primary keys, indexes and foreign keys of the tables that are empty are recorded in a state table
 * and dropped, in one transaction, so that they load bare. A live run takes nothing down.
 */
final class PreData {

    private static final String STATE = UnfinishedTransfer.STATE_TABLE;
    /**
     * Beside the state table while tables load bare: the rows as the source had them (text cells in
     * the layout's order, by row address) of the loaded rows that took a target default for a null,
     * so that a row taken out set-based afterwards goes to the reject file as it was read.
     */
    static final String AS_READ = "avatar_db_transfer_rows_as_read";

    private PreData() {
    }

    /** Finishes an unfinished run, takes the empty tables' definitions down; returns those tables (restore order). */
    static List<String> run(TransferRun run, List<TableLayout> layouts) throws SQLException, IOException {
        TargetSession dst = run.sessions().target();
        finishUnfinished(run, layouts);
        if (run.options().live()) {
            moveSequencesPastTheSource(run, layouts);
            return List.of();
        }
        List<String> empty = new ArrayList<>();
        for (TableLayout layout : layouts) {
            if (!Sql.hasRows(dst.connection(), layout.table().table)) {
                empty.add(layout.table().table);
            }
        }
        if (!empty.isEmpty()) {
            dst.lockingStep("taking the keys and indexes of " + String.join(", ", empty) + " down",
                    () -> takeDown(dst.connection(), empty, run.startedAt()));
        }
        return empty;
    }

    /**
     * Live: before a row moves, each identity sequence goes past the source's largest id, so that a
     * row the service adds meanwhile never takes an id the transfer brings.
     */
    private static void moveSequencesPastTheSource(TransferRun run, List<TableLayout> layouts) throws SQLException {
        Connection dst = run.sessions().target().connection();
        for (TableLayout layout : layouts) {
            if (layout.splittable() && layout.column(TransferTable.PRIMARY_KEY).type().equals("bigint")) {
                String largest = Sql.value(run.sessions().source(), "SELECT max(id) FROM (" + layout.sourceQuery()
                        + ") src");
                if (largest != null) {
                    Sequences.movePast(dst, layout.table().table, Long.parseLong(largest));
                }
            }
        }
        dst.commit();
    }

    static void refuseDryRunOverUnfinished(TargetSession dst) throws SQLException {
        if (!PostData.pending(dst.connection()).isEmpty()) {
            throw new SchemaException.UserError("The target holds an unfinished data transfer, which a dry run"
                    + " cannot finish: run the transfer without the dry run first.");
        }
    }

    /**
     * A run killed in restore order left its tables without some indexes and foreign keys: the rows
     * that would break them are taken out (this run reads them again from the source and rejects
     * them with their reasons), and the definitions come back before anything else happens.
     */
    private static void finishUnfinished(TransferRun run, List<TableLayout> layouts) throws SQLException {
        TargetSession dst = run.sessions().target();
        List<Definition> pending = PostData.pending(dst.connection());
        if (pending.isEmpty()) {
            return;
        }
        for (TableLayout layout : layouts) {
            if (pending.stream().anyMatch(d -> d.table().equals(layout.table().table))) {
                BatchWriter.takeOutLoadedRejects(dst.connection(), layout, false);
            }
        }
        dst.connection().commit();
        PostData.restore(run);
    }

    /** Records and drops the tables' primary keys, indexes and foreign keys (the caller commits). */
    private static void takeDown(Connection dst, List<String> tables, OffsetDateTime startedAt) throws SQLException {
        Sql.execute(dst, "CREATE TABLE " + STATE + " (position integer PRIMARY KEY, table_name text NOT NULL,"
                + " kind text NOT NULL, name text NOT NULL, definition text NOT NULL,"
                + " started_at timestamptz NOT NULL DEFAULT now())");
        Sql.execute(dst, "CREATE UNLOGGED TABLE IF NOT EXISTS " + AS_READ + " (table_name text NOT NULL, row_id tid NOT NULL,"
                + " cells text[] NOT NULL)");
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
        // The run's start: its null timestamps' value, which the run that finishes this one writes too.
        try (PreparedStatement insert = dst.prepareStatement("INSERT INTO " + STATE
                + " (position, table_name, kind, name, definition, started_at) VALUES (?, ?, ?, ?, ?, "
                + FinishedTransfers.literal(startedAt) + ")")) {
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
}
