package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.migration.RevisionTable;
import dev.avatarbot.schema.migration.SchemaStatus;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists every revision: id, applied or pending, when, message, and the current one ({@code manage_db.py show}). */
@Mojo(name = "show", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class ShowMojo extends AbstractMigrationsMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withMigrations((migrations, database) -> {
            getLog().info("Revisions from " + migrations.changelogSource().describe() + ":");
            SchemaStatus status = migrations.status();
            RevisionTable.format(status.revisions()).forEach(getLog()::info);
            warnAboutUnknown(status);
            publishCurrentRevision(status.currentOrBase());
        });
    }
}
