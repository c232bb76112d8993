package dev.avatarbot.schema.migration;

import java.util.List;

/**
 * A changeset as the changelog declares it, for tools that read the revisions without applying
 * them (schema:lint): where it belongs, whether it runs in a transaction, the SQL PostgreSQL would
 * be sent for it (Liquibase change types rendered, formatted SQL as written, split into statements),
 * and its text as written (comment and SQL, where {@code -- lint:allow} lines live).
 */
public record DeclaredChangeSet(String revision, String id, String author, boolean runInTransaction,
                                List<String> statements, String source) {

    /** Its statements that change the database: all but those that only set a session setting ({@code SET lock_timeout}). */
    public List<String> changingStatements() {
        return statements.stream().filter(s -> !SqlStatements.setsSessionOnly(s)).toList();
    }
}
