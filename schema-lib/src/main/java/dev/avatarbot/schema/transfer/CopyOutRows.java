package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a {@code COPY ... TO STDOUT}, one per element: a text line, or a binary tuple without
 * the format's file header and trailer ({@link #HEADER}, {@link #TRAILER}), as
 * {@link BatchWriter} writes them back around each batch. They are read ahead by a thread of their
 * own so that the server streams the next batch while the target merges this one. At most one
 * batch waits in memory besides the one being written, so memory stays flat whatever the table's
 * size.
 */
final class CopyOutRows implements AutoCloseable {

    /** The binary format's file header: signature, no flags, no header extension. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The binary format's file trailer: a tuple of -1 fields. */
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    /** Rows pass from the reading thread in chunks: a hand-over per row would cost more than the row. */
    private static final int CHUNK = 256;
    private static final List<byte[]> END = List.of();

    private final CopyOut copy;
    private final boolean binary;
    private final BlockingQueue<List<byte[]>> queue;
    private final Thread reader;
    private volatile Exception failure;
    private List<byte[]> chunk = List.of();
    private int next;
    private boolean ended;

    private CopyOutRows(CopyOut copy, boolean binary, int readAhead) {
        this.copy = copy;
        this.binary = binary;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, readAhead / CHUNK));
        this.reader = new Thread(this::readAll, "avatar-db-copy-reader");
        this.reader.setDaemon(true);
    }

    /** Starts the COPY of the query's rows on the connection, in the format the layout's table travels in. */
    static CopyOutRows start(Connection connection, TableLayout layout, String query, int readAhead)
            throws SQLException {
        CopyOutRows rows = new CopyOutRows(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut(layout.copyOut(query)), layout.binary(), readAhead);
        rows.reader.start();
        return rows;
    }

    private void readAll() {
        try {
            byte[] row;
            boolean first = binary;
            List<byte[]> rows = new ArrayList<>(CHUNK);
            while ((row = copy.readFromCopy()) != null) {
                if (first) {
                    // The server sends the file header in front of the first tuple.
                    row = withoutHeader(row);
                    first = false;
                }
                if (binary && Arrays.equals(row, TRAILER) || row.length == 0) {
                    continue;
                }
                rows.add(row);
                if (rows.size() == CHUNK) {
                    queue.put(rows);
                    rows = new ArrayList<>(CHUNK);
                }
            }
            if (!rows.isEmpty()) {
                queue.put(rows);
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

    private static byte[] withoutHeader(byte[] message) throws SQLException {
        if (message.length < HEADER.length || !Arrays.equals(message, 0, 11, HEADER, 0, 11)) {
            throw new SQLException("The server's binary COPY did not start with the PGCOPY signature");
        }
        int extension = (message[15] & 0xff) << 24 | (message[16] & 0xff) << 16 | (message[17] & 0xff) << 8
                | message[18] & 0xff;
        return Arrays.copyOfRange(message, HEADER.length + extension, message.length);
    }

    /** The next row, or null at the end. */
    byte[] next() throws SQLException {
        if (next < chunk.size()) {
            return chunk.get(next++);
        }
        if (ended) {
            return null;
        }
        try {
            chunk = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while reading a COPY", e);
        }
        next = 0;
        if (chunk == END) {
            ended = true;
            if (failure != null) {
                throw failure instanceof SQLException sql ? sql : new SQLException("Reading a COPY failed", failure);
            }
            return null;
        }
        return chunk.get(next++);
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
