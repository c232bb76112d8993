package dev.avatarbot.schema.migration;

import java.util.List;
import java.util.Optional;

import dev.avatarbot.schema.core.UnfinishedTransfer;

/**
 * Everything about a database's revisions, read at one moment on one connection.
 *
 * @param revisions      every revision the changelog declares, oldest first, with its message and,
 *                       when applied, the time the database applied it
 * @param unknownApplied revisions (or changesets, as {@code file::id}) the database has applied that
 *                       the changelog does not declare: the database is ahead of this schema-lib
 * @param liquibaseLock  who holds Liquibase's lock, when someone does
 * @param unfinishedTransfer a data transfer that took indexes and foreign keys down and has not put
 *                       them back yet, when there is one
 */
public record SchemaStatus(List<Revision> revisions, List<String> unknownApplied, Optional<LockHolder> liquibaseLock,
                           Optional<UnfinishedTransfer> unfinishedTransfer) {

    public SchemaStatus {
        revisions = List.copyOf(revisions);
        unknownApplied = List.copyOf(unknownApplied);
    }

    /** The newest applied revision, or empty when the database is at base. */
    public Optional<String> current() {
        return revisions.stream().filter(Revision::current).map(Revision::id).findFirst();
    }

    /** The newest applied revision, or {@value SchemaMigrations#BASE}. */
    public String currentOrBase() {
        return current().orElse(SchemaMigrations.BASE);
    }

    /** The revisions the database has applied, oldest first. */
    public List<Revision> applied() {
        return revisions.stream().filter(Revision::applied).toList();
    }

    /** The ids of the revisions the changelog declares and the database has not applied, oldest first. */
    public List<String> pending() {
        return revisions.stream().filter(r -> !r.applied()).map(Revision::id).toList();
    }

    /** The ids of every declared revision, oldest first. */
    public List<String> declared() {
        return revisions.stream().map(Revision::id).toList();
    }

    /** Refuses {@code command} while a data transfer is unfinished. */
    void refuseOverUnfinishedTransfer(String command) {
        if (unfinishedTransfer.isPresent()) {
            throw new UnfinishedTransfer.Refused(command, unfinishedTransfer.get());
        }
    }

    /** Exactly at the newest revision: nothing pending, nothing unknown. */
    public boolean isCurrent() {
        return pending().isEmpty() && unknownApplied.isEmpty();
    }
}
