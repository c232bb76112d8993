package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;

/**
 * Moves the bot's data from an old database into one at the newest revision ({@code migrate_data.py}).
 *
 * <p>The steps, each in a class of its own, in pg_restore's order: the source's layout is matched
 * with the target's ({@link LayoutDiscovery}). Pre-data: an unfinished earlier run is finished
 * first, then the indexes and foreign keys of the tables that are empty are recorded and taken down
 * ({@link PostData}). Data: per table, parents first, the source is streamed inside one exported
 * repeatable-read snapshot ({@link SourceSnapshot}, {@link CopyOutRows}) and written in committed
 * batches ({@link TableLoad}, {@link BatchWriter}); rows that cannot go in are marked with their
 * reason ({@link RowChecks}), in a table loaded bare set-based once it is loaded, and written to
 * {@code <table>.rejects.csv} ({@link RejectFiles}). Post-data: the indexes are built in parallel,
 * then the foreign keys. A table that held rows is merged on the primary key instead, which makes
 * a rerun change nothing. Identity sequences move past the largest id, and each table's counts and
 * content checksum are compared with the source ({@link Verification}).
 */
public final class DataTransfer {

    /** The session-level advisory lock a transfer holds on its target ("avdbxfer"). */
    private static final long TRANSFER_LOCK_KEY = 0x6176_6462_7866_6572L;

    private final DataSource source;
    private final DataSource target;
    private final ChangelogSource changelog;
    private final TransferOptions options;
    private final TransferListener listener;

    /** A transfer into a target that must be at the newest revision of this jar's changelog. */
    public DataTransfer(DataSource source, DataSource target, TransferOptions options, TransferListener listener) {
        this(source, target, ChangelogSource.classpath(), options, listener);
    }

    /** A transfer into a target that must be at the newest revision of {@code changelog}. */
    public DataTransfer(DataSource source, DataSource target, ChangelogSource changelog, TransferOptions options,
                        TransferListener listener) {
        this.source = source;
        this.target = target;
        this.changelog = changelog;
        this.options = options;
        this.listener = listener;
    }

    public TransferReport run() {
        try {
            new SchemaMigrations(target, changelog).verifyRevisions();
        } catch (SchemaNotCurrentException e) {
            throw new SchemaNotCurrentException("The target is not ready for the data: " + e.getMessage(), e.status());
        }
        try (Connection dst = DatabaseConnections.open(target)) {
            claimTarget(dst);
            RejectFiles rejectFiles = new RejectFiles(options.rejectDirectory());
            List<Path> earlierRejectFiles = rejectFiles.keepEarlier();
            try (Connection src = DatabaseConnections.open(source, SettingsResolver.SOURCE)) {
                return transfer(src, dst, rejectFiles, earlierRejectFiles);
            }
        } catch (SQLException e) {
            throw new SchemaException("The data transfer failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemaException("Could not write a reject file under " + options.rejectDirectory() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * One transfer at a time into a target, held for the session: a second would take the first's
     * state table and half-loaded tables for its own. A killed run's session ends, and its claim with it.
     */
    private static void claimTarget(Connection dst) throws SQLException {
        if (Sql.value(dst, "SELECT 1 WHERE pg_try_advisory_lock(" + TRANSFER_LOCK_KEY + ")") == null) {
            throw new SchemaException.UserError("Another data transfer into this database is running: let it finish"
                    + " (or stop it), then run the transfer again.");
        }
    }

    private TransferReport transfer(Connection src, Connection dst, RejectFiles rejectFiles,
                                    List<Path> earlierRejectFiles) throws SQLException, IOException {
        TableLoad load = new TableLoad(options, listener, rejectFiles);
        String snapshot = SourceSnapshot.export(src);
        dst.setAutoCommit(false);
        List<TableLayout> layouts = new ArrayList<>();
        for (TransferTable table : TransferTable.values()) {
            layouts.add(LayoutDiscovery.describe(src, dst, table, options.selects()));
        }
        RowChecks.createHelpers(dst);
        List<String> restoreOrder = List.of();
        if (!options.dryRun()) {
            finishUnfinished(dst, layouts);
            restoreOrder = emptyTables(dst, layouts);
            if (!restoreOrder.isEmpty()) {
                PostData.takeDown(dst, restoreOrder);
            }
        } else if (!PostData.pending(dst).isEmpty()) {
            throw new SchemaException.UserError("The target holds an unfinished data transfer, which a dry run"
                    + " cannot finish: run the transfer without the dry run first.");
        }
        try (Verification verification = new Verification(source, target, snapshot)) {
            List<TableResult> results = new LoadPlan(source, target, options, listener, load, snapshot)
                    .run(src, dst, layouts, restoreOrder, verification);
            if (options.dryRun()) {
                dst.rollback();
                return new TransferReport(results, true, false, List.of(), earlierRejectFiles);
            }
            dst.commit();
            PostData.restore(target, dst, options.jobs(), listener);
            moveIdentitySequences(dst, layouts);
            dst.commit();
            List<String> mismatches = verification.mismatches();
            src.commit();
            return new TransferReport(results, false, options.verify(), mismatches, earlierRejectFiles);
        }
    }

    /**
     * A run killed in restore order left its tables without some indexes and foreign keys: the rows
     * that would break them are taken out (this run reads them again from the source and rejects
     * them with their reasons), and the definitions come back before anything else happens.
     */
    private void finishUnfinished(Connection dst, List<TableLayout> layouts) throws SQLException {
        List<PostData.Definition> pending = PostData.pending(dst);
        if (pending.isEmpty()) {
            return;
        }
        for (TableLayout layout : layouts) {
            if (pending.stream().anyMatch(d -> d.table().equals(layout.table().table))) {
                BatchWriter.takeOutLoadedRejects(dst, layout, false);
            }
        }
        dst.commit();
        PostData.restore(target, dst, options.jobs(), listener);
    }

    private static List<String> emptyTables(Connection dst, List<TableLayout> layouts) throws SQLException {
        List<String> empty = new ArrayList<>();
        for (TableLayout layout : layouts) {
            if (!Sql.hasRows(dst, layout.table().table)) {
                empty.add(layout.table().table);
            }
        }
        return empty;
    }

    private static void moveIdentitySequences(Connection dst, List<TableLayout> layouts) throws SQLException {
        for (TableLayout layout : layouts) {
            String table = layout.table().table;
            if (Sql.value(dst, "SELECT pg_get_serial_sequence('" + table + "', 'id')") != null) {
                Sql.execute(dst, "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), COALESCE(max(id), 0) + 1,"
                        + " false) FROM " + table);
            }
        }
    }
}
