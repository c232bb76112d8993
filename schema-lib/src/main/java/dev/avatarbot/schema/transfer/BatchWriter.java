package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.avatarbot.schema.transfer.TableLayout.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes one table's batches into the target: straight in with COPY, or through a temporary
 * staging table of text columns that is checked and merged on the primary key.
 */
final class BatchWriter {

    private static final String UPDATED_AT = "updated_at";
    /** The staging tables' column that numbers the rows in the order they were read. */
    static final String STAGED_AS = "avatar_db_staged_as";

    /** What a batch did to the target. */
    record Written(long inserted, long updated) {
    }

    private final Connection dst;
    private final TableLayout layout;
    private final CopyManager copy;
    private final boolean merging;
    /**
     * Where the ids this run has already taken are: the table itself when the run fills it, else a
     * table of their own; null when the table's primary key is down for the load.
     */
    private final String earlierIds;
    /** The table's foreign key and unique index are down: their checks wait for {@link RowChecks#markLoaded}. */
    private final boolean setBasedLater;
    /** A merge leaves alone the rows whose {@code updated_at} is later: the service's; null when none are. */
    private final OffsetDateTime serviceSince;
    /** Live: the keys of rows the target holds newer than the source's go here, and the rows stay; else null. */
    private final Set<String> leftAlone;

    private BatchWriter(Connection dst, TableLayout layout, boolean merging, String earlierIds, boolean setBasedLater,
                        OffsetDateTime serviceSince, Set<String> leftAlone) throws SQLException {
        this.dst = dst;
        this.layout = layout;
        this.copy = dst.unwrap(PGConnection.class).getCopyAPI();
        this.merging = merging;
        this.earlierIds = earlierIds;
        this.setBasedLater = setBasedLater;
        this.serviceSince = serviceSince;
        this.leftAlone = leftAlone;
    }

    /**
     * A writer for a table that the run fills (it was empty when the run began), with its keys,
     * foreign key and unique index down or not, or merges into ({@code merging}). A table that held
     * rows cannot tell by its own rows whether an id came earlier in this run, so the ids the run
     * takes are kept in a temporary table: a repeated id is rejected on a rerun as it was the first
     * time, not merged over the row kept then. A merge never changes a row that the service wrote
     * (its {@code updated_at} later than {@code serviceSince}, or, when {@code leftAlone} collects
     * them, than the source row's).
     */
    static BatchWriter open(Connection dst, TableLayout layout, boolean merging, boolean setBasedLater,
                            OffsetDateTime serviceSince, Set<String> leftAlone) throws SQLException {
        String columns = layout.columns().stream().map(c -> c.quoted() + " text").collect(Collectors.joining(", "));
        Sql.execute(dst, "DROP TABLE IF EXISTS pg_temp." + layout.stageTable());
        // The staged order is the read order: a row's number is drawn as COPY (or the INSERT from the raw table) writes it.
        Sql.execute(dst, "CREATE TEMP TABLE " + layout.stageTable() + " (" + columns + ", reject_reason text, "
                + STAGED_AS + " bigint GENERATED ALWAYS AS IDENTITY)");
        if (layout.binary()) {
            // Binary tuples go in typed (without length limits, which the checks judge), then become text.
            Sql.execute(dst, "DROP TABLE IF EXISTS pg_temp." + rawTable(layout));
            Sql.execute(dst, "CREATE TEMP TABLE " + rawTable(layout) + " (" + layout.columns().stream()
                    .map(c -> c.quoted() + " " + c.typeName()).collect(Collectors.joining(", ")) + ", " + STAGED_AS
                    + " bigint GENERATED ALWAYS AS IDENTITY)");
        }
        String table = layout.table().table;
        if (!merging) {
            return new BatchWriter(dst, layout, false, Sql.hasPrimaryKey(dst, table) ? table : null, setBasedLater,
                    serviceSince, null);
        }
        String seen = "avatar_db_seen_" + table;
        Sql.execute(dst, "DROP TABLE IF EXISTS pg_temp." + seen);
        Sql.execute(dst, "CREATE TEMP TABLE " + seen + " (id " + layout.column(TransferTable.PRIMARY_KEY).type()
                + " PRIMARY KEY)");
        if (layout.column(UPDATED_AT) != null) {
            Sql.execute(dst, "DROP TABLE IF EXISTS pg_temp." + restampTable(layout));
            Sql.execute(dst, "CREATE TEMP TABLE " + restampTable(layout) + " (id "
                    + layout.column(TransferTable.PRIMARY_KEY).type() + ", stamp " + layout.column(UPDATED_AT).type() + ")");
        }
        return new BatchWriter(dst, layout, true, seen, false, serviceSince, leftAlone);
    }

    CopyManager copy() {
        return copy;
    }

    /**
     * The fast path into a table that was empty when the transfer began: COPY the batch straight
     * into it and let the target's own constraints and conversions judge. Empty, with the batch
     * undone, when they refuse it.
     */
    Optional<Written> straightIn(List<byte[]> batch) throws SQLException {
        Savepoint savepoint = dst.setSavepoint();
        try {
            long inserted = copyInto(layout.table().table, batch);
            dst.releaseSavepoint(savepoint);
            return Optional.of(new Written(inserted, 0));
        } catch (SQLException e) {
            rollbackIfRefused(savepoint, e);
            return Optional.empty();
        }
    }

    /** Replaces the staging table's rows with the batch, as text. */
    void stage(List<byte[]> batch) throws SQLException {
        Sql.execute(dst, "TRUNCATE " + layout.stageTable());
        if (!layout.binary()) {
            copyInto(layout.stageTable(), batch);
            return;
        }
        Sql.execute(dst, "TRUNCATE " + rawTable(layout));
        copyInto(rawTable(layout), batch);
        Sql.execute(dst, "INSERT INTO " + layout.stageTable() + " (" + layout.columnList(null) + ") SELECT "
                // format() prints with the type's output function, as COPY's text does (a cast prints a boolean as true)
                + layout.columns().stream().map(c -> "CASE WHEN r." + c.quoted() + " IS NOT NULL THEN format('%s', r."
                        + c.quoted() + ") END").collect(Collectors.joining(", "))
                + " FROM " + rawTable(layout) + " r ORDER BY r." + STAGED_AS);
    }

    private static String rawTable(TableLayout layout) {
        return "avatar_db_raw_" + layout.table().table;
    }

    /**
     * Merges the staged batch as it is; empty, with the batch undone, when the target refuses a row
     * or an id came before in this run.
     */
    Optional<Written> mergeUnchecked() throws SQLException {
        Savepoint savepoint = dst.setSavepoint();
        try {
            Written written = mergeChecked();
            dst.releaseSavepoint(savepoint);
            return Optional.of(written);
        } catch (SQLException e) {
            rollbackIfRefused(savepoint, e);
            return Optional.empty();
        }
    }

    /** Marks the staged rows that cannot go in; returns how many. */
    long markRejects() throws SQLException {
        return RowChecks.markStaged(dst, layout, earlierIds, setBasedLater);
    }

    /** The staged rows marked as rejects, as {@link RejectFiles#write} takes them. */
    String stagedRejects() {
        return "SELECT s.id, s.reject_reason, " + layout.sourceColumns().stream().map(c -> "s." + c.quoted())
                .collect(Collectors.joining(", ")) + " FROM " + layout.stageTable()
                + " s WHERE s.reject_reason IS NOT NULL";
    }

    /**
     * After the load, with the keys, foreign key and unique index still down: takes the rows that would
     * break them out of the table and returns, as {@link RejectFiles#write} takes them, where
     * they went; empty when there were none. Needs no writer: the rows are in the table already.
     */
    static Optional<String> takeOutLoadedRejects(Connection dst, TableLayout layout, boolean parentIntact)
            throws SQLException {
        String table = layout.table().table;
        // The key's own index is the check for repeated ids: only when its build fails are they looked for.
        boolean idsUnique = layout.promised().uniqueIds() || Sql.hasPrimaryKey(dst, table)
                || PostData.buildKeyIndex(dst, table);
        if (RowChecks.markLoaded(dst, layout, parentIntact, idsUnique) == 0) {
            return Optional.empty();
        }
        String kept = "pg_temp.avatar_db_taken_out_" + table;
        Sql.execute(dst, "DROP TABLE IF EXISTS " + kept);
        // A row that took a default for a null is written as the source had it.
        boolean asRead = Sql.value(dst, "SELECT to_regclass('" + PreData.AS_READ + "')") != null;
        List<Column> columns = layout.columns();
        String cells = java.util.stream.IntStream.range(0, columns.size()).filter(i -> !columns.get(i).fixedTime())
                .mapToObj(i -> !asRead ? "t." + columns.get(i).quoted()
                        : "CASE WHEN a.row_id IS NOT NULL THEN a.cells[" + (i + 1) + "] WHEN t."
                        + columns.get(i).quoted() + " IS NOT NULL THEN format('%s', t." + columns.get(i).quoted()
                        + ") END AS " + columns.get(i).quoted())
                .collect(Collectors.joining(", "));
        Sql.execute(dst, "CREATE TEMP TABLE avatar_db_taken_out_" + table + " AS SELECT r.id AS avatar_db_key,"
                + " r.reason AS avatar_db_reason, " + cells + " FROM " + table + " t JOIN "
                + RowChecks.LOADED_REJECTS + " r ON r.row_id = t.ctid" + (asRead ? " LEFT JOIN " + PreData.AS_READ
                + " a ON a.table_name = '" + table + "' AND a.row_id = t.ctid" : ""));
        if (asRead) {
            // Done with: a later row may take a taken-out row's address.
            Sql.execute(dst, "DELETE FROM " + PreData.AS_READ + " WHERE table_name = '" + table + "'");
        }
        Sql.execute(dst, "DELETE FROM " + table + " t USING " + RowChecks.LOADED_REJECTS + " r WHERE t.ctid = r.row_id");
        return Optional.of("SELECT * FROM " + kept);
    }

    /**
     * Inserts the staged rows not marked as rejects and updates changed ones. Two plain statements
     * rather than INSERT ... ON CONFLICT: speculative insertion costs more per row, and a transfer is
     * the only writer of the ids it brings.
     */
    Written mergeChecked() throws SQLException {
        String table = layout.table().table;
        String stage = layout.stageTable();
        Column id = layout.column(TransferTable.PRIMARY_KEY);
        String insert = "INSERT INTO " + table + " (" + layout.columnList(null) + ") SELECT "
                + layout.columns().stream().map(c -> c.typed("s")).collect(Collectors.joining(", "))
                + " FROM " + stage + " s WHERE s.reject_reason IS NULL";
        if (!merging) {
            // The checks left no row whose id is in the table already.
            return new Written(setBasedLater ? insertKeepingAsRead(insert) : Sql.update(dst, insert), 0);
        }
        // Fails with a unique violation when an id was taken before in this run.
        Sql.execute(dst, "INSERT INTO " + earlierIds + " SELECT " + id.typed("s") + " FROM " + stage
                + " s WHERE s.reject_reason IS NULL");
        List<Column> nonKey = layout.columns().stream().filter(c -> !c.name().equals(TransferTable.PRIMARY_KEY)).toList();
        long updated = 0;
        Column stamp = layout.column(UPDATED_AT);
        String sourceStamp = leftAlone == null || stamp == null ? null : stamp.typed("s");
        if (leftAlone != null) {
            try (Statement statement = dst.createStatement(); ResultSet keys = statement.executeQuery(
                    "SELECT CAST(t.id AS text) FROM " + stage + " s JOIN " + table + " t ON t.id = " + id.typed("s")
                            + " WHERE s.reject_reason IS NULL AND " + ServiceRows.theService("t", serviceSince, sourceStamp))) {
                while (keys.next()) {
                    leftAlone.add(keys.getString(1));
                }
            }
        }
        if (!nonKey.isEmpty()) {
            String update = "UPDATE " + table + " t SET "
                    + nonKey.stream().map(c -> c.quoted() + " = " + c.typed("s")).collect(Collectors.joining(", "))
                    + " FROM " + stage + " s WHERE s.reject_reason IS NULL AND t.id = " + id.typed("s")
                    + ServiceRows.notTheService("t", serviceSince, sourceStamp) + " AND (" + nonKey.stream().map(c -> "t." + c.quoted()).collect(Collectors.joining(", "))
                    + ") IS DISTINCT FROM (" + nonKey.stream().map(c -> c.typed("s")).collect(Collectors.joining(", "))
                    + ")";
            updated = stamp == null ? Sql.update(dst, update) : updateKeepingTheSourcesStamp(update, stamp);
        }
        long inserted = Sql.update(dst, insert + " AND NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t.id = "
                + id.typed("s") + ")");
        return new Written(inserted, updated);
    }

    /**
     * Runs the merge's {@code update} so that each row it changes holds the source's {@code updated_at}
     * afterwards. The {@code set_updated_at} trigger stamps now() on an update that leaves
     * {@code updated_at} as it was, as a row the old database changed without restamping it is merged:
     * that row would then read as the service's ({@link ServiceRows}) to the verification, to a live
     * run's count and to every later rerun. The rows whose stored stamp is not the source's (the
     * update's RETURNING gives the stored row, the trigger's change included) get the source's back
     * in a second update of the same transaction, which the trigger keeps: it leaves alone an
     * {@code updated_at} that the writer changed. No other session sees now() in between. Returns how
     * many rows the merge updated.
     */
    private long updateKeepingTheSourcesStamp(String update, Column stamp) throws SQLException {
        String restamp = restampTable(layout);
        long updated;
        try (Statement statement = dst.createStatement(); ResultSet counts = statement.executeQuery("WITH merged AS ("
                + update + " RETURNING t.id, t." + stamp.quoted() + " AS stored, " + stamp.typed("s") + " AS wanted),"
                + " restamped AS (INSERT INTO " + restamp + " SELECT id, wanted FROM merged WHERE stored IS DISTINCT"
                + " FROM wanted RETURNING 1) SELECT (SELECT count(*) FROM merged), (SELECT count(*) FROM restamped)")) {
            counts.next();
            updated = counts.getLong(1);
            if (counts.getLong(2) == 0) {
                return updated;
            }
        }
        Sql.execute(dst, "UPDATE " + layout.table().table + " t SET " + stamp.quoted() + " = r.stamp FROM " + restamp
                + " r WHERE t.id = r.id");
        Sql.execute(dst, "TRUNCATE " + restamp);
        return updated;
    }

    private static String restampTable(TableLayout layout) {
        return "avatar_db_restamp_" + layout.table().table;
    }

    /**
     * Loading bare: inserts, and keeps the rows as read of those that took a default for a null in
     * {@link PreData#AS_READ}, by row address, for the reject file should the row be taken out later
     * ({@link #takeOutLoadedRejects}). A batch holds each id once ({@link LoadSequence#withoutTwins}).
     */
    private long insertKeepingAsRead(String insert) throws SQLException {
        List<Column> defaulted = layout.columns().stream().filter(Column::takesDefault).toList();
        if (defaulted.isEmpty()) {
            return Sql.update(dst, insert);
        }
        String sql = "WITH loaded AS (" + insert + " RETURNING ctid AS row_id, id), as_read AS (INSERT INTO "
                + PreData.AS_READ + " SELECT '" + layout.table().table + "', l.row_id, ARRAY[" + layout.columnList("s")
                + "] FROM loaded l JOIN " + layout.stageTable() + " s ON l.id = " + layout.column(TransferTable.PRIMARY_KEY)
                .typed("s") + " WHERE s.reject_reason IS NULL AND (" + defaulted.stream().map(c -> "s." + c.quoted()
                + " IS NULL").collect(Collectors.joining(" OR ")) + ")) SELECT count(*) FROM loaded";
        try (Statement statement = dst.createStatement(); ResultSet count = statement.executeQuery(sql)) {
            count.next();
            return count.getLong(1);
        }
    }

    /** A data exception or a constraint violation is the data's fault: undo and check row by row. */
    private void rollbackIfRefused(Savepoint savepoint, SQLException e) throws SQLException {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!state.startsWith("22") && !state.startsWith("23")) {
            throw e;
        }
        dst.rollback(savepoint);
    }

    private long copyInto(String table, List<byte[]> batch) throws SQLException {
        CopyIn in = copy.copyIn(layout.copyIn(table));
        try {
            if (layout.binary()) {
                in.writeToCopy(CopyOutRows.HEADER, 0, CopyOutRows.HEADER.length);
            }
            for (byte[] row : batch) {
                in.writeToCopy(row, 0, row.length);
            }
            if (layout.binary()) {
                in.writeToCopy(CopyOutRows.TRAILER, 0, CopyOutRows.TRAILER.length);
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
