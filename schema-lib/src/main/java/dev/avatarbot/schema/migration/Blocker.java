package dev.avatarbot.schema.migration;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A backend that held up a changeset, as {@code pg_blocking_pids} and {@code pg_stat_activity}
 * show it: its pid, user, application name, state, since when (its transaction's start, else its
 * query's), and the first 80 characters of its query.
 */
public record Blocker(int pid, String user, String applicationName, String state, OffsetDateTime since,
                      String query) {

    static final int QUERY_CHARACTERS = 80;

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    /** One line: {@code pid 4242 (user app, application_name 'psql', idle in transaction since …): LOCK TABLE …}. */
    public String describe() {
        String oneLine = query == null ? "" : query.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > QUERY_CHARACTERS) {
            oneLine = oneLine.substring(0, QUERY_CHARACTERS);
        }
        return "pid " + pid + " (user " + user + ", application_name '" + (applicationName == null ? "" : applicationName)
                + "', " + (state == null ? "state unknown" : state)
                + (since == null ? "" : " since " + SINCE.format(since)) + "): " + oneLine;
    }
}
