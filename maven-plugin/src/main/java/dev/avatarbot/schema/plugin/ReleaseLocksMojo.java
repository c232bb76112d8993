package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Shows and releases a stuck Liquibase lock (left by an upgrade that was killed), saying who held
 * it and since when. Run it only when no upgrade is running.
 */
@Mojo(name = "release-locks", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class ReleaseLocksMojo extends AbstractConnectedMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        try (DatabaseHandle database = openDatabase()) {
            // Only Liquibase's lock table is read and written: no changelog is needed.
            new SchemaMigrations(database.dataSource()).releaseLock().ifPresentOrElse(
                    holder -> getLog().info("Released the lock held by " + holder.describe() + "."),
                    () -> getLog().info("No lock is held: nothing to release."));
        }
    }
}
