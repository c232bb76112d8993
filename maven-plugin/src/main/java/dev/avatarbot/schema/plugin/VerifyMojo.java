package dev.avatarbot.schema.plugin;

import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails the build when the live database differs from what the revisions describe: a pending or
 * unknown revision, a changeset edited after it was applied, or a column, index, constraint,
 * trigger or function added, dropped or altered by hand. Each difference is named.
 */
@Mojo(name = "verify", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractScratchMojo {

    @Override
    protected boolean quietOnSuccess() {
        return true;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withMigrations((migrations, database) -> {
            List<String> differences = withScratchDatabase(migrations::drift);
            if (!differences.isEmpty()) {
                String fix = migrations.status().unfinishedTransfer().isPresent() ? MavenHint.RERUN_MIGRATE_DATA
                        : "Upgrade it, or undo the hand-made changes (or make them a revision with schema:create).";
                throw new MojoFailureException("The database differs from the revisions in " + differences.size()
                        + " way(s):\n  - " + String.join("\n  - ", differences) + "\n" + fix);
            }
            getLog().info("Verified: " + database.describe() + " is exactly revision "
                    + migrations.status().currentOrBase() + " as the revisions describe it.");
        });
    }
}
