package dev.avatarbot.schema.test;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database at the schema's newest revision (or a chosen one) for every test method:
 *
 * <pre>{@code
 * @RegisterExtension
 * static SchemaDatabase db = SchemaDatabase.atHead();
 *
 * @Test
 * void welcomeBonusIsPaidOnce() {
 *     SqlSessionFactory sessions = SchemaSessions.sqlSessionFactory(db.dataSource());
 *     ...
 * }
 * }</pre>
 *
 * <p>The first use in a JVM upgrades a template database once per revision; each test then gets a
 * clone of it ({@code CREATE DATABASE ... TEMPLATE ...}, milliseconds instead of the changelog's
 * second), dropped when the test is done. The server is the one {@code AVATARDB_TEST_URL} names (a
 * role that may create databases), or else an embedded PostgreSQL.
 *
 * <p>{@link #dataSource()} always reaches the running test's database, so it can be handed once to
 * code that outlives a test, such as a Spring context cached between tests. Used outside a test
 * method (a context starting up before the first test), it reaches a database of the test class's
 * own, made on first use and dropped after the class. One test at a time per instance.
 */
public final class SchemaDatabase implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final String revision;
    private final DataSource routing = new CurrentDatabase();
    private volatile PGSimpleDataSource perTest;
    private volatile PGSimpleDataSource outsideTests;
    private volatile boolean heldForSpring;

    private SchemaDatabase(String revision) {
        this.revision = revision;
    }

    /** A fresh database per test at the newest revision this schema-lib carries. */
    public static SchemaDatabase atHead() {
        return new SchemaDatabase(null);
    }

    /**
     * A fresh database per test at {@code revision} ({@code base}: an empty one): for a service's
     * tests of its own migrations. An unknown revision fails the first test that uses it.
     */
    public static SchemaDatabase atRevision(String revision) {
        if (revision == null || revision.isBlank()) {
            throw new IllegalArgumentException("Name a revision, or use SchemaDatabase.atHead()");
        }
        return new SchemaDatabase(revision);
    }

    /** The running test's database; see the class comment for use outside a test. */
    public DataSource dataSource() {
        return routing;
    }

    /** The JDBC URL of the running test's database (the user and password are the server's: {@link #user()}, {@link #password()}). */
    public String jdbcUrl() {
        return current().getURL();
    }

    /** The name of the running test's database. */
    public String databaseName() {
        return current().getDatabaseName();
    }

    public String user() {
        return current().getUser();
    }

    public String password() {
        return current().getPassword();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        beginTest();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!heldForSpring) {
            endTest();
        }
    }

    /**
     * For Spring's test framework, whose listener calls it before a test's own: the test's database
     * is made now, before a {@code @Transactional} test's transaction takes its connection (Spring's
     * {@code beforeEach} runs before this extension's), and kept until {@link #endSpringTest()},
     * after that transaction has ended (this extension's {@code afterEach} runs before Spring's).
     */
    public void beginSpringTest() {
        heldForSpring = true;
        beginTest();
    }

    /** For Spring's test framework, after a test's transaction has ended: drops the test's database. */
    public void endSpringTest() {
        heldForSpring = false;
        endTest();
    }

    private void beginTest() {
        if (perTest == null) {
            perTest = TestDatabases.cloneAt(revision);
        }
    }

    private void endTest() {
        PGSimpleDataSource done = perTest;
        perTest = null;
        if (done != null) {
            TestDatabases.drop(done.getDatabaseName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PGSimpleDataSource done = outsideTests;
        outsideTests = null;
        if (done != null) {
            TestDatabases.drop(done.getDatabaseName());
        }
    }

    private PGSimpleDataSource current() {
        PGSimpleDataSource database = perTest;
        if (database != null) {
            return database;
        }
        synchronized (this) {
            if (outsideTests == null) {
                outsideTests = TestDatabases.cloneAt(revision);
            }
            return outsideTests;
        }
    }

    /** The stable face of {@link #dataSource()}: each connection from the database current at that moment. */
    private final class CurrentDatabase implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return current().getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return current().getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // nothing is logged through the DriverManager-era writer
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            throw new SQLFeatureNotSupportedException("Set the login timeout in AVATARDB_TEST_URL (loginTimeout=...)");
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("Not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
