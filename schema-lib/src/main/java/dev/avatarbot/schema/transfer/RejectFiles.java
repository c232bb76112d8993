package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.transfer.TableLayout.Column;
import org.postgresql.copy.CopyManager;

/**
 * The {@code <table>.rejects.csv} files: key, reason, then the row's values as read. A run writes
 * its own; the files an earlier run left are never deleted, they are renamed to
 * {@code <table>.rejects.<yyyyMMdd'T'HHmmss'Z'>.csv} after their last change and reported.
 *
 * <p>They hold users' names, usernames, Telegram ids and state. On a POSIX file system each is
 * created 0600 in a directory only its owner can enter: created 0700, with a {@code .gitignore}
 * that keeps it out of commits; an existing one that others can enter is refused. A cell that a
 * spreadsheet would run as a formula gets a leading apostrophe ({@link #spreadsheetSafe}).
 */
final class RejectFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final boolean posix;

    RejectFiles(Path directory) {
        this.directory = directory;
        this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    Path directory() {
        return directory;
    }

    Path fileOf(TableLayout layout) {
        return directory.resolve(layout.table().table + ".rejects.csv");
    }

    /**
     * Makes sure the directory exists and is its owner's alone, then moves the files of an earlier
     * run aside (never over one another; made 0600 too); returns their new paths.
     */
    List<Path> keepEarlier() {
        List<Path> kept = new ArrayList<>();
        try {
            prepareDirectory();
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
                    if (posix) {
                        Files.setPosixFilePermissions(renamed, OWNER_ONLY_FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new SchemaException("Cannot prepare " + directory + ": " + e.getMessage(), e);
        }
        return kept;
    }

    private void prepareDirectory() throws IOException {
        if (!posix) {
            Files.createDirectories(directory);
            return;
        }
        if (Files.notExists(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory);
        if (!OWNER_ONLY_DIRECTORY.containsAll(mode)) {
            // Not changed here: the user chose it, and others may need the files in it that are not ours.
            throw new SchemaException.UserError("The reject directory " + directory + " is open to other users ("
                    + PosixFilePermissions.toString(mode) + "), and reject files hold users' names and Telegram ids:"
                    + " make it private (chmod 700 " + directory + ") or choose another one with"
                    + " -Dschema.rejectDirectory.");
        }
        Path gitignore = directory.resolve(".gitignore");
        if (Files.notExists(gitignore)) {
            Files.writeString(Files.createFile(gitignore, ownerOnly()),
                    "# Rows that migrate-data rejected hold personal data: never commit them.\n*\n");
        }
    }

    /** Mode 0600 for a file created with it, where the file system has modes. */
    private FileAttribute<?>[] ownerOnly() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Appends the rows of {@code rejectedRows} (a query returning key, reason, then the layout's
     * {@link TableLayout#sourceColumns}) to the table's file and adds their keys to {@code rejectedKeys}; returns the file.
     */
    synchronized Path write(Connection dst, CopyManager copy, TableLayout layout, String rejectedRows,
                            List<String> rejectedKeys) throws SQLException, IOException {
        Path file = fileOf(layout);
        boolean first = !Files.exists(file);
        if (first) {
            Files.createFile(file, ownerOnly());
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            if (first) {
                String header = "key,reason," + layout.sourceColumns().stream().map(Column::name)
                        .collect(Collectors.joining(","));
                out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            }
            copy.copyOut("COPY (" + spreadsheetSafe(rejectedRows, layout.sourceColumns().size() + 2) + ") TO STDOUT"
                    + " WITH (FORMAT csv)", out);
        }
        try (Statement statement = dst.createStatement();
             ResultSet keys = statement.executeQuery("SELECT r.key FROM (" + rejectedRows + ") r (key)")) {
            while (keys.next()) {
                rejectedKeys.add(keys.getString(1));
            }
        }
        return file;
    }

    /**
     * The rows of {@code rows} ({@code cells} columns), each cell as COPY prints it, except that a
     * cell a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage
     * return) gets a leading apostrophe, and so does one that starts with an apostrophe: the value
     * is then always the rest of such a cell. A plain number ({@code -5}) stays as it is.
     */
    private static String spreadsheetSafe(String rows, int cells) {
        List<String> names = IntStream.range(0, cells).mapToObj(i -> "c" + i).toList();
        return "SELECT " + names.stream().map(RejectFiles::safeCell).collect(Collectors.joining(", "))
                + " FROM (" + rows + ") r (" + String.join(", ", names) + ")";
    }

    private static String safeCell(String name) {
        String text = "format('%s', r." + name + ")"; // the type's output function, as COPY prints the value
        return "CASE WHEN r." + name + " IS NULL THEN NULL"
                + " WHEN left(" + text + ", 1) IN ('=', '+', '-', '@', '''', E'\\t', E'\\r')"
                + " AND " + text + " !~ '^[-+]?[0-9]+([.][0-9]+)?$' THEN '''' || " + text
                + " ELSE " + text + " END";
    }
}
