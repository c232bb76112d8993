package dev.avatarbot.schema.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.avatarbot.schema.catalog.Catalog;
import liquibase.changelog.ChangeSet;

/**
 * Everything in which a live database departs from what the revisions describe: pending or unknown
 * revisions, changesets edited after they were applied, and catalog drift. The expected catalog is
 * rebuilt in an empty scratch database at the live one's revision.
 */
final class DriftCheck {

    private DriftCheck() {
    }

    /** The differences; empty: none. {@code expected} works on the scratch database. */
    static List<String> run(SchemaMigrations live, SchemaMigrations expected) {
        List<String> differences = new ArrayList<>();
        Optional<String> current = live.inSession(session -> {
            StatusReader.Reading reading = StatusReader.read(session);
            SchemaStatus status = reading.status();
            status.unfinishedTransfer().ifPresent(t -> differences.add(t.describe()
                    + "; the differences it explains end when it does"));
            status.unknownApplied().forEach(r -> differences.add("revision " + r + " is applied but not in the changelog"));
            status.pending().forEach(r -> differences.add("revision " + r + " is pending"));
            ParsedChangelog changelog = session.changelog();
            for (ChangeSet changeSet : changelog.changeSets()) {
                if (reading.history().edited(changeSet)) {
                    differences.add("revision " + changelog.revisionOf(changeSet) + ": changeset " + changeSet.getId()
                            + " was edited after it was applied (its checksum changed)");
                }
            }
            return status.current();
        });
        current.ifPresent(expected::upgradeTo);
        differences.addAll(Catalog.read(live.dataSource()).differencesFrom(Catalog.read(expected.dataSource())));
        return differences;
    }
}
