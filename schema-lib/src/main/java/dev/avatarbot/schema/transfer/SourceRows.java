package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The source's rows as COPY text lines, read ahead by a thread of their own so that the source
 * server streams the next batch while the target merges this one. At most one batch waits in
 * memory besides the one being written, so memory stays flat whatever the table's size.
 */
final class SourceRows implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final CopyOut copy;
    private final BlockingQueue<byte[]> queue;
    private final Thread reader;
    private volatile Exception failure;
    private boolean ended;

    private SourceRows(CopyOut copy, int capacity) {
        this.copy = copy;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(this::readAll, "avatar-db-source-reader");
        this.reader.setDaemon(true);
    }

    static SourceRows start(Connection src, String copySql, int batchSize) throws SQLException {
        SourceRows rows = new SourceRows(src.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql), batchSize);
        rows.reader.start();
        return rows;
    }

    private void readAll() {
        try {
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                queue.put(row);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failure = e;
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next row, or null at the end. */
    byte[] next() throws SQLException {
        if (ended) {
            return null;
        }
        byte[] row;
        try {
            row = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while reading the source", e);
        }
        if (row == END) {
            ended = true;
            if (failure != null) {
                throw failure instanceof SQLException sql ? sql : new SQLException("Reading the source failed", failure);
            }
            return null;
        }
        return row;
    }

    @Override
    public void close() throws SQLException {
        if (reader.isAlive()) {
            reader.interrupt();
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
