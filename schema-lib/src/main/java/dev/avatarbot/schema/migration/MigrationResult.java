package dev.avatarbot.schema.migration;

import java.util.List;

/**
 * What an upgrade or downgrade did, read under the same lock as the change itself.
 *
 * @param from      the revision before, or {@code base}
 * @param to        the revision after, or {@code base}
 * @param revisions the revisions applied (upgrade) or rolled back (downgrade), in the order done
 */
public record MigrationResult(String from, String to, List<String> revisions) {

    public boolean changed() {
        return !revisions.isEmpty();
    }
}
