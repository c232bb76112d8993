package dev.avatarbot.schema.migration;

import java.util.ArrayList;
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

    /** Applied revisions oldest first, then rolled-back ones newest first (the order they were done). */
    static MigrationResult between(SchemaStatus before, SchemaStatus after) {
        List<String> changed = new ArrayList<>();
        List<String> rolledBack = new ArrayList<>();
        for (int i = 0; i < before.revisions().size(); i++) {
            boolean wasApplied = before.revisions().get(i).applied();
            boolean isApplied = after.revisions().get(i).applied();
            if (!wasApplied && isApplied) {
                changed.add(before.revisions().get(i).id());
            } else if (wasApplied && !isApplied) {
                rolledBack.add(0, before.revisions().get(i).id());
            }
        }
        changed.addAll(rolledBack);
        return new MigrationResult(before.currentOrBase(), after.currentOrBase(), List.copyOf(changed));
    }
}
