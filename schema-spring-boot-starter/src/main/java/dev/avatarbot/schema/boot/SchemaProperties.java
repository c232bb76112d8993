package dev.avatarbot.schema.boot;

import java.time.Duration;

import dev.avatarbot.schema.migration.MigrationGuard;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code avatardb.schema.*}: what the service does with its database's schema at startup.
 *
 * @param mode        What startup does with the schema: validate (refuse a database that is not at
 *                    this schema-lib's newest revision), upgrade (bring it there first) or none.
 * @param lockTimeout How long one changeset of an upgrade at startup waits for its locks before it
 *                    is rolled back and tried again (PostgreSQL's lock_timeout); 0 waits forever.
 * @param lockRetries How many more times a changeset that timed out is tried before the upgrade,
 *                    and so the startup, fails.
 */
@ConfigurationProperties("avatardb.schema")
public record SchemaProperties(@DefaultValue("validate") Mode mode, @DefaultValue("5s") Duration lockTimeout,
                               @DefaultValue("3") int lockRetries) {

    /** What startup does with the schema. */
    public enum Mode {
        /** Refuse to start unless the database is exactly at this schema-lib's newest revision. */
        VALIDATE,
        /** Apply the pending revisions under the guard, then check as {@link #VALIDATE} does. */
        UPGRADE,
        /** Leave the schema alone. */
        NONE
    }

    /** The guard an upgrade at startup runs under. */
    public MigrationGuard guard() {
        return new MigrationGuard(lockTimeout, lockRetries, null);
    }
}
