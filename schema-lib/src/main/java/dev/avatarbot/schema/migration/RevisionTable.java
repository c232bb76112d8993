package dev.avatarbot.schema.migration;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.core.TextTable;

/** The revisions as a plain-text table for logs: marker, id, state, applied at, message. */
public final class RevisionTable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private RevisionTable() {
    }

    public static List<String> format(List<Revision> revisions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "revision", "state", "applied at", "message"});
        for (Revision revision : revisions) {
            rows.add(new String[] {
                    revision.current() ? "->" : "",
                    revision.id(),
                    revision.applied() ? "applied" : "pending",
                    revision.applied() ? WHEN.format(revision.appliedAt()) : "",
                    revision.message()});
        }
        return TextTable.align(rows);
    }
}
