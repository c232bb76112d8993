package dev.avatarbot.schema.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real streaming standby of the test server ({@link TestPostgres}), on a port of its own, for as
 * long as this object is open. It works the same on both of the tests' servers, the machine's
 * ({@code AVATARDB_TEST_URL}) and the embedded one, and needs no tool beyond the server's own
 * {@code postgres} binary: a base backup taken with the low-level API
 * ({@code pg_backup_start}/{@code pg_start_backup}, the data directory copied, {@code pg_backup_stop}
 * and its backup_label), a physical replication slot so that the primary keeps the WAL the standby
 * still needs, and {@code standby.signal} with {@code primary_conninfo}. As root it runs the server
 * under {@code unshare -U}, as the embedded PostgreSQL does. It needs the server's data directory
 * and binary on this machine and a replication connection from 127.0.0.1 (pg_hba.conf; initdb's
 * default allows it, {@code .ci/run} adds it to the machine's server).
 */
public final class TestStandby implements AutoCloseable {

    /**
     * Slots of this helper are named with this prefix and the second they were made; a run killed
     * before {@link #close()} leaves its slot, which a later run drops once it is {@link #STALE_SLOT} old.
     */
    private static final String SLOT_PREFIX = "avatardb_test_standby_";
    private static final Duration STALE_SLOT = Duration.ofHours(1);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Directories whose contents a base backup leaves out (as pg_basebackup does). */
    private static final Set<String> EMPTY_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> LEFT_OUT_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "backup_label.old", "tablespace_map", "standby.signal", "recovery.signal", "current_logfiles",
            "postgresql.conf", "pg_hba.conf", "pg_ident.conf");

    private final String applicationName;
    private final String slot;
    private final Path directory;
    private final int port;
    private final Process server;
    /** Stops the server if the JVM exits before {@link #close()} (a failed run): no standby outlives its test. */
    private final Thread stopAtExit;

    private TestStandby(String applicationName, String slot, Path directory, int port, Process server) {
        this.applicationName = applicationName;
        this.slot = slot;
        this.directory = directory;
        this.port = port;
        this.server = server;
        this.stopAtExit = new Thread(server::destroy, "stop " + applicationName);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Makes a standby of the test server in a new directory under {@code parent} and waits until it streams. */
    public static TestStandby start(Path parent) throws Exception {
        DataSource primary = TestPostgres.adminDataSource();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String applicationName = "avatardb_test_standby_" + id;
        String slot = SLOT_PREFIX + System.currentTimeMillis() / 1000 + "_" + id;
        Path directory = parent.toAbsolutePath().resolve("standby-" + id);
        Path data = directory.resolve("data");
        Files.createDirectories(directory);

        Path primaryData;
        Path binary;
        String settings;
        try (Connection connection = primary.getConnection()) {
            dropStaleSlots(connection);
            requireReplicationCapable(connection);
            primaryData = Path.of(single(connection, "SHOW data_directory"));
            binary = serverBinary(connection);
            if (!Files.isDirectory(primaryData.resolve("global"))) {
                throw new IllegalStateException("The test server's data directory " + primaryData + " is not readable here:"
                        + " the standby test needs the server on this machine, readable by this user.");
            }
            settings = standbySettings(connection);
            execute(connection, "SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            baseBackup(connection, primaryData, data);
        }
        int port = freePort();
        writeConfiguration(data, port, settings, conninfo(applicationName), slot);
        Process server = startServer(binary, data, directory.resolve("server.log"));
        TestStandby standby = new TestStandby(applicationName, slot, directory, port, server);
        try {
            standby.awaitStreaming(primary);
        } catch (Exception | Error e) {
            standby.close();
            throw e;
        }
        return standby;
    }

    /** The standby's {@code application_name} in the primary's {@code pg_stat_replication}. */
    public String applicationName() {
        return applicationName;
    }

    /** A read-only connection source for {@code database} on the standby, as the test server's superuser. */
    public PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource admin = (PGSimpleDataSource) TestPostgres.adminDataSource();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(admin.getUser());
        dataSource.setPassword(admin.getPassword());
        return dataSource;
    }

    public void pauseReplay() {
        TestPostgres.execute(dataSource("postgres"), "SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        TestPostgres.execute(dataSource("postgres"), "SELECT pg_wal_replay_resume()");
    }

    /** Stops the server, drops its slot on the primary and deletes its files. */
    @Override
    public void close() throws Exception {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
        try {
            server.destroy();
            if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            dropSlot(TestPostgres.adminDataSource(), slot);
            deleteTree(directory);
        }
    }

    private static void requireReplicationCapable(Connection connection) throws SQLException {
        String walLevel = single(connection, "SHOW wal_level");
        int senders = Integer.parseInt(single(connection, "SHOW max_wal_senders"));
        if (walLevel.equals("minimal") || senders < 1) {
            throw new IllegalStateException("The test server cannot feed a standby (wal_level=" + walLevel
                    + ", max_wal_senders=" + senders + "): it needs wal_level=replica and max_wal_senders > 0.");
        }
    }

    /** The binary of the running server, seen through this session's backend process. */
    private static Path serverBinary(Connection connection) throws SQLException {
        String pid = single(connection, "SELECT pg_backend_pid()");
        Path exe = Path.of("/proc", pid, "exe");
        try {
            Path binary = exe.toRealPath();
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is not executable");
            }
            return binary;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Cannot find the test server's postgres binary through " + exe
                    + " (" + e.getMessage() + "): the standby test needs the server on this machine.", e);
        }
    }

    /** What a hot standby must have at least as much of as its primary. */
    private static String standbySettings(Connection connection) throws SQLException {
        StringBuilder settings = new StringBuilder();
        for (String name : List.of("max_connections", "max_worker_processes", "max_wal_senders",
                "max_prepared_transactions", "max_locks_per_transaction")) {
            settings.append(name).append(" = ").append(single(connection, "SHOW " + name)).append('\n');
        }
        return settings.toString();
    }

    private static String conninfo(String applicationName) {
        PGSimpleDataSource admin = (PGSimpleDataSource) TestPostgres.adminDataSource();
        String host = admin.getServerNames()[0];
        int port = admin.getPortNumbers()[0] == 0 ? 5432 : admin.getPortNumbers()[0];
        StringBuilder conninfo = new StringBuilder("host=" + ("localhost".equals(host) ? "127.0.0.1" : host)
                + " port=" + port + " user=" + admin.getUser() + " application_name=" + applicationName);
        if (admin.getPassword() != null && !admin.getPassword().isEmpty()) {
            conninfo.append(" password=").append(admin.getPassword());
        }
        return conninfo.toString();
    }

    /** Copies the primary's data directory between pg_backup_start and pg_backup_stop (non-exclusive). */
    private static void baseBackup(Connection connection, Path from, Path to) throws SQLException, IOException {
        boolean v15 = Integer.parseInt(single(connection, "SHOW server_version_num")) >= 150000;
        execute(connection, v15 ? "SELECT pg_backup_start('avatardb test standby', true)"
                : "SELECT pg_start_backup('avatardb test standby', true, false)");
        String label;
        try {
            copyDataDirectory(from, to);
        } finally {
            label = single(connection, v15 ? "SELECT labelfile FROM pg_backup_stop(false)"
                    : "SELECT labelfile FROM pg_stop_backup(false, false)");
        }
        Files.writeString(to.resolve("backup_label"), label, StandardCharsets.UTF_8);
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(dir);
                Files.createDirectories(to.resolve(relative.toString()));
                if (relative.getNameCount() == 1 && EMPTY_DIRECTORIES.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(to.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(file);
                if (attributes.isSymbolicLink()) {
                    throw new IOException(file + " is a symbolic link (a tablespace?): the test standby copies plain files only");
                }
                String name = relative.getFileName().toString();
                if ((relative.getNameCount() == 1 && LEFT_OUT_FILES.contains(name)) || name.startsWith("pg_internal.init")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // Dropped while copying (another test's database): WAL replay removes it on the standby too.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e == null || e instanceof NoSuchFileException || e.getCause() instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    }

    private static void writeConfiguration(Path data, int port, String settings, String conninfo, String slot)
            throws IOException {
        Files.writeString(data.resolve("postgresql.conf"), "listen_addresses = '127.0.0.1'\n"
                + "port = " + port + "\n"
                + "unix_socket_directories = ''\n"
                + "shared_buffers = 16MB\n"
                + "fsync = off\n"
                + "hot_standby = on\n"
                + "hot_standby_feedback = off\n"
                + "wal_receiver_status_interval = 1s\n"
                + "logging_collector = off\n"
                + settings
                + "primary_conninfo = '" + conninfo.replace("'", "''") + "'\n"
                + "primary_slot_name = '" + slot + "'\n", StandardCharsets.UTF_8);
        // postgresql.auto.conf (ALTER SYSTEM) comes after postgresql.conf and would win: keep only our settings.
        Files.writeString(data.resolve("postgresql.auto.conf"), "", StandardCharsets.UTF_8);
        Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n", StandardCharsets.UTF_8);
        Files.writeString(data.resolve("pg_ident.conf"), "", StandardCharsets.UTF_8);
        Files.writeString(data.resolve("standby.signal"), "", StandardCharsets.UTF_8);
    }

    private static Process startServer(Path binary, Path data, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            // PostgreSQL refuses root; in a user namespace of its own it is not root, yet owns root's files.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binary.toString(), "-D", data.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the standby accepts connections and the primary shows it streaming. */
    private void awaitStreaming(DataSource primary) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The test standby stopped (exit " + server.exitValue() + ")" + logTail());
            }
            String state = null;
            try (Connection connection = primary.getConnection()) {
                state = single(connection, "SELECT state FROM pg_stat_replication WHERE application_name = '"
                        + applicationName + "'");
            }
            if ("streaming".equals(state) && acceptsConnections()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The test standby did not stream from the test server within "
                        + START_TIMEOUT.toSeconds() + "s (state " + state + "; does pg_hba.conf allow replication"
                        + " from 127.0.0.1?)" + logTail());
            }
            Thread.sleep(200);
        }
    }

    private boolean acceptsConnections() {
        try (Connection ignored = dataSource("postgres").getConnection()) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("server.log"), StandardCharsets.UTF_8);
            return "; its log ends:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void dropStaleSlots(Connection connection) throws SQLException {
        long now = System.currentTimeMillis() / 1000;
        List<String> stale = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE NOT active"
                     + " AND slot_name LIKE '" + SLOT_PREFIX + "%'")) {
            while (rows.next()) {
                String[] parts = rows.getString(1).substring(SLOT_PREFIX.length()).split("_");
                try {
                    if (now - Long.parseLong(parts[0]) > STALE_SLOT.toSeconds()) {
                        stale.add(rows.getString(1));
                    }
                } catch (NumberFormatException notOurs) {
                    // left alone
                }
            }
        }
        for (String slot : stale) {
            execute(connection, "SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    private static void dropSlot(DataSource primary, String slot) throws Exception {
        // The walsender may take a moment to go after the standby stopped.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection connection = primary.getConnection()) {
                String active = single(connection, "SELECT active::text FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'");
                if (active == null) {
                    return;
                }
                if (active.equals("false") || System.nanoTime() > deadline) {
                    execute(connection, "SELECT pg_drop_replication_slot('" + slot + "')");
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name").toLowerCase(Locale.ROOT));
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
