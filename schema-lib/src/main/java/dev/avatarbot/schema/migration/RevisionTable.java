package dev.avatarbot.schema.migration;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.StringUtils;

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
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : StringUtils.rightPad(row[i], widths[i] + 2));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
