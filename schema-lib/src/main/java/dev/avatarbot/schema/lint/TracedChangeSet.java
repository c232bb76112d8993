package dev.avatarbot.schema.lint;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What applying one changeset on a scratch database really did: the table locks it held (from
 * {@code pg_locks}, e.g. {@code users -> [ACCESS EXCLUSIVE]}) and the tables it rewrote (their
 * relfilenode changed). {@code measured} is false for a statement that could be watched neither
 * inside a transaction nor as a concurrent build.
 */
public record TracedChangeSet(String revision, String changeSet, Map<String, Set<String>> locks,
                              Set<String> rewritten, boolean measured) {

    /** Lock modes, weakest first, as PostgreSQL's documentation names them. */
    static final List<String> MODES = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
            "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

    /** One line: {@code TRACE 20261125_x/01: ACCESS EXCLUSIVE on users; rewrote users}. */
    public String line() {
        StringBuilder line = new StringBuilder("TRACE " + revision + "/" + changeSet + ": ");
        if (!measured) {
            return line.append("not measured (the statement runs neither in a transaction nor concurrently).").toString();
        }
        if (locks.isEmpty()) {
            line.append("no table locks");
        } else {
            line.append(String.join(", ", locks.entrySet().stream()
                    .map(e -> strongest(e.getValue()) + " on " + e.getKey()).toList()));
        }
        line.append(rewritten.isEmpty() ? "; no table rewritten." : "; rewrote " + String.join(", ", rewritten) + ".");
        return line.toString();
    }

    /** The strongest mode held on {@code table}, or null when none was. */
    String strongestOn(String table) {
        Set<String> modes = locks.get(table);
        return modes == null || modes.isEmpty() ? null : strongest(modes);
    }

    static String strongest(Set<String> modes) {
        return modes.stream().max((a, b) -> Integer.compare(MODES.indexOf(a), MODES.indexOf(b))).orElse("");
    }
}
