package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;

/**
 * Moves the bot's data from an old database into one at the newest revision ({@code migrate_data.py}).
 *
 * <p>The steps, each in a class of its own: the source's layout is matched with the target's
 * ({@link LayoutDiscovery}); per table, parents first, the source is streamed inside one exported
 * repeatable-read snapshot ({@link SourceSnapshot}, {@link SourceRows}) and written in committed
 * batches ({@link TableLoad}, {@link BatchWriter}); rows that cannot go in are marked with their
 * reason ({@link RowChecks}) and written to {@code <table>.rejects.csv} ({@link RejectFiles}).
 * Merging on the primary key makes a rerun change nothing and a killed run, started again, end where
 * an uninterrupted one would. Afterwards identity sequences move past the largest id, and each
 * table's counts and content checksum are compared with the source ({@link Verification}).
 */
public final class DataTransfer {

    private final DataSource source;
    private final DataSource target;
    private final TransferOptions options;
    private final TransferListener listener;

    public DataTransfer(DataSource source, DataSource target, TransferOptions options, TransferListener listener) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.listener = listener;
    }

    public TransferReport run() {
        try {
            new SchemaMigrations(target).verifyCurrent();
        } catch (SchemaNotCurrentException e) {
            throw new SchemaNotCurrentException("The target is not ready for the data: " + e.getMessage(), e.status());
        }
        RejectFiles rejectFiles = new RejectFiles(options.rejectDirectory());
        List<Path> earlierRejectFiles = rejectFiles.keepEarlier();
        TableLoad load = new TableLoad(options, listener, rejectFiles);
        try (Connection src = DatabaseConnections.open(source); Connection dst = DatabaseConnections.open(target)) {
            String snapshot = SourceSnapshot.export(src);
            dst.setAutoCommit(false);
            List<TableLayout> layouts = new ArrayList<>();
            for (TransferTable table : TransferTable.values()) {
                layouts.add(LayoutDiscovery.describe(src, dst, table, options.selects()));
            }
            RowChecks.createHelpers(dst);
            try (Verification verification = new Verification(source, target, snapshot)) {
                List<TableResult> results = new ArrayList<>();
                for (TableLayout layout : layouts) {
                    List<String> rejected = new ArrayList<>();
                    TableResult result = load.load(src, dst, layout, rejected);
                    results.add(result);
                    listener.tableDone(result);
                    if (!options.dryRun()) {
                        verification.submit(layout, rejected);
                    }
                }
                if (options.dryRun()) {
                    dst.rollback();
                    return new TransferReport(results, true, false, List.of(), earlierRejectFiles);
                }
                moveIdentitySequences(dst, layouts);
                dst.commit();
                List<String> mismatches = verification.mismatches();
                src.commit();
                return new TransferReport(results, false, true, mismatches, earlierRejectFiles);
            }
        } catch (SQLException e) {
            throw new SchemaException("The data transfer failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemaException("Could not write a reject file under " + options.rejectDirectory() + ": "
                    + e.getMessage(), e);
        }
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
