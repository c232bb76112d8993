package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.migration.MigrationResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Rolls back every revision after {@code schema.revision}; {@code base} rolls back all
 * ({@code manage_db.py downgrade}); with {@code schema.fleet}, on every database of the fleet file.
 */
@Mojo(name = "downgrade", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class DowngradeMojo extends AbstractFleetMojo {

    /** The revision to keep (everything after it is rolled back), or {@code base}. Required. */
    @Parameter(property = "schema.revision")
    private String revision;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (revision == null || revision.isBlank()) {
            throw new MojoFailureException("schema:downgrade needs a target: -Dschema.revision=<revision>"
                    + " (run schema:show to list them) or -Dschema.revision=base to roll back everything.");
        }
        if (fleetFile() != null) {
            finishFleet(fleetRollout().downgrade(fleetTargets(fleetFile()), revision.strip(), fleetProgress()));
            return;
        }
        withMigrations((migrations, database) -> {
            MigrationResult result = guarded(migrations).downgradeTo(revision.strip());
            getLog().info(result.changed()
                    ? "Downgraded " + result.from() + " -> " + result.to() + ", rolled back "
                            + String.join(", ", result.revisions()) + "."
                    : "Already at " + result.to() + ": nothing to roll back.");
            publishCurrentRevision(result.to());
        });
    }
}
