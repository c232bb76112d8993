package dev.avatarbot.schema.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.avatarbot.schema.config.ConnectionSettings;
import dev.avatarbot.schema.config.SettingsResolver;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SqlScript;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the SQL that schema:upgrade (or schema:downgrade) would run from the database's current
 * revision to {@code target/schema-sql/<from>__<to>.sql}, without changing the database. With
 * {@code DB_URL=offline} it needs no database and starts from base.
 */
@Mojo(name = "sql", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class SqlMojo extends AbstractMigrationsMojo {

    /** The revision to go to; the newest for upgrade. Required for downgrade ({@code base} for all). */
    @Parameter(property = "schema.revision")
    private String revision;

    /** {@code upgrade} or {@code downgrade}. */
    @Parameter(property = "schema.direction", defaultValue = "upgrade")
    private String direction;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        boolean upgrade = switch (direction.strip()) {
            case "upgrade" -> true;
            case "downgrade" -> false;
            default -> throw new MojoFailureException("schema.direction must be upgrade or downgrade, not '"
                    + direction + "'.");
        };
        String wanted = revision == null || revision.isBlank() ? null : revision.strip();
        if (!upgrade && wanted == null) {
            throw new MojoFailureException("Downgrade SQL needs a target: -Dschema.revision=<revision> or base.");
        }
        ConnectionSettings settings = connectionSettings(SettingsResolver.TARGET);
        SqlScript script;
        if (settings.isOffline()) {
            if (!upgrade) {
                throw new MojoFailureException("Downgrade SQL depends on what the database has applied: DB_URL=offline"
                        + " only writes upgrade SQL (from base). Point DB_URL at the database.");
            }
            getLog().info("Database: none (offline), starting from base");
            script = SchemaMigrations.offlineUpgradeSql(changelogSource(), wanted);
        } else {
            script = withMigrationsReturning(migrations ->
                    upgrade ? migrations.upgradeSql(wanted) : migrations.downgradeSql(wanted));
        }
        Path file = executionRoot().resolve("target/schema-sql").resolve(script.fileName());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, script.sql(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        getLog().info((upgrade ? "Upgrade" : "Downgrade") + " SQL " + script.from() + " -> " + script.to()
                + " (nothing was run): " + file);
    }
}
