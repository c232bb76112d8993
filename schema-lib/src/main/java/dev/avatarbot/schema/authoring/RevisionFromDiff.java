package dev.avatarbot.schema.authoring;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.diff.DiffResult;
import dev.avatarbot.schema.diff.RevisionWriter;
import dev.avatarbot.schema.diff.RevisionXml;
import dev.avatarbot.schema.diff.SchemaDiff;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;

/**
 * Writes a revision from the difference between a developer's database, changed by hand, and a
 * scratch database brought to head: what the revision must do to make head equal to the developer's
 * database ({@link SchemaDiff}, {@link RevisionWriter}). Nothing to do: no file.
 */
public final class RevisionFromDiff {

    /**
     * The revision written (empty when the databases match), what the diff found, and what the
     * reviewer must act on (data lost, renames to confirm, backfill values, names off the convention).
     */
    public record Outcome(Optional<RevisionAuthor.CreatedRevision> created, DiffResult diff, List<String> toReview) {
    }

    private final Path resourcesRoot;

    public RevisionFromDiff(Path resourcesRoot) {
        this.resourcesRoot = resourcesRoot;
    }

    /**
     * @param developer the developer's database: at head, then changed by hand; only read
     * @param scratch   an empty database, brought to head here
     * @param renames   whether a column that disappeared while one of the same type appeared in the
     *                  same table is written as RENAME COLUMN
     */
    public Outcome create(String message, String author, LocalDate day, DataSource developer, DataSource scratch,
                          boolean renames) {
        RevisionAuthor.requireMessage(message);
        ChangelogSource changelog = ChangelogSource.directory(resourcesRoot);
        SchemaStatus status = new SchemaMigrations(developer, changelog).status();
        if (!status.isCurrent()) {
            throw new SchemaException.UserError("The development database is at revision " + status.currentOrBase()
                    + (status.pending().isEmpty() ? "" : " with " + String.join(", ", status.pending()) + " pending")
                    + (status.unknownApplied().isEmpty() ? "" : " and " + String.join(", ", status.unknownApplied())
                            + " applied but not in the changelog")
                    + ": a revision is written from a database at the newest revision, changed by hand."
                    + " Upgrade it first.");
        }
        new SchemaMigrations(scratch, changelog).upgrade();
        Catalog head = Catalog.read(scratch);
        Catalog changed = Catalog.read(developer);
        DiffResult diff = SchemaDiff.compare(head, changed, renames);
        if (diff.differences().isEmpty()) {
            return new Outcome(Optional.empty(), diff, List.of());
        }
        List<RevisionWriter.ChangeSet> changeSets = new RevisionWriter(changed.keywords()).changeSets(diff.differences());
        return new Outcome(Optional.of(new RevisionAuthor(resourcesRoot)
                .create(message, author, day, (id, who) -> RevisionXml.body(id, who, diff.cannotExpress(), changeSets))),
                diff, RevisionWriter.reviewPoints(changeSets));
    }
}
