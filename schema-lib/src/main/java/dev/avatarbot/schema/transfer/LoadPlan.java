package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import dev.avatarbot.schema.transfer.TableLoad.Progress;
import dev.avatarbot.schema.transfer.TableLoad.Share;

/**
 * The data section: which tables load in restore order (empty at the start) and which merge, and
 * how the work is spread over {@link TransferOptions#jobs()} connections. Tables at the same depth
 * of the foreign-key graph load at the same time (balances, states and avatars after users); a
 * large table without a unique natural key is split into key ranges loaded side by side (a table
 * with one is not: which of two rows keeps a value is "the first read", which must not depend on
 * the number of jobs). Every reader joins the run's exported source snapshot. A dry run works on
 * the run's own target connection, whose transaction it rolls back at the end. A live run merges
 * every table, an empty one too: the service may write into it meanwhile.
 */
final class LoadPlan {

    private final TransferRun run;
    private final TransferOptions options;
    private final TableLoad load;
    private final Connection src;
    private final TargetSession dst;

    LoadPlan(TransferRun run) {
        this.run = run;
        this.options = run.options();
        this.load = new TableLoad(run);
        this.src = run.sessions().source();
        this.dst = run.sessions().target();
    }

    /**
     * Loads every table, parents' depth first; each table is verified, and its indexes built, as soon
     * as it is done (not in a dry run, which has neither).
     */
    List<TableResult> run(List<TableLayout> layouts, List<String> restoreOrder, Verification verification,
                          PostData postData) throws SQLException, IOException {
        List<TableResult> results = new ArrayList<>(Collections.nCopies(layouts.size(), null));
        ExecutorService tables = Parallel.pool("avatar-db-table", layouts.size());
        ExecutorService ranges = Parallel.pool("avatar-db-load", run.jobs());
        try {
            for (int depth = 0; depth < layouts.size(); depth++) {
                List<Integer> level = new ArrayList<>();
                for (int i = 0; i < layouts.size(); i++) {
                    if (depth(layouts.get(i).table()) == depth) {
                        level.add(i);
                    }
                }
                List<Future<TableResult>> loads = new ArrayList<>();
                for (int i : level) {
                    TableLayout layout = layouts.get(i);
                    boolean restore = restoreOrder.contains(layout.table().table);
                    loads.add(options.dryRun()
                            ? CompletableFuture.completedFuture(loadTable(layout, false, ranges, null, null, false))
                            : tables.submit(() -> loadTable(layout, restore, ranges, verification, postData,
                                    parentIntact(layout, layouts, results))));
                }
                for (int j = 0; j < level.size(); j++) {
                    TableResult result = Parallel.await(loads.get(j), "loading a table");
                    results.set(level.get(j), result);
                    run.listener().tableDone(result);
                }
            }
        } finally {
            Parallel.stop(tables, run.sessions());
            Parallel.stop(ranges, run.sessions());
        }
        return results;
    }

    private static int depth(TransferTable table) {
        if (table.parentTable == null) {
            return 0;
        }
        for (TransferTable parent : TransferTable.values()) {
            if (parent.table.equals(table.parentTable)) {
                return depth(parent) + 1;
            }
        }
        throw new IllegalStateException("No table " + table.parentTable);
    }

    /** The table's parent, loaded at an earlier depth, lost no row to a reject. */
    private static boolean parentIntact(TableLayout layout, List<TableLayout> layouts, List<TableResult> results) {
        for (int i = 0; i < layouts.size(); i++) {
            if (layouts.get(i).table().table.equals(layout.table().parentTable)) {
                return results.get(i).rejected() == 0;
            }
        }
        return true;
    }

    private TableResult loadTable(TableLayout layout, boolean restoreOrder, ExecutorService ranges,
                                  Verification verification, PostData postData, boolean parentIntact)
            throws SQLException, IOException {
        String table = layout.table().table;
        List<KeyRange> slices;
        boolean merging;
        long total;
        synchronized (src) {
            total = run.timeline().time("estimating the source's rows", table, Timeline.on(dst),
                    () -> estimatedRows(layout));
            slices = options.dryRun() ? List.of(KeyRange.ALL) : slices(layout, total);
        }
        Set<String> changedSince;
        synchronized (dst) {
            merging = options.live() || Sql.hasRows(dst.connection(), table);
            // Taken before the load: the transfer's own rows may carry an updated_at later than that.
            changedSince = new HashSet<>(ServiceRows.keys(dst.connection(), layout, run.lastFinished()));
        }
        Progress progress = new Progress(total);
        List<String> rejectedKeys = Collections.synchronizedList(new ArrayList<>());
        long read = 0;
        long inserted = 0;
        long updated = 0;
        if (options.dryRun()) {
            Share share = run.timeline().time("loading", table, Timeline.on(dst), () -> load.loadRange(src,
                    dst.connection(), layout, KeyRange.ALL, merging, false, progress, rejectedKeys));
            read = share.read();
            inserted = share.inserted();
            updated = share.updated();
        } else {
            List<Future<Share>> shares = new ArrayList<>();
            String step = slices.size() == 1 ? "loading" : "loading a key range";
            for (KeyRange slice : slices) {
                shares.add(ranges.submit(() -> loadSlice(step, layout, slice, merging, restoreOrder, progress,
                        rejectedKeys)));
            }
            for (Future<Share> future : shares) {
                Share share = Parallel.await(future, "loading " + table);
                read += share.read();
                inserted += share.inserted();
                updated += share.updated();
            }
            if (restoreOrder) {
                synchronized (dst) {
                    try {
                        inserted -= run.timeline().time("taking out the rows that break a key", table,
                                Timeline.on(dst), () -> load.takeOutLoadedRejects(dst.connection(), layout,
                                        rejectedKeys, parentIntact));
                    } catch (SQLException e) {
                        throw orLockTimeout(dst, e, table);
                    }
                }
                postData.tableLoaded(table);
            }
        }
        Set<String> leftAlone = new HashSet<>(changedSince);
        leftAlone.addAll(progress.leftAlone);
        if (options.verify() && !options.dryRun()) {
            // copies that keep a null key: a rejected row may have no id
            verification.submit(layout, new ArrayList<>(rejectedKeys), progress.streamed, new ArrayList<>(leftAlone),
                    !leftAlone.isEmpty() || options.live());
        }
        if (options.live()) {
            synchronized (dst) {
                leftAlone.addAll(ServiceRows.keys(dst.connection(), layout, run.startedAt()));
            }
        }
        return new TableResult(table, read, inserted, updated, rejectedKeys.size(), leftAlone.size(),
                (System.nanoTime() - progress.started) / 1e9, rejectedKeys.isEmpty() ? null : load.rejectFile(layout),
                layout.defaulted(), layout.ignored());
    }

    /**
     * About how many rows the source gives, for the progress lines and the key ranges: the planner's
     * estimate for a table read as it is (a count would cost a full scan of it before the load's own),
     * a count for a configured SELECT or a table never analyzed.
     */
    private long estimatedRows(TableLayout layout) throws SQLException {
        String table = layout.table().table;
        if (!options.selects().containsKey(table)) {
            long estimate = Sql.longValue(src, "SELECT coalesce((SELECT reltuples::bigint FROM pg_class"
                    + " WHERE oid = to_regclass('" + table + "')), -1)");
            if (estimate > 0) {
                return estimate;
            }
        }
        return Sql.longValue(src, "SELECT count(*) FROM (" + layout.sourceQuery() + ") src");
    }

    private static SQLException orLockTimeout(TargetSession session, SQLException e, String table) {
        RuntimeException timedOut = session.orLockTimeout(e, "loading " + table);
        if (timedOut != null) {
            throw timedOut;
        }
        return e;
    }

    /** The key ranges a table loads in: one, unless it is large, splittable and has no unique natural key. */
    private List<KeyRange> slices(TableLayout layout, long total) throws SQLException {
        int parts = (int) Math.min(run.jobs(), total / options.batchSize());
        if (parts < 2 || !layout.splittable() || layout.table().uniqueColumn != null) {
            return List.of(KeyRange.ALL);
        }
        if (layout.column(TransferTable.PRIMARY_KEY).type().equals("uuid")) {
            return KeyRange.ofUuids(parts);
        }
        String bounds = Sql.value(src, "SELECT min(id) || ',' || max(id) FROM (" + layout.sourceQuery() + ") src");
        if (bounds == null) {
            return List.of(KeyRange.ALL);
        }
        String[] minMax = bounds.split(",");
        return KeyRange.ofIntegers(Long.parseLong(minMax[0]), Long.parseLong(minMax[1]), parts);
    }

    /** One range on a worker pair: the target's connection, and the source's in the run's snapshot. */
    private Share loadSlice(String step, TableLayout layout, KeyRange slice, boolean merging, boolean restoreOrder,
                            Progress progress, List<String> rejectedKeys) throws SQLException, IOException {
        RunSessions.Worker worker = run.sessions().borrow();
        Connection dst = worker.target().connection();
        try {
            SourceSnapshot.join(worker.source(), run.snapshot());
            RowChecks.createHelpers(dst);
            Share share = run.timeline().time(step, layout.table().table, Timeline.on(worker.target()),
                    () -> load.loadRange(worker.source(), dst, layout, slice, merging, restoreOrder, progress,
                            rejectedKeys));
            dst.commit();
            worker.source().commit();
            return share;
        } catch (SQLException e) {
            throw orLockTimeout(worker.target(), e, layout.table().table);
        } finally {
            // A failed range leaves no transaction open behind it for the next borrower (after a commit, nothing).
            for (Connection connection : List.of(worker.source(), dst)) {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
            }
            run.sessions().giveBack(worker);
        }
    }
}
