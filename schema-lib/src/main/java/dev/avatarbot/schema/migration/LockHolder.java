package dev.avatarbot.schema.migration;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Who holds Liquibase's lock on a database, and since when. */
public record LockHolder(String lockedBy, OffsetDateTime since) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    /** "{@code <who> since <when>}", for messages. */
    public String describe() {
        return lockedBy + " since " + (since == null ? "an unknown time" : WHEN.format(since));
    }
}
