package dev.avatarbot.schema.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at top-level semicolons, with comments removed; quotes,
 * dollar-quoted bodies (functions, DO blocks) and parentheses are kept whole.
 */
final class SqlStatements {

    private static final java.util.regex.Pattern SESSION_SETTING = java.util.regex.Pattern.compile(
            "^(?:SET|RESET)\\s|^SELECT\\s+set_config\\s*\\([^;]*\\)\\s*$", java.util.regex.Pattern.CASE_INSENSITIVE);

    private SqlStatements() {
    }

    /**
     * Whether {@code statement} only changes a setting of the session ({@code SET lock_timeout},
     * {@code RESET}, {@code SELECT set_config(...)}): nothing in the database, so running it twice is harmless.
     */
    static boolean setsSessionOnly(String statement) {
        return SESSION_SETTING.matcher(statement.strip()).find();
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < n && sql.charAt(end) != c) {
                    end++;
                }
                current.append(sql, i, Math.min(end + 1, n));
                i = end + 1;
                continue;
            }
            if (c == '$') {
                int tagEnd = sql.indexOf('$', i + 1);
                if (tagEnd > 0 && sql.substring(i + 1, tagEnd).matches("\\w*")) {
                    String tag = sql.substring(i, tagEnd + 1);
                    int end = sql.indexOf(tag, tagEnd + 1);
                    end = end < 0 ? n : end + tag.length();
                    current.append(sql, i, end);
                    i = end;
                    continue;
                }
            }
            if (c == ';') {
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
            i++;
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().replaceAll("\\s+", " ").strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
