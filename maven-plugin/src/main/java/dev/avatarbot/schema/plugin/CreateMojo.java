package dev.avatarbot.schema.plugin;

import java.nio.file.Path;
import java.time.LocalDate;

import dev.avatarbot.schema.authoring.RevisionAuthor;
import dev.avatarbot.schema.authoring.RevisionFromDiff;
import dev.avatarbot.schema.config.DatabaseHandle;
import dev.avatarbot.schema.migration.ChangelogSource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a new revision file into schema-lib's changelog sources and includes it in the master
 * changelog ({@code manage_db.py create --message}). By default a template, and no database is
 * needed. With {@code schema.diff=true} the revision is written from the differences between the
 * configured database (a development database changed by hand, at the newest revision) and a
 * scratch database brought to the newest revision: only then are the connection keys and
 * {@code schema.scratch} read.
 */
@Mojo(name = "create", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class CreateMojo extends AbstractScratchMojo {

    /** What the revision changes; kept verbatim, and its transliteration names the file. */
    @Parameter(property = "schema.message")
    private String message;

    /**
     * Write the revision from the differences between the configured (development) database and
     * the newest revision, instead of a template; the connection keys then name that database.
     */
    @Parameter(property = "schema.diff", defaultValue = "false")
    private boolean diff;

    /**
     * With schema.diff: a column that disappeared while one of the same type appeared in the same
     * table is written as RENAME COLUMN (with a comment asking to confirm); false writes a drop
     * and an add instead.
     */
    @Parameter(property = "schema.diff.renames", defaultValue = "true")
    private boolean renames;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Path resources = changelogSource().resourcesRoot().orElseThrow(() -> new MojoFailureException(
                "No changelog sources to write into: run schema:create from the avatar-db repository root (it"
                        + " writes into " + ChangelogSource.repositorySources(executionRoot()) + ") or set"
                        + " -Dschema.changelogDirectory=<schema-lib>/src/main/resources."));
        String author = System.getProperty("user.name");
        if (!diff) {
            RevisionAuthor.CreatedRevision created = new RevisionAuthor(resources).create(message, author, LocalDate.now());
            getLog().info("Created revision " + created.id() + ": " + created.file());
            getLog().info("Edit its changeset and rollback, then run schema:upgrade.");
            return;
        }
        RevisionAuthor.requireMessage(message);
        try (DatabaseHandle database = openDatabase()) {
            RevisionFromDiff.Outcome outcome = withScratchDatabase(scratch -> new RevisionFromDiff(resources)
                    .create(message, author, LocalDate.now(), database.dataSource(), scratch, renames));
            outcome.diff().cannotExpress().forEach(line -> getLog().warn("Cannot express: " + line));
            if (outcome.created().isEmpty()) {
                getLog().info(outcome.diff().isEmpty()
                        ? "The databases match: " + database.describe() + " is exactly the newest revision; no revision written."
                        : "Nothing the diff can write (see the warnings above); no revision written.");
                return;
            }
            RevisionAuthor.CreatedRevision created = outcome.created().get();
            getLog().info("Created revision " + created.id() + " from " + outcome.diff().differences().size()
                    + " difference(s) with the newest revision: " + created.file());
            outcome.toReview().forEach(point -> getLog().warn("Review: " + point));
            getLog().info("Review it (renames, data loss and backfill values are marked in comments) and run"
                    + " schema:test-rollbacks. Your database has the changes but not the revision: recreate it and run"
                    + " schema:upgrade.");
        }
    }
}
