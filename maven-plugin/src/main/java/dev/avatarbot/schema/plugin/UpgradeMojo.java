package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.migration.MigrationResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Applies pending revisions, to the newest or up to and including {@code schema.revision}
 * ({@code manage_db.py upgrade}); with {@code schema.fleet}, on every database of the fleet file.
 */
@Mojo(name = "upgrade", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true,
        defaultPhase = LifecyclePhase.PROCESS_RESOURCES)
public class UpgradeMojo extends AbstractFleetMojo {

    /** The revision to stop at (included); the newest when not set. */
    @Parameter(property = "schema.revision")
    private String revision;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (fleetFile() != null) {
            finishFleet(fleetRollout().upgrade(fleetTargets(fleetFile()),
                    revision == null || revision.isBlank() ? null : revision.strip(), fleetProgress()));
            return;
        }
        withMigrations((migrations, database) -> {
            MigrationResult result = guarded(migrations)
                    .upgradeTo(revision == null || revision.isBlank() ? null : revision.strip());
            getLog().info(result.changed()
                    ? "Upgraded " + result.from() + " -> " + result.to() + ", applied " + String.join(", ", result.revisions())
                            + " (" + migrations.changelogSource().describe() + ")."
                    : "Already at " + result.to() + ": nothing to apply.");
            publishCurrentRevision(result.to());
        });
    }
}
