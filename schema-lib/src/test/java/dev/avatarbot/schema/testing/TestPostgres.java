package dev.avatarbot.schema.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the tests share. {@code AVATARDB_TEST_URL} (or {@code -Davatardb.test.url})
 * names a server reachable as a superuser, as {@code .ci/run} sets it; without it an embedded
 * PostgreSQL from Maven Central is started once for the whole test run. Each test class gets a
 * database of its own on it.
 */
public final class TestPostgres {

    private static PGSimpleDataSource admin;

    private TestPostgres() {
    }

    /** Creates a new, empty database and returns a data source for it. */
    public static PGSimpleDataSource createDatabase() {
        return createDatabase("");
    }

    /** Creates a new database as a copy of {@code template}, which nobody may be connected to. */
    public static PGSimpleDataSource copyDatabase(PGSimpleDataSource template) {
        return createDatabase(" TEMPLATE " + template.getDatabaseName());
    }

    private static PGSimpleDataSource createDatabase(String options) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(admin(), "CREATE DATABASE " + name + options);
        PGSimpleDataSource dataSource = copyOf(admin());
        dataSource.setDatabaseName(name);
        return dataSource;
    }

    /** The server's maintenance database, as a superuser. */
    public static DataSource adminDataSource() {
        return admin();
    }

    public static void dropDatabase(PGSimpleDataSource dataSource) {
        execute(admin(), "DROP DATABASE IF EXISTS " + dataSource.getDatabaseName() + " WITH (FORCE)");
    }

    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of {@code sql}, as text. */
    public static String query(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static synchronized PGSimpleDataSource admin() {
        if (admin == null) {
            String url = System.getProperty("avatardb.test.url", System.getenv("AVATARDB_TEST_URL"));
            admin = url == null || url.isBlank() ? startEmbedded() : fromUrl(url);
        }
        return admin;
    }

    private static PGSimpleDataSource fromUrl(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static PGSimpleDataSource startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary cluster goes with it
                }
            }));
            return fromUrl(postgres.getJdbcUrl("postgres", "postgres"));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL (set AVATARDB_TEST_URL"
                    + " to use a running server instead): " + e.getMessage(), e);
        }
    }

    private static PGSimpleDataSource copyOf(PGSimpleDataSource source) {
        PGSimpleDataSource copy = new PGSimpleDataSource();
        copy.setURL(source.getURL());
        copy.setUser(source.getUser());
        copy.setPassword(source.getPassword());
        return copy;
    }
}
