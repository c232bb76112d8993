package dev.avatarbot.schema.migration;

import dev.avatarbot.schema.core.SchemaException;

/**
 * Liquibase's lock is held while no schema change of ours runs: most likely an upgrade was killed
 * and left it. {@link SchemaMigrations#releaseLock()} frees it.
 */
public class LiquibaseLockHeldException extends SchemaException.UserError {

    private final transient LockHolder holder;

    public LiquibaseLockHeldException(LockHolder holder) {
        super("Liquibase's lock on this database is held by " + holder.describe()
                + ", most likely by an upgrade that was killed.");
        this.holder = holder;
    }

    public LockHolder holder() {
        return holder;
    }
}
