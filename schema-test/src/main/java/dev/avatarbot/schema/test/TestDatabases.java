package dev.avatarbot.schema.test;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.avatarbot.schema.migration.SchemaMigrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases of one JVM's tests: one template per revision, upgraded once, and the clones made
 * from it ({@code CREATE DATABASE ... TEMPLATE ...}). While a test runs, the next clone is made and
 * the last test's database dropped on a background thread, so a test waits for neither; whatever is
 * left (a spare clone, a run cut short) is dropped at JVM exit with the templates.
 */
final class TestDatabases {

    /** PostgreSQL's object_in_use: the template still has a session (a closed connection's backend exiting). */
    private static final String OBJECT_IN_USE = "55006";
    private static final int CLONE_ATTEMPTS = 50;

    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();
    /** Per template, the clone being made ahead for the next test. */
    private static final Map<String, Future<PGSimpleDataSource>> SPARE = new ConcurrentHashMap<>();
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "schema-test databases");
        thread.setDaemon(true);
        return thread;
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "schema-test cleanup"));
    }

    private TestDatabases() {
    }

    /** A new database at {@code revision} (null: the newest; {@code base}: empty), cloned from that revision's template. */
    static PGSimpleDataSource cloneAt(String revision) {
        String template = template(revision);
        Future<PGSimpleDataSource> spare = SPARE.remove(template);
        SPARE.put(template, BACKGROUND.submit(() -> cloneOf(template)));
        if (spare == null) {
            return cloneOf(template);
        }
        try {
            return spare.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a test database", e);
        }
    }

    /** Drops the database on the background thread; {@link #awaitDrops()} waits for it. */
    static void drop(String name) {
        BACKGROUND.execute(() -> dropNow(name));
    }

    /** Returns once every drop asked for so far is done. */
    static void awaitDrops() {
        CompletableFuture.runAsync(() -> { }, BACKGROUND).join();
    }

    /** Whether {@code name} is a database this JVM made and has not dropped yet. */
    static boolean live(String name) {
        return LIVE.contains(name);
    }

    /** The template database at {@code revision}, made on first use. */
    static String template(String revision) {
        return TEMPLATES.computeIfAbsent(revision == null ? "" : revision, key -> createTemplate(revision));
    }

    /** A clone of {@code template}, made now on the caller's thread. */
    static PGSimpleDataSource cloneOf(String template) {
        String name = newName("avatardb_t_");
        for (int attempt = 1; ; attempt++) {
            try {
                TestServer.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
                LIVE.add(name);
                return TestServer.database(name);
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == CLONE_ATTEMPTS) {
                    throw new IllegalStateException("Could not create a test database from template " + template
                            + ": " + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    static void dropNow(String name) {
        try {
            TestServer.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            LIVE.remove(name);
        } catch (SQLException e) {
            System.err.println("schema-test: could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static String createTemplate(String revision) {
        String name = newName("avatardb_tpl_");
        try {
            TestServer.execute("CREATE DATABASE " + name);
            LIVE.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the template database on the test server: "
                    + e.getMessage(), e);
        }
        if (!SchemaMigrations.BASE.equals(revision)) {
            new SchemaMigrations(TestServer.database(name)).upgradeTo(revision);
        }
        return name;
    }

    private static void dropAll() {
        BACKGROUND.shutdownNow();
        try {
            BACKGROUND.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String name : Set.copyOf(LIVE)) {
            try {
                TestServer.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException | RuntimeException ignored) {
                // an embedded server may have stopped first, taking its databases with it
            }
        }
    }

    private static String newName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the template database", e);
        }
    }
}
