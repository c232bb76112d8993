package dev.avatarbot.schema.migration;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A backend that held up a changeset, as {@code pg_blocking_pids} (or {@code pg_locks}) and
 * {@code pg_stat_activity} show it: its pid, user, application name, state, since when (its
 * transaction's start, else its query's), and its query, of which a message shows the first 80
 * characters only when asked to ({@link MigrationGuard#showBlockerQuery()}): the text can hold a secret.
 */
public record Blocker(int pid, String user, String applicationName, String state, OffsetDateTime since,
                      String query) {

    static final int QUERY_CHARACTERS = 80;

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    /**
     * One line: {@code pid 4242 (user app, application_name 'psql', idle in transaction since …)}, then
     * with {@code withQuery} {@code : LOCK TABLE …}.
     */
    public String describe(boolean withQuery) {
        String session = "pid " + pid + " (user " + user + ", application_name '"
                + (applicationName == null ? "" : applicationName) + "', " + (state == null ? "state unknown" : state)
                + (since == null ? "" : " since " + SINCE.format(since)) + ")";
        if (!withQuery) {
            return session;
        }
        String oneLine = query == null ? "" : query.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > QUERY_CHARACTERS) {
            oneLine = oneLine.substring(0, QUERY_CHARACTERS);
        }
        return session + ": " + oneLine;
    }
}
