package dev.avatarbot.schema.plugin;

import java.nio.file.Path;

import dev.avatarbot.schema.docs.SchemaDocs;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes {@code target/schema-docs/index.html}: every table with its columns, types, nullability,
 * defaults, indexes and foreign keys, and an entity-relationship diagram, read from the live catalog
 * of a scratch database brought to the newest revision.
 */
@Mojo(name = "docs", aggregator = true, requiresProject = false, threadSafe = true)
public class DocsMojo extends AbstractSchemaMojo {

    /** Where the schema is built for reading: {@code embedded} PostgreSQL, or the {@code configured} server. */
    @Parameter(property = "schema.scratch", defaultValue = SCRATCH_EMBEDDED)
    private String scratch;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Path file = withScratchDatabase(scratch, database -> {
            String revision = new SchemaMigrations(database, changelogSource()).upgrade().to();
            return SchemaDocs.write(database, "avatar-db schema at " + revision,
                    executionRoot().resolve("target/schema-docs"));
        });
        getLog().info("Schema docs: " + file);
    }
}
