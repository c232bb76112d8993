package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;
import dev.avatarbot.schema.transfer.TableLayout.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Moves the bot's data from an old database into one at the newest revision ({@code migrate_data.py}).
 *
 * <p>Per table, parents first: the source is streamed with {@code COPY ... TO STDOUT} inside one
 * repeatable-read snapshot (memory stays flat), each batch goes with {@code COPY ... FROM STDIN}
 * into a temporary staging table of text columns, rows that cannot go in are marked with their
 * reason and written to {@code <table>.rejects.csv}, and the rest are merged on the primary key
 * and committed. Merging makes a rerun change nothing and a killed run, started again, end where an
 * uninterrupted one would. Afterwards identity sequences move past the largest id. Counts and a
 * content checksum of the transferred rows are compared between source (in the same snapshot) and
 * target, each table as soon as it is done, on connections of their own, while the next one moves.
 */
public final class DataTransfer {

    private final DataSource source;
    private final DataSource target;
    private final TransferOptions options;
    private final TransferListener listener;
    private final RejectFiles rejectFiles;

    public DataTransfer(DataSource source, DataSource target, TransferOptions options, TransferListener listener) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.listener = listener;
        this.rejectFiles = new RejectFiles(options.rejectDirectory());
    }

    public TransferReport run() {
        try {
            new SchemaMigrations(target).verifyCurrent();
        } catch (SchemaNotCurrentException e) {
            throw new SchemaNotCurrentException("The target is not ready for the data: " + e.getMessage(), e.status());
        }
        List<Path> earlierRejectFiles = rejectFiles.keepEarlier();
        ExecutorService verifiers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "avatar-db-verify");
            thread.setDaemon(true);
            return thread;
        });
        try (Connection src = DatabaseConnections.open(source); Connection dst = DatabaseConnections.open(target)) {
            src.setAutoCommit(false);
            src.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            src.setReadOnly(true);
            dst.setAutoCommit(false);
            String snapshot = exportSnapshot(src);

            Map<TransferTable, TableLayout> layouts = new LinkedHashMap<>();
            for (TransferTable table : TransferTable.values()) {
                layouts.put(table, describe(src, dst, table));
            }
            createHelpers(dst);
            List<TableResult> results = new ArrayList<>();
            List<Future<Optional<String>>> verifications = new ArrayList<>();
            for (TableLayout layout : layouts.values()) {
                List<String> rejected = new ArrayList<>();
                TableResult result = transfer(src, dst, layout, rejected);
                results.add(result);
                listener.tableDone(result);
                if (!options.dryRun()) {
                    // Its rows are committed: check them on connections of their own while the next table moves.
                    verifications.add(verifiers.submit(() -> verifyInSnapshot(snapshot, layout, rejected)));
                }
            }
            if (options.dryRun()) {
                dst.rollback();
                return new TransferReport(results, true, false, List.of(), earlierRejectFiles);
            }
            moveIdentitySequences(dst, layouts.values());
            dst.commit();
            List<String> mismatches = new ArrayList<>();
            for (Future<Optional<String>> verification : verifications) {
                awaitVerification(verification).ifPresent(mismatches::add);
            }
            src.commit();
            return new TransferReport(results, false, true, mismatches, earlierRejectFiles);
        } catch (SQLException e) {
            throw new SchemaException("The data transfer failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemaException("Could not write a reject file under " + options.rejectDirectory() + ": "
                    + e.getMessage(), e);
        } finally {
            verifiers.shutdownNow();
        }
    }

    /** Names the source transaction's snapshot, so that other connections can read exactly what it reads. */
    private static String exportSnapshot(Connection src) throws SQLException {
        try (Statement statement = src.createStatement();
             ResultSet snapshot = statement.executeQuery("SELECT pg_export_snapshot()")) {
            snapshot.next();
            return snapshot.getString(1);
        }
    }

    private Optional<String> verifyInSnapshot(String snapshot, TableLayout layout, List<String> rejectedKeys)
            throws SQLException {
        try (Connection src = DatabaseConnections.open(source); Connection dst = DatabaseConnections.open(target)) {
            src.setAutoCommit(false);
            src.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            src.setReadOnly(true);
            execute(src, "SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
            Optional<String> mismatch = verify(src, dst, layout, rejectedKeys);
            src.commit();
            return mismatch;
        }
    }

    private static Optional<String> awaitVerification(Future<Optional<String>> verification) throws SQLException {
        try {
            return verification.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException("Verification failed", e.getCause());
        }
    }

    // --- layout -------------------------------------------------------------------------------

    private TableLayout describe(Connection src, Connection dst, TransferTable table) throws SQLException {
        String query = options.selects().getOrDefault(table.table, "SELECT * FROM " + table.table);
        Map<String, String> sourceTypes = new LinkedHashMap<>();
        try (PreparedStatement statement = src.prepareStatement("SELECT * FROM (" + query + ") src LIMIT 0")) {
            ResultSetMetaData meta = statement.executeQuery().getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                sourceTypes.put(meta.getColumnLabel(i), meta.getColumnTypeName(i));
            }
        } catch (SQLException e) {
            throw new SchemaException.UserError("Cannot read " + table.table + " from the source ("
                    + e.getMessage().strip() + "): give it that table, or a SELECT for it in the selects file.", e);
        }
        if (!sourceTypes.containsKey(TransferTable.PRIMARY_KEY)) {
            throw new SchemaException.UserError("The source's " + table.table + " has no id column: ids are kept, so"
                    + " map one through a SELECT in the selects file (see README, data transfer).");
        }
        List<Column> columns = new ArrayList<>();
        List<String> defaulted = new ArrayList<>();
        try (PreparedStatement statement = dst.prepareStatement("""
                SELECT column_name, data_type, is_nullable = 'YES', column_default
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ?
                ORDER BY ordinal_position""")) {
            statement.setString(1, table.table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String type = rows.getString(2);
                    String sourceType = sourceTypes.get(name);
                    if (sourceType == null) {
                        if (!rows.getBoolean(3) && rows.getString(4) == null) {
                            throw new SchemaException.UserError("The source's " + table.table + " has no column " + name
                                    + ", which the target needs and has no default for: provide it through a SELECT"
                                    + " in the selects file (see README, data transfer).");
                        }
                        defaulted.add(name);
                        continue;
                    }
                    boolean jsonFromText = type.equals("jsonb") && !sourceType.equals("json") && !sourceType.equals("jsonb");
                    columns.add(new Column(name, type, rows.getBoolean(3), rows.getString(4), jsonFromText));
                }
            }
        }
        Set<String> used = columns.stream().map(Column::name).collect(Collectors.toSet());
        List<String> ignored = sourceTypes.keySet().stream().filter(name -> !used.contains(name)).toList();
        return new TableLayout(table, query, List.copyOf(columns), List.copyOf(defaulted), ignored);
    }

    private static void createHelpers(Connection dst) throws SQLException {
        try (Statement statement = dst.createStatement()) {
            // JSON kept as text in an old layout: invalid documents become NULL here and are rejected.
            statement.execute("""
                    CREATE OR REPLACE FUNCTION pg_temp.avatar_db_jsonb(value text) RETURNS jsonb
                        LANGUAGE plpgsql IMMUTABLE AS $$
                    BEGIN
                        RETURN value::jsonb;
                    EXCEPTION WHEN others THEN
                        RETURN NULL;
                    END;
                    $$""");
        }
    }

    // --- one table ----------------------------------------------------------------------------

    private TableResult transfer(Connection src, Connection dst, TableLayout layout, List<String> rejectedKeys)
            throws SQLException, IOException {
        long started = System.nanoTime();
        long total = count(src, layout);
        boolean targetHadRows = hasRows(dst, layout.table().table);
        createStage(dst, layout);
        // The ids this run has already taken: the table itself when the run fills it, else a table of their own.
        String earlierIds = targetHadRows ? createSeenIds(dst, layout) : layout.table().table;
        CopyManager targetCopy = dst.unwrap(PGConnection.class).getCopyAPI();
        long read = 0;
        long inserted = 0;
        long updated = 0;
        Path rejectFile = null;
        long lastReport = System.nanoTime();
        List<byte[]> batch = new ArrayList<>(options.batchSize());
        try (SourceRows rows = SourceRows.start(src, "COPY (" + layout.sourceSelect() + ") TO STDOUT",
                options.batchSize())) {
            boolean more = true;
            while (more) {
                batch.clear();
                byte[] row;
                while (batch.size() < options.batchSize() && (row = rows.next()) != null) {
                    batch.add(row);
                }
                more = batch.size() == options.batchSize();
                if (batch.isEmpty()) {
                    break;
                }
                read += batch.size();
                // Into an empty table a clean batch goes straight in, as fast as a plain COPY; a rerun,
                // or a batch the target refuses, goes through the staging table and the checks.
                long[] merged = targetHadRows ? null : copyStraightIn(dst, targetCopy, layout, batch);
                if (merged == null) {
                    copyInto(dst, targetCopy, layout.stageTable(), layout, batch, true);
                    // A refused straight COPY needs the checks; a rerun's batch may well merge as it is.
                    merged = targetHadRows ? mergeOptimistically(dst, layout, earlierIds) : null;
                }
                if (merged == null) {
                    if (markRejects(dst, layout, earlierIds) > 0) {
                        rejectFile = rejectFiles.write(dst, targetCopy, layout, rejectedKeys);
                    }
                    if (targetHadRows) {
                        rememberIds(dst, layout, earlierIds);
                    }
                    merged = merge(dst, layout);
                }
                inserted += merged[0];
                updated += merged[1];
                if (!options.dryRun()) {
                    dst.commit();
                }
                listener.batchDone(layout.table().table, read);
                long now = System.nanoTime();
                if (more && now - lastReport >= options.progressEvery().toNanos()) {
                    double rate = read / ((now - started) / 1e9);
                    listener.progress(layout.table().table, read, total, rate,
                            rate > 0 ? Math.max(0, total - read) / rate : 0);
                    lastReport = now;
                }
            }
        }
        return new TableResult(layout.table().table, read, inserted, updated, rejectedKeys.size(),
                (System.nanoTime() - started) / 1e9, rejectFile, layout.defaulted(), layout.ignored());
    }

    private static boolean hasRows(Connection dst, String table) throws SQLException {
        try (Statement statement = dst.createStatement();
             ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /**
     * The fast path into a table that was empty when the transfer began: COPY the batch straight
     * into it and let the target's own constraints and conversions judge. Returns null, with the
     * batch undone, when they refuse it.
     */
    private static long[] copyStraightIn(Connection dst, CopyManager copy, TableLayout layout, List<byte[]> batch)
            throws SQLException {
        Savepoint savepoint = dst.setSavepoint();
        try {
            long inserted = copyInto(dst, copy, layout.table().table, layout, batch, false);
            dst.releaseSavepoint(savepoint);
            return new long[] {inserted, 0};
        } catch (SQLException e) {
            rollbackIfRefused(dst, savepoint, e);
            return null;
        }
    }

    /**
     * A table that held rows before this run cannot tell by its own rows whether an id came earlier in
     * this run: the ids the run has taken are kept in a temporary table, so that a repeated id is
     * rejected on a rerun as it was the first time, not merged over the row kept then.
     */
    private static String createSeenIds(Connection dst, TableLayout layout) throws SQLException {
        String seen = "avatar_db_seen_" + layout.table().table;
        execute(dst, "DROP TABLE IF EXISTS pg_temp." + seen);
        execute(dst, "CREATE TEMP TABLE " + seen + " (id " + layout.column(TransferTable.PRIMARY_KEY).type()
                + " PRIMARY KEY)");
        return seen;
    }

    /** Adds the batch's accepted ids; fails with a unique violation when one was taken before. */
    private static void rememberIds(Connection dst, TableLayout layout, String seen) throws SQLException {
        execute(dst, "INSERT INTO " + seen + " SELECT " + layout.column(TransferTable.PRIMARY_KEY).typed("s") + " FROM "
                + layout.stageTable() + " s WHERE s.reject_reason IS NULL");
    }

    /**
     * Merges the staged batch as it is; null, with the batch undone, when the target refuses a row
     * or an id came before in this run.
     */
    private static long[] mergeOptimistically(Connection dst, TableLayout layout, String seen) throws SQLException {
        Savepoint savepoint = dst.setSavepoint();
        try {
            rememberIds(dst, layout, seen);
            long[] merged = merge(dst, layout);
            dst.releaseSavepoint(savepoint);
            return merged;
        } catch (SQLException e) {
            rollbackIfRefused(dst, savepoint, e);
            return null;
        }
    }

    /** A data exception or a constraint violation is the data's fault: undo and check row by row. */
    private static void rollbackIfRefused(Connection dst, Savepoint savepoint, SQLException e) throws SQLException {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!state.startsWith("22") && !state.startsWith("23")) {
            throw e;
        }
        dst.rollback(savepoint);
    }

    private static long copyInto(Connection dst, CopyManager copy, String table, TableLayout layout,
                                 List<byte[]> batch, boolean truncateFirst) throws SQLException {
        if (truncateFirst) {
            execute(dst, "TRUNCATE " + table);
        }
        CopyIn in = copy.copyIn("COPY " + table + " (" + layout.columnList(null) + ") FROM STDIN");
        try {
            for (byte[] row : batch) {
                in.writeToCopy(row, 0, row.length);
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static long count(Connection src, TableLayout layout) throws SQLException {
        try (Statement statement = src.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM (" + layout.sourceQuery() + ") src")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void createStage(Connection dst, TableLayout layout) throws SQLException {
        String columns = layout.columns().stream().map(c -> c.quoted() + " text").collect(Collectors.joining(", "));
        execute(dst, "DROP TABLE IF EXISTS pg_temp." + layout.stageTable());
        execute(dst, "CREATE TEMP TABLE " + layout.stageTable() + " (" + columns + ", reject_reason text)");
    }

    /**
     * Marks every staged row that cannot go in with its first reason; returns how many. An id in
     * {@code earlierIds} came in an earlier batch of this run: a duplicate in the source, rejected
     * like one within the batch, whether the run fills the table or merges into it.
     */
    private static int markRejects(Connection dst, TableLayout layout, String earlierIds) throws SQLException {
        TransferTable table = layout.table();
        String stage = layout.stageTable();
        Column id = layout.column(TransferTable.PRIMARY_KEY);
        List<String> cases = new ArrayList<>();
        cases.add("WHEN EXISTS (SELECT 1 FROM " + earlierIds + " e WHERE e.id = " + id.typed("s") + ") THEN 'id ' || s.id"
                + " || ' appears more than once in the source'");
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
        Column parent = table.parentColumn == null ? null : layout.column(table.parentColumn);
        if (parent != null) {
            cases.add("WHEN NOT EXISTS (SELECT 1 FROM " + table.parentTable + " p WHERE p.id = " + parent.typed("s")
                    + ") THEN 'orphan: " + parent.name() + " ' || s." + parent.quoted() + " || ' is not in "
                    + table.parentTable + "'");
        }
        Column unique = table.uniqueColumn == null ? null : layout.column(table.uniqueColumn);
        if (unique != null) {
            cases.add("WHEN EXISTS (SELECT 1 FROM " + table.table + " t WHERE t." + unique.quoted() + " = "
                    + unique.typed("s") + " AND t.id <> " + id.typed("s") + ") THEN '" + unique.name() + " ' || s."
                    + unique.quoted() + " || ' is already used by another id'");
        }
        int marked = 0;
        try (Statement statement = dst.createStatement()) {
            marked += statement.executeUpdate("UPDATE " + stage + " s SET reject_reason = 'id is null' WHERE s.id IS NULL");
            if (!cases.isEmpty()) {
                String reason = "CASE " + String.join(" ", cases) + " END";
                marked += statement.executeUpdate("UPDATE " + stage + " s SET reject_reason = " + reason
                        + " WHERE s.reject_reason IS NULL AND " + reason + " IS NOT NULL");
            }
            marked += markDuplicates(statement, layout, id, "appears more than once in the source");
            if (unique != null) {
                // Worded as the check against rows already in the target: which batch held the twin does not matter.
                marked += markDuplicates(statement, layout, unique, "is already used by another id");
            }
        }
        return marked;
    }

    /** Within the batch, the first row with a value keeps it; later ones are rejected. */
    private static int markDuplicates(Statement statement, TableLayout layout, Column column, String reason)
            throws SQLException {
        String stage = layout.stageTable();
        return statement.executeUpdate("UPDATE " + stage + " s SET reject_reason = '" + column.name() + " ' || s."
                + column.quoted() + " || ' " + reason + "'"
                + " FROM (SELECT ctid AS row_id, row_number() OVER (PARTITION BY " + column.quoted()
                + " ORDER BY ctid) AS n FROM " + stage + " WHERE reject_reason IS NULL) d"
                + " WHERE s.ctid = d.row_id AND d.n > 1");
    }

    /**
     * Inserts new rows and updates changed ones; returns {inserted, updated}. Two plain statements
     * rather than INSERT ... ON CONFLICT: speculative insertion costs more per row, and a transfer is
     * the only writer of the ids it brings.
     */
    private static long[] merge(Connection dst, TableLayout layout) throws SQLException {
        String table = layout.table().table;
        Column id = layout.column(TransferTable.PRIMARY_KEY);
        List<Column> nonKey = layout.columns().stream().filter(c -> !c.name().equals(TransferTable.PRIMARY_KEY)).toList();
        try (Statement statement = dst.createStatement()) {
            long updated = 0;
            if (!nonKey.isEmpty()) {
                updated = statement.executeUpdate("UPDATE " + table + " t SET "
                        + nonKey.stream().map(c -> c.quoted() + " = " + c.typed("s")).collect(Collectors.joining(", "))
                        + " FROM " + layout.stageTable() + " s WHERE s.reject_reason IS NULL AND t.id = " + id.typed("s")
                        + " AND (" + nonKey.stream().map(c -> "t." + c.quoted()).collect(Collectors.joining(", "))
                        + ") IS DISTINCT FROM (" + nonKey.stream().map(c -> c.typed("s")).collect(Collectors.joining(", "))
                        + ")");
            }
            long inserted = statement.executeUpdate("INSERT INTO " + table + " (" + layout.columnList(null) + ") SELECT "
                    + layout.columns().stream().map(c -> c.typed("s")).collect(Collectors.joining(", "))
                    + " FROM " + layout.stageTable() + " s WHERE s.reject_reason IS NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t.id = " + id.typed("s") + ")");
            return new long[] {inserted, updated};
        }
    }

    private static void moveIdentitySequences(Connection dst, Iterable<TableLayout> layouts) throws SQLException {
        for (TableLayout layout : layouts) {
            String table = layout.table().table;
            try (Statement statement = dst.createStatement();
                 ResultSet identity = statement.executeQuery("SELECT pg_get_serial_sequence('" + table + "', 'id')")) {
                identity.next();
                if (identity.getString(1) != null) {
                    execute(dst, "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), COALESCE(max(id), 0) + 1,"
                            + " false) FROM " + table);
                }
            }
        }
    }

    // --- verification -------------------------------------------------------------------------

    /** Compares count and content checksum of the transferred rows; a mismatch names the table. */
    private static Optional<String> verify(Connection src, Connection dst, TableLayout layout,
                                                     List<String> rejectedKeys) throws SQLException {
        // The source's values as the transfer saw them: COPY text, cast to the target's types.
        String sourceRows = "SELECT " + layout.columns().stream()
                .map(c -> "CAST(CAST(src." + c.quoted() + " AS text) AS " + c.type() + ") AS " + c.quoted())
                .collect(Collectors.joining(", ")) + " FROM (" + layout.sourceQuery() + ") src";
        // Both sides at once: each is a full scan on its own server.
        CompletableFuture<Checksum> expected = CompletableFuture.supplyAsync(() -> {
            try {
                return checksum(src, sourceRows, layout, rejectedKeys);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        Checksum actual = checksum(dst, "SELECT " + layout.columnList(null) + " FROM " + layout.table().table, layout,
                rejectedKeys);
        Checksum source;
        try {
            source = expected.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
        if (source.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: source has %d rows to transfer, target has %d%s",
                layout.table().table, source.rows(), actual.rows(),
                source.rows() == actual.rows() ? ", with different contents" : ""));
    }

    /** Row count and an order-independent sum of per-row hashes. */
    private record Checksum(long rows, BigDecimal sum) {
    }

    private static Checksum checksum(Connection connection, String rows, TableLayout layout, List<String> rejectedKeys)
            throws SQLException {
        String text = layout.columns().stream()
                .map(c -> "COALESCE(CAST(r." + c.quoted() + " AS text), '\\N')")
                .collect(Collectors.joining(" || '|' || "));
        String sql = "SELECT count(*), COALESCE(sum(hashtextextended(" + text + ", 0)::numeric), 0)"
                + " FROM (" + rows + ") r WHERE NOT (CAST(r.id AS text) = ANY (?))";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array keys = connection.createArrayOf("text", rejectedKeys.toArray());
            statement.setArray(1, keys);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new Checksum(result.getLong(1), result.getBigDecimal(2));
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
