package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.avatarbot.schema.transfer.BatchWriter.Written;
import org.postgresql.PGConnection;

/**
 * Moves one key range of one table: streams the source's rows in batches, writes each batch
 * (straight in when the table was empty at the start and the batch is clean, else staged, checked
 * and merged), writes the rejects, commits, reports progress. In restore order (the table's foreign
 * key and indexes are down) the rows that would break them are found set-based once every range of
 * the table is loaded, and taken out.
 */
final class TableLoad {

    /** What one range did. */
    record Share(long read, long inserted, long updated, Path rejectFile) {
    }

    /** A table's progress and the checksum of the rows read, shared by the ranges that load it at the same time. */
    static final class Progress {
        final long total;
        final RowChecksum streamed = new RowChecksum();
        final long started = System.nanoTime();
        final AtomicLong read = new AtomicLong();
        final AtomicLong lastReport = new AtomicLong(System.nanoTime());
        /** Live: the keys of the rows the target held newer than the source's, which stayed as they were. */
        final Set<String> leftAlone = ConcurrentHashMap.newKeySet();

        Progress(long total) {
            this.total = total;
        }
    }

    private final TransferOptions options;
    private final TransferListener listener;
    private final RejectFiles rejectFiles;
    private final OffsetDateTime serviceSince;

    TableLoad(TransferRun run) {
        this.options = run.options();
        this.listener = run.listener();
        this.rejectFiles = run.rejectFiles();
        this.serviceSince = run.lastFinished();
    }

    /**
     * Loads the range into the table, which the run fills ({@code merging} false) or merges into;
     * the keys of rejected rows are added to {@code rejectedKeys}.
     */
    Share loadRange(Connection src, Connection dst, TableLayout layout, KeyRange range, boolean merging,
                    boolean restoreOrder, Progress progress, List<String> rejectedKeys) throws SQLException, IOException {
        String table = layout.table().table;
        BatchWriter writer = BatchWriter.open(dst, layout, merging, restoreOrder, serviceSince,
                options.live() ? progress.leftAlone : null);
        long read = 0;
        long inserted = 0;
        long updated = 0;
        Path rejectFile = null;
        List<byte[]> batch = new ArrayList<>(options.batchSize());
        try (CopyOutRows rows = CopyOutRows.start(src, layout, layout.sourceSelect(range), options.batchSize())) {
            boolean more = true;
            while (more) {
                batch.clear();
                byte[] row;
                while (batch.size() < options.batchSize() && (row = rows.next()) != null) {
                    batch.add(row);
                    progress.streamed.add(row);
                }
                more = batch.size() == options.batchSize();
                if (batch.isEmpty()) {
                    break;
                }
                read += batch.size();
                for (List<byte[]> part : restoreOrder ? LoadSequence.withoutTwins(layout, batch) : List.of(batch)) {
                    // Into an empty table a clean batch goes straight in, as fast as a plain COPY; a rerun,
                    // or a batch the target refuses, goes through the staging table and the checks.
                    Optional<Written> written = merging ? Optional.empty() : writer.straightIn(part);
                    if (written.isEmpty()) {
                        writer.stage(part);
                        // A refused straight COPY needs the checks; a rerun's batch may well merge as it is.
                        written = merging ? writer.mergeUnchecked() : Optional.empty();
                    }
                    if (written.isEmpty()) {
                        if (writer.markRejects() > 0) {
                            rejectFile = rejectFiles.write(dst, writer.copy(), layout, writer.stagedRejects(),
                                    rejectedKeys);
                        }
                        written = Optional.of(writer.mergeChecked());
                    }
                    inserted += written.get().inserted();
                    updated += written.get().updated();
                    if (!options.dryRun()) {
                        dst.commit();
                    }
                }
                report(table, progress, batch.size(), more);
            }
        }
        return new Share(read, inserted, updated, rejectFile);
    }

    private void report(String table, Progress progress, int rows, boolean more) {
        long done = progress.read.addAndGet(rows);
        listener.batchDone(table, done);
        long now = System.nanoTime();
        long last = progress.lastReport.get();
        if (more && now - last >= options.progressEvery().toNanos() && progress.lastReport.compareAndSet(last, now)) {
            double rate = done / ((now - progress.started) / 1e9);
            listener.progress(table, done, progress.total, rate, rate > 0 ? Math.max(0, progress.total - done) / rate : 0);
        }
    }

    /**
     * In restore order, after every range: takes the rows that would break the table's primary key,
     * foreign key or unique index out into the reject file, and commits; returns how many, their keys added to
     * {@code rejectedKeys}.
     */
    long takeOutLoadedRejects(Connection dst, TableLayout layout, List<String> rejectedKeys, boolean parentIntact)
            throws SQLException, IOException {
        Optional<String> takenOut = BatchWriter.takeOutLoadedRejects(dst, layout, parentIntact);
        int before = rejectedKeys.size();
        if (takenOut.isPresent()) {
            rejectFiles.write(dst, dst.unwrap(PGConnection.class).getCopyAPI(), layout, takenOut.get(),
                    rejectedKeys);
        }
        dst.commit();
        return rejectedKeys.size() - before;
    }

    Path rejectFile(TableLayout layout) {
        return rejectFiles.fileOf(layout);
    }
}
