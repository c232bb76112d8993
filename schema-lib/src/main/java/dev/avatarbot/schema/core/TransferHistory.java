package dev.avatarbot.schema.core;

/**
 * The table in which each finished data transfer records when it finished: a rerun leaves alone
 * the rows the target's service changed since. It belongs to the tool, like Liquibase's own
 * tables, so catalog comparisons, documentation and diffs leave it out ({@link #NOT_TOOLING}).
 */
public final class TransferHistory {

    public static final String TABLE = "avatar_db_transfer_history";

    /** A SQL condition on a table name: not one of the tools' own tables (Liquibase's, this one). */
    public static final String NOT_TOOLING = "NOT IN ('databasechangelog', 'databasechangeloglock', '" + TABLE + "')";

    private TransferHistory() {
    }
}
