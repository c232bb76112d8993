package dev.avatarbot.schema.plugin;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;

import dev.avatarbot.schema.authoring.RevisionAuthor;
import dev.avatarbot.schema.migration.ChangelogSource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a new revision file into schema-lib's changelog sources and includes it in the master
 * changelog ({@code manage_db.py create --message}). Needs no database.
 */
@Mojo(name = "create", aggregator = true, requiresProject = false, threadSafe = true)
public class CreateMojo extends AbstractSchemaMojo {

    /** What the revision changes; kept verbatim, and its transliteration names the file. */
    @Parameter(property = "schema.message")
    private String message;

    /**
     * The resources directory the revision is written into, the one holding
     * {@code dev/avatarbot/schema/changelog/master.xml}; by default {@code schema-lib/src/main/resources}
     * of the avatar-db repository Maven runs in.
     */
    @Parameter(property = "schema.changelogDirectory")
    private File changelogDirectory;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Path resources = changelogSource(changelogDirectory).resourcesRoot().orElseThrow(() -> new MojoFailureException(
                "No changelog sources to write into: run schema:create from the avatar-db repository root (it"
                        + " writes into " + ChangelogSource.repositorySources(executionRoot()) + ") or set"
                        + " -Dschema.changelogDirectory=<schema-lib>/src/main/resources."));
        RevisionAuthor.CreatedRevision created = new RevisionAuthor(resources)
                .create(message, System.getProperty("user.name"), LocalDate.now());
        getLog().info("Created revision " + created.id() + ": " + created.file());
        getLog().info("Edit its changeset and rollback, then run schema:upgrade.");
    }
}
