package dev.avatarbot.schema.plugin;

import java.nio.file.Path;

import dev.avatarbot.schema.docs.SchemaDocs;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes {@code target/schema-docs/index.html}: the revision history (every revision with its id,
 * message and applied date, newest first, the current one marked), every table with its columns,
 * types, nullability, defaults, indexes and foreign keys, and an entity-relationship diagram, read
 * from the live catalog of a scratch database brought to the newest revision.
 */
@Mojo(name = "docs", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class DocsMojo extends AbstractScratchMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Path file = withScratchDatabase(database -> {
            SchemaMigrations migrations = new SchemaMigrations(database, changelogSource());
            String revision = migrations.upgrade().to();
            return SchemaDocs.write(database, "avatar-db schema at " + revision,
                    executionRoot().resolve("target/schema-docs"), migrations.status().revisions());
        });
        getLog().info("Schema docs: " + file);
    }
}
