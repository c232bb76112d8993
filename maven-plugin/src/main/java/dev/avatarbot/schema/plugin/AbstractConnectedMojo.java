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
import dev.avatarbot.schema.fleet.FleetFile;
import dev.avatarbot.schema.fleet.FleetTarget;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * A goal that connects to the database: where its settings come from, strongest first,
 * {@code -Dschema.*}, the environment, the {@code .env} file, a settings.xml {@code <server>}, this
 * plugin's {@code <configuration>}. Each key comes from the strongest place that sets it.
 *
 * <p>The connection keys ({@code url}, {@code host}, {@code port}, {@code name}, {@code user},
 * {@code password}) are parameters bound to {@code schema.url} and so on, so that help lists them.
 * Maven injects a {@code -Dschema.url} into the field as well, but the field is only the weakest
 * layer: the {@code -D} layer is read from the session's user properties as before, so a
 * {@code -D} value is found there first and the order above holds. An explicit
 * {@code <configuration>} value is what the field holds otherwise (a POM property
 * {@code schema.url} counts as {@code <configuration>} too). The URL and the password are held as
 * {@link MaskedUrl} and {@link Password}, so that Maven's {@code -X} parameter dump prints them masked.
 */
public abstract class AbstractConnectedMojo extends AbstractSchemaMojo {

    /** The {@code .env} file to read the settings from; by default {@code .env} in the directory Maven runs from. */
    @Parameter(property = "schema.envFile")
    private File envFile;

    /** Id of a settings.xml {@code <server>} whose username and (encrypted) password log in to the database. */
    @Parameter(property = "schema.serverId")
    private String serverId;

    /** Seconds to wait for the server to answer before giving up. */
    @Parameter(property = "schema.connectTimeout", defaultValue = "10")
    private int connectTimeout;

    /**
     * JDBC URL of the database ({@code DB_URL}), {@code embedded} for an embedded PostgreSQL (or, for
     * schema:sql, {@code offline}). Used unless a stronger place sets the host or the name. Like the
     * other connection keys, as {@code -Dschema.url} it is the strongest setting, in
     * {@code <configuration>} the weakest (after the environment, {@code .env} and a schema.serverId server).
     */
    @Parameter(property = "schema.url")
    private MaskedUrl url;

    /** Host of the database ({@code DB_HOST}; localhost when only the name is set). */
    @Parameter(property = "schema.host")
    private String host;

    /** Port of the database ({@code DB_PORT}). */
    // Text, not a number: a wrong -Dschema.port then fails in the resolver, naming where it came from.
    @Parameter(property = "schema.port", defaultValue = "5432")
    private String port;

    /** Name of the database ({@code DB_NAME}). */
    @Parameter(property = "schema.name")
    private String name;

    /** User that logs in ({@code DB_USER}). */
    @Parameter(property = "schema.user")
    private String user;

    /** Password of that user ({@code DB_PASSWORD}); prefer {@code .env} or a settings.xml server. */
    @Parameter(property = "schema.password")
    private Password password;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /** Goals whose success is a single line (gates in a pipeline) keep the rest of their report at debug. */
    protected boolean quietOnSuccess() {
        return false;
    }

    protected int connectTimeout() {
        return connectTimeout;
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

    /**
     * The targets of a fleet file ({@code -Dschema.fleet}), in its order, each logging in as one
     * database would: {@code DB_USER} and {@code DB_PASSWORD} from the usual places (a settings.xml
     * server named by {@code schema.serverId} among them) when set, for every target; else the URL's
     * own user and password; else {@code ~/.pgpass} through the driver.
     */
    protected List<FleetTarget> fleetTargets(File fleetFile) throws MojoFailureException {
        SettingsResolver resolver = new SettingsResolver(settingsLayers());
        List<FleetTarget> targets = new ArrayList<>();
        for (FleetFile.Entry entry : FleetFile.read(fleetFile.toPath())) {
            targets.add(new FleetTarget(entry.name(),
                    resolver.atUrl(SettingsResolver.TARGET, entry.url(), connectTimeout).dataSource()));
        }
        getLog().info("Fleet:    " + targets.size() + " targets from " + fleetFile);
        return targets;
    }

    /** Whether a target database is configured anywhere, for goals that can do without one. */
    protected boolean databaseConfigured() throws MojoFailureException {
        return new SettingsResolver(settingsLayers()).resolve(SettingsResolver.TARGET, connectTimeout).isPresent();
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

    /**
     * The keys set in this plugin's {@code <configuration>}, the weakest layer; a goal with more
     * databases than the target adds theirs.
     */
    protected Map<String, String> configuredKeys() {
        return configuredKeys(SettingsResolver.TARGET, url, host, port, name, user, password);
    }

    /** {@code <prefix>URL} and so on, for those of the values that are set. */
    protected static Map<String, String> configuredKeys(String prefix, MaskedUrl url, String host, String port,
                                                        String name, String user, Password password) {
        Map<String, String> values = new HashMap<>();
        putIfSet(values, prefix + "URL", MaskedUrl.valueOf(url));
        putIfSet(values, prefix + "HOST", host);
        putIfSet(values, prefix + "PORT", port);
        putIfSet(values, prefix + "NAME", name);
        putIfSet(values, prefix + "USER", user);
        putIfSet(values, prefix + "PASSWORD", Password.valueOf(password));
        return values;
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
        layers.add(new SettingsLayer("plugin <configuration>", configuredKeys()));
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

    private static void putIfSet(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }
}
