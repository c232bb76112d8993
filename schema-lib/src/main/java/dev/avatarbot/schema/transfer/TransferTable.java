package dev.avatarbot.schema.transfer;

/**
 * The five tables in transfer order (parents before children) and the rules a row must pass:
 * its parent must have arrived, its natural key must be free, and the table's own check.
 */
enum TransferTable {

    USERS("users", null, null, "telegram_id", null, null),
    USER_BALANCES("user_balances", "user_id", "users", "user_id", "{coins} < 0", "negative coins"),
    USER_STATES("user_states", "user_id", "users", "user_id", null, null),
    AVATARS("avatars", "user_id", "users", null, null, null),
    AVATAR_PHOTOS("avatar_photos", "avatar_id", "avatars", null, null, null);

    static final String PRIMARY_KEY = "id";

    final String table;
    /** The column that references the parent's {@code id}, or null for users. */
    final String parentColumn;
    final String parentTable;
    /** A unique column besides the primary key, or null. */
    final String uniqueColumn;
    /** A condition that rejects a row, {@code {column}} standing for the typed value, or null. */
    final String rejectCondition;
    final String rejectReason;

    TransferTable(String table, String parentColumn, String parentTable, String uniqueColumn,
                  String rejectCondition, String rejectReason) {
        this.table = table;
        this.parentColumn = parentColumn;
        this.parentTable = parentTable;
        this.uniqueColumn = uniqueColumn;
        this.rejectCondition = rejectCondition;
        this.rejectReason = rejectReason;
    }
}
