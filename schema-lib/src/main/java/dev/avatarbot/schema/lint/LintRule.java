package dev.avatarbot.schema.lint;

import java.util.Arrays;
import java.util.Optional;

/** What schema:lint looks for: each rule's id, the lock the statement takes, and the safe recipe. */
public enum LintRule {

    INDEX_NOT_CONCURRENT("index-not-concurrent", "SHARE (blocks writes while the index builds)",
            "CREATE INDEX CONCURRENTLY in a changeset of its own with runInTransaction=\"false\""),
    CONSTRAINT_NOT_VALID("constraint-not-valid", "SHARE ROW EXCLUSIVE / ACCESS EXCLUSIVE while every row is checked",
            "ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a separate changeset"),
    SET_NOT_NULL("set-not-null", "ACCESS EXCLUSIVE while every row is checked",
            "ADD CONSTRAINT <name> CHECK (<column> IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it, then SET NOT NULL"
                    + " (PostgreSQL uses the validated check and skips the scan) and drop the check"),
    COLUMN_TYPE_REWRITE("column-type-rewrite", "ACCESS EXCLUSIVE while the table is rewritten",
            "add a column of the new type, backfill it in batches, switch readers and writers, drop the old one"),
    VOLATILE_DEFAULT("volatile-default", "ACCESS EXCLUSIVE while the table is rewritten",
            "ADD COLUMN without the default (or with a constant one), SET DEFAULT for new rows, backfill in batches"),
    UNIQUE_NOT_USING_INDEX("unique-not-using-index", "ACCESS EXCLUSIVE while the unique index builds",
            "CREATE UNIQUE INDEX CONCURRENTLY (runInTransaction=\"false\"), then ADD CONSTRAINT ... UNIQUE"
                    + " (or PRIMARY KEY) USING INDEX"),
    MAPPER_USES_DROPPED("mapper-uses-dropped", "ACCESS EXCLUSIVE; the running service's statement then fails",
            "expand and contract: release mappers that no longer use it first, drop or rename in a later revision"),
    UNBATCHED_DML("unbatched-dml", "ROW EXCLUSIVE, and every touched row locked until the statement's transaction"
            + " commits (an autocommitted statement is one transaction too)",
            "update or delete in batches (e.g. 10000 keys at a time), each committed on its own: a changeset with"
                    + " runInTransaction=\"false\", one statement per batch, with -- lint:allow unbatched-dml"
                    + " <each statement is one bounded batch> and -- lint:allow non-transactional-multi-statement <why>"),
    NON_TRANSACTIONAL_MULTI_STATEMENT("non-transactional-multi-statement",
            "none of its own; a failure part-way leaves the statements before it committed",
            "one statement per runInTransaction=\"false\" changeset (a SET lock_timeout aside); a batched backfill"
                    + " whose batches commit one by one is the exception: -- lint:allow non-transactional-multi-statement"
                    + " <why running its batches again is safe>"),
    NO_LOCK_TIMEOUT("no-lock-timeout", "whatever the statement takes, waited for without limit",
            "SET lock_timeout = '5s' first in the changeset, or apply it with schema:upgrade, whose guard sets it"),
    /** Not a rule about SQL: a {@code lint:allow} that names no rule id, an unknown one, or gives no reason. */
    INVALID_ALLOW("invalid-allow", "none", "-- lint:allow <rule-id> <why it is safe here>");

    private final String id;
    private final String lock;
    private final String recipe;

    LintRule(String id, String lock, String recipe) {
        this.id = id;
        this.lock = lock;
        this.recipe = recipe;
    }

    public String id() {
        return id;
    }

    public String lock() {
        return lock;
    }

    public String recipe() {
        return recipe;
    }

    /** The ids of the rules a changeset may allow, comma-separated. */
    public static String allowableIds() {
        return String.join(", ", Arrays.stream(values()).filter(r -> r != INVALID_ALLOW).map(LintRule::id).toList());
    }

    /** The rule with this id; {@link #INVALID_ALLOW} cannot be allowed and is not found. */
    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r != INVALID_ALLOW && r.id.equals(id)).findFirst();
    }
}
