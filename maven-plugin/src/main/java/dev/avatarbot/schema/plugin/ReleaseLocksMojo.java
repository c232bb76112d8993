package dev.avatarbot.schema.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Shows and releases a stuck Liquibase lock (left by an upgrade that was killed), saying who held
 * it and since when. Run it only when no upgrade is running.
 */
@Mojo(name = "release-locks", aggregator = true, requiresProject = false, threadSafe = true)
public class ReleaseLocksMojo extends AbstractSchemaMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        withMigrations((migrations, database) -> migrations.releaseLock().ifPresentOrElse(
                holder -> getLog().info("Released the lock held by " + holder.describe() + "."),
                () -> getLog().info("No lock is held: nothing to release.")));
    }
}
