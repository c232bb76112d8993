package dev.avatarbot.schema.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies pending revisions, to the newest or up to and including {@code schema.revision} ({@code manage_db.py upgrade}). */
@Mojo(name = "upgrade", aggregator = true, requiresProject = false, threadSafe = true,
        defaultPhase = LifecyclePhase.PROCESS_RESOURCES)
public class UpgradeMojo extends AbstractSchemaMojo {

    /** The revision to stop at (included); the newest when not set. */
    @Parameter(property = "schema.revision")
    private String revision;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withMigrations((migrations, database) -> {
            String before = migrations.currentRevision().orElse("base");
            if (revision == null || revision.isBlank()) {
                migrations.upgrade();
            } else {
                migrations.upgradeTo(revision.strip());
            }
            String after = migrations.currentRevision().orElse("base");
            getLog().info(before.equals(after)
                    ? "Already at " + after + ": nothing to apply."
                    : "Upgraded " + before + " -> " + after + " (" + migrations.changelogSource().describe() + ").");
            publishCurrentRevision(migrations);
        });
    }
}
