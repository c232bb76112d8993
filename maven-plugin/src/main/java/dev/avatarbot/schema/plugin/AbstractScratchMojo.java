package dev.avatarbot.schema.plugin;

import java.util.function.Function;

import javax.sql.DataSource;

import dev.avatarbot.schema.config.ConnectionSettings;
import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.config.SettingsResolver;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that rebuilds the schema from the revisions in a scratch database, dropped afterwards. The
 * connection settings matter only with {@code schema.scratch=configured} (and to schema:verify,
 * which reads the configured database).
 */
public abstract class AbstractScratchMojo extends AbstractMigrationsMojo {

    protected static final String SCRATCH_EMBEDDED = "embedded";
    protected static final String SCRATCH_CONFIGURED = "configured";

    /**
     * Where the schema is rebuilt: {@code embedded}, an embedded PostgreSQL (not as root), or
     * {@code configured}, a scratch database on the configured server (needs the CREATEDB privilege).
     */
    @Parameter(property = "schema.scratch", defaultValue = SCRATCH_EMBEDDED)
    private String scratch;

    /**
     * Runs {@code work} on a new, empty scratch database, dropped afterwards. The configured
     * database itself is never touched.
     */
    protected <T> T withScratchDatabase(Function<DataSource, T> work)
            throws MojoExecutionException, MojoFailureException {
        return withScratchHost(host -> {
            try (DatabaseHandle.ScratchDatabase database = host.createScratch()) {
                return work.apply(database.dataSource());
            }
        });
    }

    /**
     * Runs {@code work} with the server scratch databases are made on ({@link DatabaseHandle#createScratch()}
     * gives one; the caller drops it), stopped afterwards when embedded.
     */
    protected <T> T withScratchHost(Function<DatabaseHandle, T> work) throws MojoExecutionException, MojoFailureException {
        String mode = scratch == null ? SCRATCH_EMBEDDED : scratch.strip();
        if (!mode.equals(SCRATCH_EMBEDDED) && !mode.equals(SCRATCH_CONFIGURED)) {
            throw new MojoFailureException("schema.scratch must be embedded or configured, not '" + scratch + "'.");
        }
        ConnectionSettings settings = mode.equals(SCRATCH_CONFIGURED) ? connectionSettings(SettingsResolver.TARGET)
                : new ConnectionSettings(ConnectionSettings.EMBEDDED, null, null, null, null, null, connectTimeout());
        try (DatabaseHandle host = DatabaseHandle.open(settings, executionRoot().resolve("target/schema-scratch"))) {
            getLog().debug("Scratch databases on " + host.describe());
            return work.apply(host);
        }
    }
}
