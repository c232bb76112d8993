package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.transfer.TableLoad.Progress;
import dev.avatarbot.schema.transfer.TableLoad.Share;

/**
 * The data section: which tables load in restore order (empty at the start) and which merge, and
 * how the work is spread over {@link TransferOptions#jobs()} connections. Tables at the same depth
 * of the foreign-key graph load at the same time (balances, states and avatars after users); a
 * large table without a unique natural key is split into key ranges loaded side by side (a table
 * with one is not: which of two rows keeps a value is "the first read", which must not depend on
 * the number of jobs). Every reader joins the run's exported source snapshot. A dry run works on
 * the one target connection, whose transaction it rolls back at the end.
 */
final class LoadPlan {

    private final DataSource source;
    private final DataSource target;
    private final TransferOptions options;
    private final TransferListener listener;
    private final TableLoad load;
    private final String snapshot;

    LoadPlan(DataSource source, DataSource target, TransferOptions options, TransferListener listener, TableLoad load,
             String snapshot) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.listener = listener;
        this.load = load;
        this.snapshot = snapshot;
    }

    /** Loads every table, parents' depth first; each table is verified as soon as it is done. */
    List<TableResult> run(Connection src, Connection dst, List<TableLayout> layouts, List<String> restoreOrder,
                          Verification verification) throws SQLException, IOException {
        List<TableResult> results = new ArrayList<>(Collections.nCopies(layouts.size(), null));
        ExecutorService tables = Parallel.pool("avatar-db-table", layouts.size());
        ExecutorService ranges = Parallel.pool("avatar-db-load", options.jobs());
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
                            ? CompletableFuture.completedFuture(loadTable(src, dst, layout, false,
                                    ranges, verification, false))
                            : tables.submit(() -> loadTable(src, dst, layout, restore, ranges, verification,
                                    parentIntact(layout, layouts, results))));
                }
                for (int j = 0; j < level.size(); j++) {
                    TableResult result = Parallel.await(loads.get(j), "loading a table");
                    results.set(level.get(j), result);
                    listener.tableDone(result);
                }
            }
        } finally {
            Parallel.stop(tables);
            Parallel.stop(ranges);
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

    private TableResult loadTable(Connection src, Connection dst, TableLayout layout, boolean restoreOrder,
                                  ExecutorService ranges, Verification verification, boolean parentIntact)
            throws SQLException, IOException {
        String table = layout.table().table;
        List<KeyRange> slices;
        boolean merging;
        long total;
        synchronized (src) {
            total = Sql.longValue(src, "SELECT count(*) FROM (" + layout.sourceQuery() + ") src");
            slices = options.dryRun() ? List.of(KeyRange.ALL) : slices(src, layout, total);
        }
        synchronized (dst) {
            merging = Sql.hasRows(dst, table);
        }
        Progress progress = new Progress(total);
        List<String> rejectedKeys = Collections.synchronizedList(new ArrayList<>());
        long read = 0;
        long inserted = 0;
        long updated = 0;
        if (options.dryRun()) {
            Share share = load.loadRange(src, dst, layout, KeyRange.ALL, merging, false, progress, rejectedKeys);
            read = share.read();
            inserted = share.inserted();
        } else {
            List<Future<Share>> shares = new ArrayList<>();
            for (KeyRange slice : slices) {
                shares.add(ranges.submit(() -> loadSlice(layout, slice, merging, restoreOrder, progress, rejectedKeys)));
            }
            for (Future<Share> future : shares) {
                Share share = Parallel.await(future, "loading " + table);
                read += share.read();
                inserted += share.inserted();
                updated += share.updated();
            }
            if (restoreOrder) {
                synchronized (dst) {
                    inserted -= load.takeOutLoadedRejects(dst, layout, rejectedKeys, parentIntact);
                }
            }
            if (options.verify()) {
                // a copy that keeps a null key: a rejected row may have no id
                verification.submit(layout, new ArrayList<>(rejectedKeys), progress.streamed);
            }
        }
        return new TableResult(table, read, inserted, updated, rejectedKeys.size(),
                (System.nanoTime() - progress.started) / 1e9, rejectedKeys.isEmpty() ? null : load.rejectFile(layout),
                layout.defaulted(), layout.ignored());
    }

    /** The key ranges a table loads in: one, unless it is large, splittable and has no unique natural key. */
    private List<KeyRange> slices(Connection src, TableLayout layout, long total) throws SQLException {
        int parts = (int) Math.min(options.jobs(), total / options.batchSize());
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

    /** One range on connections of its own: the target's, and the source's in the run's snapshot. */
    private Share loadSlice(TableLayout layout, KeyRange slice, boolean merging, boolean restoreOrder, Progress progress,
                            List<String> rejectedKeys) throws SQLException, IOException {
        try (Connection src = DatabaseConnections.open(source, SettingsResolver.SOURCE);
             Connection dst = DatabaseConnections.open(target)) {
            SourceSnapshot.join(src, snapshot);
            dst.setAutoCommit(false);
            RowChecks.createHelpers(dst);
            Share share = load.loadRange(src, dst, layout, slice, merging, restoreOrder, progress, rejectedKeys);
            dst.commit();
            src.commit();
            return share;
        }
    }
}
