package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.avatarbot.schema.transfer.TableLayout.Column;
import dev.avatarbot.schema.transfer.TableLayout.SourcePromises;

/**
 * Why a row cannot go in. Each staged row that fails a check is marked with its first reason; the
 * reasons are worded here once, as SQL expressions over a row alias.
 */
final class RowChecks {

    private RowChecks() {
    }

    /** The helper the JSON check needs, in the session's temporary schema. */
    static void createHelpers(Connection dst) throws SQLException {
        // JSON kept as text in an old layout: invalid documents become NULL here and are rejected.
        Sql.execute(dst, """
                CREATE OR REPLACE FUNCTION pg_temp.avatar_db_jsonb(value text) RETURNS jsonb
                    LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN
                    RETURN value::jsonb;
                EXCEPTION WHEN others THEN
                    RETURN NULL;
                END;
                $$""");
    }

    static String repeatedReason(Column column, String alias) {
        return "'" + column.name() + " ' || " + alias + "." + column.quoted() + " || ' appears more than once in the source'";
    }

    static String takenReason(Column column, String alias) {
        return "'" + column.name() + " ' || " + alias + "." + column.quoted() + " || ' is already used by another id'";
    }

    static String orphanReason(Column column, String alias, String parentTable) {
        return "'orphan: " + column.name() + " ' || " + alias + "." + column.quoted() + " || ' is not in " + parentTable + "'";
    }

    /**
     * Marks every staged row that cannot go in with its first reason, in the order the set-based
     * checks keep ({@link #markLoaded}): its own faults (a null id, a null required value, JSON that
     * does not parse, the table's check), then a parent that did not arrive, then an id an earlier
     * row holds, then a natural key an earlier row holds; a rejected row holds neither. Returns how
     * many. An id in {@code earlierIds} came in an earlier batch of this run: a duplicate in the
     * source, rejected like one within the batch, whether the run fills the table or merges into it.
     * {@code earlierIds} is null when the table's primary key is down: repeated ids, of earlier
     * batches and of this one, are left to {@link #markLoaded}, which looks for orphans first. With
     * {@code setBasedLater}, the table's foreign key and unique index are down for the load: orphans
     * and taken values are left to {@link #markLoaded}, once the table is loaded.
     */
    static long markStaged(Connection dst, TableLayout layout, String earlierIds, boolean setBasedLater)
            throws SQLException {
        TransferTable table = layout.table();
        String stage = layout.stageTable();
        Column id = layout.column(TransferTable.PRIMARY_KEY);
        List<String> cases = new ArrayList<>();
        for (Column column : layout.columns()) {
            if (column.required()) {
                cases.add("WHEN s." + column.quoted() + " IS NULL THEN '" + column.name() + " is null'");
            }
        }
        for (Column column : layout.columns()) {
            if (column.jsonFromText()) {
                cases.add("WHEN s." + column.quoted() + " IS NOT NULL AND pg_temp.avatar_db_jsonb(s." + column.quoted()
                        + ") IS NULL THEN 'invalid JSON in " + column.name() + "'");
            }
        }
        if (table.rejectCondition != null) {
            String condition = table.rejectCondition;
            for (Column column : layout.columns()) {
                condition = condition.replace("{" + column.name() + "}", column.typed("s"));
            }
            if (!condition.contains("{")) { // a column the source lacks takes the target's default: nothing to check
                cases.add("WHEN " + condition + " THEN '" + table.rejectReason + "'");
            }
        }
        Column parent = table.parentColumn == null || setBasedLater ? null : layout.column(table.parentColumn);
        if (parent != null) {
            cases.add("WHEN NOT EXISTS (SELECT 1 FROM " + table.parentTable + " p WHERE p.id = " + parent.typed("s")
                    + ") THEN " + orphanReason(parent, "s", table.parentTable));
        }
        long marked = Sql.update(dst, "UPDATE " + stage + " s SET reject_reason = 'id is null' WHERE s.id IS NULL");
        if (!cases.isEmpty()) {
            String reason = "CASE " + String.join(" ", cases) + " END";
            marked += Sql.update(dst, "UPDATE " + stage + " s SET reject_reason = " + reason
                    + " WHERE s.reject_reason IS NULL AND " + reason + " IS NOT NULL");
        }
        Column unique = table.uniqueColumn == null || setBasedLater ? null : layout.column(table.uniqueColumn);
        if (earlierIds != null) {
            marked += Sql.update(dst, "UPDATE " + stage + " s SET reject_reason = " + repeatedReason(id, "s")
                    + " WHERE s.reject_reason IS NULL AND EXISTS (SELECT 1 FROM " + earlierIds + " e WHERE e.id = "
                    + id.typed("s") + ")");
            if (unique != null) {
                return marked + markStagedTwinsInOrder(dst, layout, id, unique);
            }
            marked += markDuplicates(dst, stage, id, repeatedReason(id, "s"));
        }
        if (unique != null) {
            // Worded as the check against rows already in the target: which batch held the twin does not matter.
            marked += Sql.update(dst, "UPDATE " + stage + " s SET reject_reason = " + takenReason(unique, "s")
                    + " WHERE s.reject_reason IS NULL AND EXISTS (SELECT 1 FROM " + table.table + " t WHERE t."
                    + unique.quoted() + " = " + unique.typed("s") + " AND t.id <> " + id.typed("s") + ")");
            marked += markDuplicates(dst, stage, unique, takenReason(unique, "s"));
        }
        return marked;
    }

    /**
     * Before a loaded table's primary key, foreign key and unique index come back: finds, set-based,
     * the rows that would break them, with the reasons {@link #markStaged} gives: an orphan first,
     * then an id or a unique value that an earlier row holds (the first row loaded keeps it). Their
     * row addresses, ids and reasons go into the temporary table {@value #LOADED_REJECTS}; returns
     * how many. A check the source's constraints already made is skipped ({@link SourcePromises});
     * the parent check only while {@code parentIntact}, the parent table having lost no row; the
     * repeated ids when {@code idsUnique}, which the caller knows.
     */
    static long markLoaded(Connection dst, TableLayout layout, boolean parentIntact, boolean idsUnique)
            throws SQLException {
        TransferTable table = layout.table();
        Column id = layout.column(TransferTable.PRIMARY_KEY);
        Sql.execute(dst, "DROP TABLE IF EXISTS pg_temp." + LOADED_REJECTS);
        Sql.execute(dst, "CREATE TEMP TABLE " + LOADED_REJECTS + " (row_id tid PRIMARY KEY, id " + id.type()
                + ", reason text NOT NULL)");
        long marked = 0;
        SourcePromises promised = layout.promised();
        Column parent = table.parentColumn == null ? null : layout.column(table.parentColumn);
        if (parent != null && !(promised.parentExists() && parentIntact)) {
            marked += Sql.update(dst, "INSERT INTO " + LOADED_REJECTS + " SELECT t.ctid, t.id, " + orphanReason(parent, "t",
                    table.parentTable) + " FROM " + table.table + " t WHERE NOT EXISTS (SELECT 1 FROM "
                    + table.parentTable + " p WHERE p.id = t." + parent.quoted() + ")");
        }
        Column unique = table.uniqueColumn == null || promised.uniqueNaturalKey() ? null
                : layout.column(table.uniqueColumn);
        if (!idsUnique && unique != null) {
            return marked + markLoadedTwinsInOrder(dst, table.table, id, unique);
        }
        if (!idsUnique) {
            marked += markLoadedTwins(dst, table.table, id, repeatedReason(id, "d"));
        }
        if (unique != null) {
            marked += markLoadedTwins(dst, table.table, unique, takenReason(unique, "d"));
        }
        return marked;
    }

    /**
     * Both repeated ids and repeated natural keys in a loaded table: one pass per column cannot tell
     * who keeps what, because a rejected row holds nothing (a row rejected for a natural key an
     * earlier row holds leaves its id to a later twin). The rows not marked yet that share an id or
     * a natural key with another are read in load order ({@link LoadSequence}) and decided one by
     * one ({@link #firstKeeps}); every other row keeps both, having no twin.
     */
    private static long markLoadedTwinsInOrder(Connection dst, String table, Column id, Column unique)
            throws SQLException {
        String open = " NOT EXISTS (SELECT 1 FROM " + LOADED_REJECTS + " r WHERE r.row_id = %s.ctid)";
        String candidates = "SELECT CAST(t.ctid AS text), CAST(t.id AS text), CAST(t." + unique.quoted() + " AS text),"
                + " false FROM " + table + " t WHERE" + open.formatted("t") + " AND (t.id IN (SELECT u.id FROM " + table
                + " u WHERE" + open.formatted("u") + " GROUP BY u.id HAVING count(*) > 1) OR t." + unique.quoted()
                + " IN (SELECT u." + unique.quoted() + " FROM " + table + " u WHERE" + open.formatted("u")
                + " GROUP BY 1 HAVING count(*) > 1)) ORDER BY " + LoadSequence.order("t");
        return firstKeeps(dst, candidates, "INSERT INTO " + LOADED_REJECTS + " SELECT t.ctid, t.id, CASE WHEN x.kind = 'id'"
                + " THEN " + repeatedReason(id, "t") + " ELSE " + takenReason(unique, "t") + " END FROM " + table
                + " t JOIN unnest(CAST(? AS text[]), CAST(? AS text[])) x (row_id, kind) ON t.ctid = CAST(x.row_id AS tid)");
    }

    /** {@link #markLoadedTwinsInOrder} for a staged batch, after the ids earlier batches kept: in the order staged. */
    private static long markStagedTwinsInOrder(Connection dst, TableLayout layout, Column id, Column unique)
            throws SQLException {
        String stage = layout.stageTable();
        String taken = "EXISTS (SELECT 1 FROM " + layout.table().table + " t WHERE t." + unique.quoted() + " = "
                + unique.typed("s") + " AND t.id <> " + id.typed("s") + ")";
        String twins = " IN (SELECT %1$s FROM " + stage + " WHERE reject_reason IS NULL GROUP BY 1 HAVING count(*) > 1)";
        String candidates = "SELECT CAST(s." + BatchWriter.STAGED_AS + " AS text), s.id, s." + unique.quoted() + ", "
                + taken + " FROM " + stage + " s WHERE s.reject_reason IS NULL AND (s.id" + twins.formatted("id")
                + " OR s." + unique.quoted() + twins.formatted(unique.quoted()) + " OR " + taken + ") ORDER BY s."
                + BatchWriter.STAGED_AS;
        return firstKeeps(dst, candidates, "UPDATE " + stage + " s SET reject_reason = CASE WHEN x.kind = 'id' THEN "
                + repeatedReason(id, "s") + " ELSE " + takenReason(unique, "s") + " END FROM unnest(CAST(? AS text[]),"
                + " CAST(? AS text[])) x (staged, kind) WHERE s." + BatchWriter.STAGED_AS + " = CAST(x.staged AS bigint)");
    }

    /**
     * The rule, row by row: {@code candidates} gives rows in read order (a handle, the id, the natural
     * key, whether a kept row elsewhere holds that key already); a row is rejected for its id when a
     * row kept before it has the id, else for its natural key when a row kept before it (or elsewhere)
     * has it, else kept. The rejected rows' handles and kinds ({@code id} or {@code key}) go to
     * {@code mark} as two text arrays; returns how many. Holds only the twins, never a whole table.
     */
    private static long firstKeeps(Connection dst, String candidates, String mark) throws SQLException {
        List<String> handles = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        Set<String> keptIds = new HashSet<>();
        Set<String> keptKeys = new HashSet<>();
        try (Statement statement = dst.createStatement()) {
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery(candidates)) {
                while (rows.next()) {
                    String id = rows.getString(2);
                    String key = rows.getString(3);
                    if (keptIds.contains(id)) {
                        handles.add(rows.getString(1));
                        kinds.add("id");
                    } else if (key != null && (rows.getBoolean(4) || keptKeys.contains(key))) {
                        handles.add(rows.getString(1));
                        kinds.add("key");
                    } else {
                        keptIds.add(id);
                        if (key != null) {
                            keptKeys.add(key);
                        }
                    }
                }
            }
        }
        if (handles.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = dst.prepareStatement(mark)) {
            statement.setArray(1, dst.createArrayOf("text", handles.toArray()));
            statement.setArray(2, dst.createArrayOf("text", kinds.toArray()));
            return statement.executeUpdate();
        }
    }

    /**
     * Among the loaded rows not marked yet, the first one loaded keeps a value ({@link LoadSequence}:
     * the earlier transaction); the later ones are marked.
     */
    private static long markLoadedTwins(Connection dst, String table, Column column, String reason) throws SQLException {
        String value = column.name().equals(TransferTable.PRIMARY_KEY) ? "" : ", t." + column.quoted();
        return Sql.update(dst, "INSERT INTO " + LOADED_REJECTS + " SELECT d.row_id, d.id, " + reason
                + " FROM (SELECT t.ctid AS row_id, t.id" + value + ", row_number() OVER (PARTITION BY t."
                + column.quoted() + " ORDER BY " + LoadSequence.order("t") + ") AS n FROM " + table
                + " t WHERE NOT EXISTS (SELECT 1 FROM " + LOADED_REJECTS + " r WHERE r.row_id = t.ctid)) d"
                + " WHERE d.n > 1 AND d." + column.quoted() + " IS NOT NULL");
    }

    /** The temporary table {@link #markLoaded} fills. */
    static final String LOADED_REJECTS = "avatar_db_loaded_rejects";

    /** Within the batch, the first row with a value (in the order it was staged) keeps it; later ones are rejected. */
    private static long markDuplicates(Connection dst, String stage, Column column, String reason) throws SQLException {
        return Sql.update(dst, "UPDATE " + stage + " s SET reject_reason = " + reason
                + " FROM (SELECT " + BatchWriter.STAGED_AS + " AS staged, row_number() OVER (PARTITION BY "
                + column.quoted() + " ORDER BY " + BatchWriter.STAGED_AS + ") AS n FROM " + stage
                + " WHERE reject_reason IS NULL) d WHERE s." + BatchWriter.STAGED_AS + " = d.staged AND d.n > 1");
    }
}
