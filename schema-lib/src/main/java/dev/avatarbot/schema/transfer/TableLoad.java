package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.avatarbot.schema.transfer.BatchWriter.Written;

/**
 * Moves one table: streams the source's rows in batches, writes each batch (straight in when the
 * table was empty at the start and the batch is clean, else staged, checked and merged), writes
 * the rejects, commits, reports progress. In restore order (the table's foreign key and indexes are
 * down) the rows that would break them are found set-based once the table is loaded, and taken out.
 */
final class TableLoad {

    private final TransferOptions options;
    private final TransferListener listener;
    private final RejectFiles rejectFiles;

    TableLoad(TransferOptions options, TransferListener listener, RejectFiles rejectFiles) {
        this.options = options;
        this.listener = listener;
        this.rejectFiles = rejectFiles;
    }

    /** Loads the table; the keys of rejected rows are added to {@code rejectedKeys}. */
    TableResult load(Connection src, Connection dst, TableLayout layout, boolean restoreOrder, List<String> rejectedKeys)
            throws SQLException, IOException {
        long started = System.nanoTime();
        String table = layout.table().table;
        long total = Sql.longValue(src, "SELECT count(*) FROM (" + layout.sourceQuery() + ") src");
        boolean targetHadRows = Sql.hasRows(dst, table);
        BatchWriter writer = BatchWriter.open(dst, layout, targetHadRows, restoreOrder);
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
                Optional<Written> written = targetHadRows ? Optional.empty() : writer.straightIn(batch);
                if (written.isEmpty()) {
                    writer.stage(batch);
                    // A refused straight COPY needs the checks; a rerun's batch may well merge as it is.
                    written = targetHadRows ? writer.mergeUnchecked() : Optional.empty();
                }
                if (written.isEmpty()) {
                    if (writer.markRejects() > 0) {
                        rejectFile = rejectFiles.write(dst, writer.copy(), layout, writer.stagedRejects(), rejectedKeys);
                    }
                    written = Optional.of(writer.mergeChecked());
                }
                inserted += written.get().inserted();
                updated += written.get().updated();
                if (!options.dryRun()) {
                    dst.commit();
                }
                listener.batchDone(table, read);
                long now = System.nanoTime();
                if (more && now - lastReport >= options.progressEvery().toNanos()) {
                    double rate = read / ((now - started) / 1e9);
                    listener.progress(table, read, total, rate, rate > 0 ? Math.max(0, total - read) / rate : 0);
                    lastReport = now;
                }
            }
        }
        if (restoreOrder) {
            Optional<String> takenOut = writer.takeOutLoadedRejects();
            if (takenOut.isPresent()) {
                int before = rejectedKeys.size();
                rejectFile = rejectFiles.write(dst, writer.copy(), layout, takenOut.get(), rejectedKeys);
                inserted -= rejectedKeys.size() - before;
            }
            dst.commit();
        }
        return new TableResult(table, read, inserted, updated, rejectedKeys.size(),
                (System.nanoTime() - started) / 1e9, rejectFile, layout.defaulted(), layout.ignored());
    }
}
