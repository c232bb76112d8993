package dev.avatarbot.schema.plugin;

import java.util.List;

import dev.avatarbot.schema.migration.RollbackCheck;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Rehearses every revision's rollback on a scratch database: apply, roll back, compare the catalog
 * with the one before, apply again. Fails naming the first revision whose rollback does not
 * restore the catalog.
 */
@Mojo(name = "test-rollbacks", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class TestRollbacksMojo extends AbstractScratchMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<String> passed = withScratchDatabase(database -> RollbackCheck.run(database, changelogSource()));
        getLog().info("Every rollback restores the catalog (" + changelogSource().describe() + "): "
                + String.join(", ", passed));
    }
}
