package dev.avatarbot.schema.test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the test databases live on, one per JVM: the one {@code AVATARDB_TEST_URL}
 * (or {@code -Davatardb.test.url}) names, reachable as a role that may create databases, or else an
 * embedded PostgreSQL started on first use (as root too: it runs in a user namespace there).
 */
final class TestServer {

    static final String URL_VARIABLE = "AVATARDB_TEST_URL";

    private static PGSimpleDataSource admin;

    private TestServer() {
    }

    /** The server's maintenance database. */
    static synchronized PGSimpleDataSource admin() {
        if (admin == null) {
            String url = System.getProperty("avatardb.test.url", System.getenv(URL_VARIABLE));
            admin = url == null || url.isBlank() ? startEmbedded() : fromUrl(url);
        }
        return admin;
    }

    /** A data source for database {@code name} on the server, with the admin's credentials. */
    static PGSimpleDataSource database(String name) {
        PGSimpleDataSource admin = admin();
        PGSimpleDataSource database = fromUrl(admin.getURL());
        database.setUser(admin.getUser());
        database.setPassword(admin.getPassword());
        database.setDatabaseName(name);
        return database;
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = admin().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static PGSimpleDataSource fromUrl(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static PGSimpleDataSource startEmbedded() {
        try {
            // A throwaway cluster: CREATE DATABASE's checkpoints need not wait for the disk.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary cluster goes with it
                }
            }, "schema-test embedded PostgreSQL"));
            return fromUrl(postgres.getJdbcUrl("postgres", "postgres"));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL for the test databases (set "
                    + URL_VARIABLE + " to a server's JDBC URL to use that instead): " + e.getMessage(), e);
        }
    }
}
