package dev.avatarbot.schema.migration;

import java.time.OffsetDateTime;

/** Who holds Liquibase's lock on a database, and since when. */
public record LockHolder(String lockedBy, OffsetDateTime since) {
}
