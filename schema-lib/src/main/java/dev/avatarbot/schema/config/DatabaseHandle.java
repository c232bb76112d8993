package dev.avatarbot.schema.config;

import java.nio.file.Path;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;

/**
 * The database a goal or a program works on: a configured server, or an embedded PostgreSQL that
 * runs until {@link #close()}. {@link #describe()} is safe to print.
 */
public final class DatabaseHandle implements AutoCloseable {

    private final DataSource dataSource;
    private final String description;
    private final ConnectionSettings settings;
    private final EmbeddedDatabase embedded;

    private DatabaseHandle(DataSource dataSource, String description, ConnectionSettings settings,
                           EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.description = description;
        this.settings = settings;
        this.embedded = embedded;
    }

    /**
     * Opens the database the settings name; {@code embedded} starts a server whose data stays in
     * {@code embeddedStateDirectory} for the next run.
     */
    public static DatabaseHandle open(ConnectionSettings settings, Path embeddedStateDirectory) {
        if (settings.isEmbedded()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(embeddedStateDirectory);
            return new DatabaseHandle(embedded.dataSource(), embedded.describe(), settings, embedded);
        }
        return new DatabaseHandle(settings.dataSource(), settings.maskedUrl(), settings, null);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String describe() {
        return description;
    }

    /**
     * A new, empty database on the same server, dropped when closed: where the expected schema is
     * rebuilt without touching this one.
     */
    public ScratchDatabase createScratch() {
        String name = "avatar_db_scratch_" + Long.toHexString(System.nanoTime()) + "_" + ProcessHandle.current().pid();
        try (Connection connection = DatabaseConnections.open(dataSource); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SchemaException.UserError("The login may not create databases, and a scratch database is"
                        + " needed to rebuild the schema from the revisions: grant it CREATEDB, or use"
                        + " -Dschema.scratch=embedded.", e);
            }
            throw new SchemaException("Could not create a scratch database: " + e.getMessage(), e);
        }
        DataSource scratch = embedded != null ? embedded.dataSource(name) : settings.withDatabase(name).dataSource();
        return new ScratchDatabase(scratch, () -> {
            try (Connection connection = DatabaseConnections.open(dataSource);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new SchemaException("Could not drop the scratch database " + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** An empty database that is dropped on {@link #close()}. */
    public record ScratchDatabase(DataSource dataSource, Runnable dropper) implements AutoCloseable {
        @Override
        public void close() {
            dropper.run();
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
