package dev.avatarbot.schema.plugin;

import java.util.List;

import dev.avatarbot.schema.migration.RevisionTable;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists every revision: id, applied or pending, when, message, and the current one ({@code manage_db.py show}). */
@Mojo(name = "show", aggregator = true, requiresProject = false, threadSafe = true)
public class ShowMojo extends AbstractMigrationsMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withMigrations((migrations, database) -> {
            getLog().info("Revisions from " + migrations.changelogSource().describe() + ":");
            RevisionTable.format(migrations.revisions()).forEach(getLog()::info);
            List<String> unknown = migrations.unknownApplied();
            if (!unknown.isEmpty()) {
                getLog().warn("Applied but unknown to this schema-lib (the database is ahead): " + String.join(", ", unknown));
            }
            publishCurrentRevision(migrations);
        });
    }
}
