package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.transfer.TableLayout.Column;
import org.postgresql.copy.CopyManager;

/**
 * The {@code <table>.rejects.csv} files: key, reason, then the row's values as read. A run writes
 * its own; the files an earlier run left are never deleted, they are renamed to
 * {@code <table>.rejects.<yyyyMMdd'T'HHmmss'Z'>.csv} after their last change and reported.
 */
final class RejectFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;

    RejectFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    Path fileOf(TableLayout layout) {
        return directory.resolve(layout.table().table + ".rejects.csv");
    }

    /** Moves the files of an earlier run aside (never over one another); returns their new paths. */
    List<Path> keepEarlier() {
        List<Path> kept = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> earlier = Files.newDirectoryStream(directory, "*.rejects.csv")) {
                for (Path file : earlier) {
                    String name = file.getFileName().toString();
                    String base = name.substring(0, name.length() - ".csv".length()) + "."
                            + STAMP.format(Files.getLastModifiedTime(file).toInstant());
                    Path renamed = directory.resolve(base + ".csv");
                    for (int n = 2; Files.exists(renamed); n++) {
                        renamed = directory.resolve(base + "-" + n + ".csv");
                    }
                    kept.add(Files.move(file, renamed));
                }
            }
        } catch (IOException e) {
            throw new SchemaException("Cannot prepare " + directory + ": " + e.getMessage(), e);
        }
        return kept;
    }

    /**
     * Appends the rows of {@code rejectedRows} (a query returning key, reason, then the layout's
     * columns) to the table's file and adds their keys to {@code rejectedKeys}; returns the file.
     */
    synchronized Path write(Connection dst, CopyManager copy, TableLayout layout, String rejectedRows,
                            List<String> rejectedKeys) throws SQLException, IOException {
        Path file = fileOf(layout);
        boolean first = !Files.exists(file);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (first) {
                String header = "key,reason," + layout.columns().stream().map(Column::name).collect(Collectors.joining(","));
                out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            }
            copy.copyOut("COPY (" + rejectedRows + ") TO STDOUT WITH (FORMAT csv)", out);
        }
        try (Statement statement = dst.createStatement();
             ResultSet keys = statement.executeQuery("SELECT r.key FROM (" + rejectedRows + ") r (key)")) {
            while (keys.next()) {
                rejectedKeys.add(keys.getString(1));
            }
        }
        return file;
    }
}
