package dev.avatarbot.schema.core;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.StringUtils;

/** Rows of text as aligned lines for a log: every column but the last padded to its widest cell. */
public final class TextTable {

    private TextTable() {
    }

    public static List<String> align(List<String[]> rows) {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
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
