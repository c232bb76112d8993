package dev.avatarbot.schema.config;

import java.nio.file.Path;

import javax.sql.DataSource;

/**
 * The database a goal or a program works on: a configured server, or an embedded PostgreSQL that
 * runs until {@link #close()}. {@link #describe()} is safe to print.
 */
public final class DatabaseHandle implements AutoCloseable {

    private final DataSource dataSource;
    private final String description;
    private final EmbeddedDatabase embedded;

    private DatabaseHandle(DataSource dataSource, String description, EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.description = description;
        this.embedded = embedded;
    }

    /**
     * Opens the database the settings name; {@code embedded} starts a server whose data stays in
     * {@code embeddedStateDirectory} for the next run.
     */
    public static DatabaseHandle open(ConnectionSettings settings, Path embeddedStateDirectory) {
        if (settings.isEmbedded()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(embeddedStateDirectory);
            return new DatabaseHandle(embedded.dataSource(), embedded.describe(), embedded);
        }
        return new DatabaseHandle(settings.dataSource(), settings.maskedUrl(), null);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
