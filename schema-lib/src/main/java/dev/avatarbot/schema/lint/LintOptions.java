package dev.avatarbot.schema.lint;

import java.util.Objects;

/**
 * How schema:lint judges: the tables' sizes ({@link TableStats#none()} when unknown: every finding
 * is then an error), the row count below which a finding is only a warning, and whether the
 * changesets run under the upgrade's guard (a lock_timeout set for them), which makes the
 * {@code no-lock-timeout} rule moot.
 */
public record LintOptions(TableStats stats, long smallTable, boolean guarded) {

    public static final long DEFAULT_SMALL_TABLE = 10_000;

    public LintOptions {
        Objects.requireNonNull(stats, "stats");
    }

    public static LintOptions defaults() {
        return new LintOptions(TableStats.none(), DEFAULT_SMALL_TABLE, true);
    }
}
