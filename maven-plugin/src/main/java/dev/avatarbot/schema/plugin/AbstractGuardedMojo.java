package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.migration.MigrationGuard;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that changes a live database (upgrade, downgrade, migrate-data): each changeset (each step
 * of a transfer that takes a table lock) waits at most {@code schema.lockTimeout} for its locks, is
 * rolled back and tried again up to {@code schema.lockRetries} more times, and every statement may
 * run {@code schema.statementTimeout}. A failure names the blocking session, its query text only
 * with {@code schema.blocker.showQuery}.
 */
public abstract class AbstractGuardedMojo extends AbstractMigrationsMojo {

    /**
     * How long each changeset may wait for a lock (PostgreSQL's lock_timeout), written like
     * PostgreSQL's durations: 500ms, 5s, 2min; 0 waits forever. Queries on the table queue behind a
     * waiting ALTER for no longer than this.
     */
    @Parameter(property = "schema.lockTimeout", defaultValue = "5s")
    private String lockTimeout;

    /** How many more times a changeset that timed out waiting for a lock is tried, after a growing pause. */
    @Parameter(property = "schema.lockRetries", defaultValue = "3")
    private int lockRetries;

    /** How long one statement of the migration may run (PostgreSQL's statement_timeout, e.g. 15min); none by default. */
    @Parameter(property = "schema.statementTimeout")
    private String statementTimeout;

    /**
     * Name the blocking session's query text in a lock timeout's message: off by default, because
     * that text can hold a secret (a password in an ALTER ROLE, a token in a literal).
     */
    @Parameter(property = "schema.blocker.showQuery", defaultValue = "false")
    private boolean showBlockerQuery;

    /** This goal's guard. */
    protected MigrationGuard guard() {
        return MigrationGuard.of(lockTimeout, lockRetries, statementTimeout).withBlockerQuery(showBlockerQuery);
    }

    /** {@code migrations} under this goal's guard. */
    protected SchemaMigrations guarded(SchemaMigrations migrations) {
        return migrations.withGuard(guard());
    }
}
