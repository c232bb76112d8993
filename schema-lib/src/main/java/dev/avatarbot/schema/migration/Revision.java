package dev.avatarbot.schema.migration;

import java.time.OffsetDateTime;

/**
 * One revision of the schema as the changelog describes it and the database knows it.
 *
 * @param id        the revision id, {@code <yyyyMMdd>_<slug>}, also the Liquibase tag it ends with
 * @param message   what the revision does, as its author wrote it
 * @param appliedAt when the database applied the revision's tag, or {@code null} while pending
 * @param current   whether this is the newest applied revision
 */
public record Revision(String id, String message, OffsetDateTime appliedAt, boolean current) {

    public boolean applied() {
        return appliedAt != null;
    }
}
