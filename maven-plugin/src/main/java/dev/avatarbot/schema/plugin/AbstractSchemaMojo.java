package dev.avatarbot.schema.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.avatarbot.schema.config.ConnectionSettings;
import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.config.EnvFile;
import dev.avatarbot.schema.config.SettingsLayer;
import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every goal shares: skipping, where the database settings come from, and turning the
 * library's exceptions into Maven's (a user's mistake fails the build with one line; a fault is an
 * execution error). Settings, strongest first: {@code -Dschema.*}, the environment, the
 * {@code .env} file, a settings.xml {@code <server>}, this plugin's {@code <configuration>}.
 */
public abstract class AbstractSchemaMojo extends AbstractMojo {

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips the goal. */
    @Parameter(property = "schema.skip", defaultValue = "false")
    private boolean skip;

    /** The {@code .env} file; by default {@code .env} in the directory Maven runs from. */
    @Parameter(property = "schema.envFile")
    private File envFile;

    /** Id of a settings.xml {@code <server>} whose username and (encrypted) password log in. */
    @Parameter(property = "schema.serverId")
    private String serverId;

    /** Seconds to wait for the server to answer before giving up. */
    @Parameter(property = "schema.connectTimeout", defaultValue = "10")
    private int connectTimeout;

    /**
     * A resources directory holding {@code dev/avatarbot/schema/changelog/master.xml}. By default,
     * inside the avatar-db repository its {@code schema-lib/src/main/resources}, elsewhere the
     * schema-lib jar this plugin depends on.
     */
    @Parameter(property = "schema.changelogDirectory")
    private File changelogDirectory;

    /** JDBC URL of the database (weakest setting; {@code DB_URL} elsewhere), or {@code embedded}. */
    @Parameter
    private String url;

    /** Host of the database ({@code DB_HOST}). */
    @Parameter
    private String host;

    /** Port of the database ({@code DB_PORT}, 5432). */
    @Parameter
    private Integer port;

    /** Name of the database ({@code DB_NAME}). */
    @Parameter
    private String name;

    /** User ({@code DB_USER}). */
    @Parameter
    private String user;

    /** Password ({@code DB_PASSWORD}); prefer {@code .env} or a settings.xml server. */
    @Parameter
    private String password;

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: schema.skip is true.");
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Liquibase finds its services and our changelogs through the context class loader.
        thread.setContextClassLoader(getClass().getClassLoader());
        try {
            run();
        } catch (SchemaException.UserError e) {
            // No cause: Maven would append its text (which may quote what the user wrote) to the line.
            throw new MojoFailureException(MavenHint.withHint(e));
        } catch (SchemaException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The goal's work. Library exceptions are translated by {@link #execute()}. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** Goals whose success is a single line (gates in a pipeline) keep the rest of their report at debug. */
    protected boolean quietOnSuccess() {
        return false;
    }

    /** The directory Maven was started in: where {@code .env} and the repository root are. */
    protected Path executionRoot() {
        return Path.of(session.getExecutionRootDirectory());
    }

    protected ChangelogSource changelogSource() {
        return ChangelogSource.forBuild(changelogDirectory == null ? null : changelogDirectory.toPath(),
                executionRoot());
    }

    /** Opens the configured target database; the caller closes it (an embedded one stops then). */
    protected DatabaseHandle openDatabase() throws MojoFailureException {
        return openDatabase(SettingsResolver.TARGET);
    }

    /**
     * Opens the database whose keys start with {@code prefix} ({@link SettingsResolver#TARGET} or
     * {@link SettingsResolver#SOURCE}); the caller closes it.
     */
    protected DatabaseHandle openDatabase(String prefix) throws MojoFailureException {
        boolean target = prefix.equals(SettingsResolver.TARGET);
        DatabaseHandle database = DatabaseHandle.open(connectionSettings(prefix),
                executionRoot().resolve("target").resolve(target ? "schema-embedded" : "schema-embedded-source"));
        String line = (target ? "Database: " : "Source:   ") + database.describe();
        if (quietOnSuccess()) {
            getLog().debug(line);
        } else {
            getLog().info(line);
        }
        return database;
    }

    /** The resolved settings of the database whose keys start with {@code prefix}. */
    protected ConnectionSettings connectionSettings(String prefix) throws MojoFailureException {
        boolean target = prefix.equals(SettingsResolver.TARGET);
        SettingsResolver resolver = new SettingsResolver(settingsLayers());
        return resolver.resolve(prefix, connectTimeout)
                .orElseThrow(() -> new MojoFailureException("No " + (target ? "" : "source ") + "database configured: set "
                        + prefix + "URL (or " + prefix + "HOST and " + prefix + "NAME) in .env, the environment or -D"
                        + (target ? SettingsLayer.TARGET_PROPERTY_PREFIX : SettingsLayer.SOURCE_PROPERTY_PREFIX) + "url;"
                        + " see .env.example. Looked in: " + resolver.describeLayers() + "."));
    }

    /** Runs {@code work} with the schema API on the configured database. */
    protected void withMigrations(MigrationsWork work) throws MojoExecutionException, MojoFailureException {
        try (DatabaseHandle database = openDatabase()) {
            work.run(new SchemaMigrations(database.dataSource(), changelogSource()), database);
        }
    }

    /** Runs {@code work} with the schema API on the configured database and returns its result. */
    protected <T> T withMigrationsReturning(java.util.function.Function<SchemaMigrations, T> work)
            throws MojoExecutionException, MojoFailureException {
        try (DatabaseHandle database = openDatabase()) {
            return work.apply(new SchemaMigrations(database.dataSource(), changelogSource()));
        }
    }

    @FunctionalInterface
    protected interface MigrationsWork {
        void run(SchemaMigrations migrations, DatabaseHandle database)
                throws MojoExecutionException, MojoFailureException;
    }

    /** Where a goal rebuilds the schema from the revisions: {@code embedded} or {@code configured}. */
    protected static final String SCRATCH_EMBEDDED = "embedded";
    protected static final String SCRATCH_CONFIGURED = "configured";

    /**
     * Runs {@code work} on a new, empty scratch database, dropped afterwards: on an embedded
     * PostgreSQL ({@code embedded}), or on the configured server ({@code configured}, which needs
     * the CREATEDB privilege). The configured database itself is never touched.
     */
    protected <T> T withScratchDatabase(String scratch, java.util.function.Function<javax.sql.DataSource, T> work)
            throws MojoExecutionException, MojoFailureException {
        String mode = scratch == null ? SCRATCH_EMBEDDED : scratch.strip();
        if (!mode.equals(SCRATCH_EMBEDDED) && !mode.equals(SCRATCH_CONFIGURED)) {
            throw new MojoFailureException("schema.scratch must be embedded or configured, not '" + scratch + "'.");
        }
        ConnectionSettings settings = mode.equals(SCRATCH_CONFIGURED) ? connectionSettings(SettingsResolver.TARGET)
                : new ConnectionSettings(ConnectionSettings.EMBEDDED, null, null, null, null, null, connectTimeout);
        try (DatabaseHandle host = DatabaseHandle.open(settings, executionRoot().resolve("target/schema-scratch"));
             DatabaseHandle.ScratchDatabase database = host.createScratch()) {
            getLog().debug("Scratch database on " + host.describe());
            return work.apply(database.dataSource());
        }
    }

    /** Warns when the database has revisions this schema-lib does not declare. */
    protected void warnAboutUnknown(SchemaStatus status) {
        if (!status.unknownApplied().isEmpty()) {
            getLog().warn("Applied but unknown to this schema-lib (the database is ahead): "
                    + String.join(", ", status.unknownApplied()));
        }
    }

    /** Publishes the database's revision ({@code base} for none) for later build steps, as {@code ${schema.current}}. */
    protected void publishCurrentRevision(String revision) {
        if (session.getCurrentProject() != null) {
            session.getCurrentProject().getProperties().setProperty("schema.current", revision);
        }
    }

    private List<SettingsLayer> settingsLayers() throws MojoFailureException {
        List<SettingsLayer> layers = new ArrayList<>();
        layers.add(SettingsLayer.fromProperties("-Dschema.* properties", session.getUserProperties()));
        layers.add(SettingsLayer.fromEnvironment(System.getenv()));
        Path env = envFile != null ? envFile.toPath() : executionRoot().resolve(".env");
        if (envFile != null && !envFile.isFile()) {
            throw new MojoFailureException("schema.envFile " + envFile + " does not exist: fix the path or drop"
                    + " the property to use .env in " + executionRoot() + ".");
        }
        layers.add(EnvFile.read(env));
        layers.add(serverLayer());
        Map<String, String> configured = new HashMap<>();
        putIfSet(configured, "DB_URL", url);
        putIfSet(configured, "DB_HOST", host);
        putIfSet(configured, "DB_PORT", port);
        putIfSet(configured, "DB_NAME", name);
        putIfSet(configured, "DB_USER", user);
        putIfSet(configured, "DB_PASSWORD", password);
        layers.add(new SettingsLayer("plugin <configuration>", configured));
        return layers;
    }

    private SettingsLayer serverLayer() throws MojoFailureException {
        String label = "settings.xml server " + serverId;
        if (serverId == null || serverId.isBlank()) {
            return new SettingsLayer("settings.xml server (none)", Map.of());
        }
        Server server = session.getSettings().getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("settings.xml has no <server> with id '" + serverId
                    + "': add one with <username> and <password>, or drop -Dschema.serverId.");
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("The password of settings.xml server '" + serverId
                        + "' cannot be decrypted (" + problem.getMessage() + "): check settings-security.xml.");
            }
        }
        Server plain = decrypted.getServer();
        Map<String, String> values = new HashMap<>();
        putIfSet(values, "DB_USER", plain.getUsername());
        putIfSet(values, "DB_PASSWORD", plain.getPassword());
        return new SettingsLayer(label, values);
    }

    private static void putIfSet(Map<String, String> values, String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
    }
}
