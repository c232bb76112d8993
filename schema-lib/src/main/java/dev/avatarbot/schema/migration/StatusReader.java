package dev.avatarbot.schema.migration;

import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.core.UnfinishedTransfer;
import liquibase.changelog.ChangeSet;

/**
 * Reads a database's {@link SchemaStatus}: the parsed changelog against the history table and
 * Liquibase's lock, all on the session's one connection.
 */
final class StatusReader {

    /** The status, and the history it was read from, for commands that need the rows themselves. */
    record Reading(SchemaStatus status, History history) {
    }

    private StatusReader() {
    }

    static Reading read(LiquibaseSession session) throws Exception {
        ParsedChangelog changelog = session.changelog();
        History history = History.read(session.connection());
        String current = null;
        for (ParsedChangelog.DeclaredRevision declared : changelog.revisions()) {
            if (history.of(declared.tagChangeSet()) != null) {
                current = declared.id();
            }
        }
        List<Revision> revisions = new ArrayList<>();
        for (ParsedChangelog.DeclaredRevision declared : changelog.revisions()) {
            History.Applied tag = history.of(declared.tagChangeSet());
            revisions.add(new Revision(declared.id(), declared.message(), tag == null ? null : tag.executedAt(),
                    declared.id().equals(current)));
        }
        List<ChangeSet> changeSets = changelog.changeSets();
        List<String> unknown = history.changeSets().stream()
                .filter(a -> changeSets.stream().noneMatch(a::is))
                .map(a -> a.tag() != null ? a.tag() : a.filename() + "::" + a.id())
                .distinct().toList();
        return new Reading(new SchemaStatus(revisions, unknown, LiquibaseLock.holder(session.connection()),
                UnfinishedTransfer.read(session.connection())), history);
    }
}
