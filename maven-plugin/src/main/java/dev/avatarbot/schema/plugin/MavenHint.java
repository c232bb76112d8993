package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.UnfinishedTransfer;
import dev.avatarbot.schema.migration.LiquibaseLockHeldException;
import dev.avatarbot.schema.migration.LockTimeoutException;
import dev.avatarbot.schema.migration.RevisionNotAppliedException;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;
import dev.avatarbot.schema.migration.UnknownRevisionException;

/**
 * The Maven step that fixes a mistake the library reports in its own terms: the library says what
 * is wrong, the build adds which goal to run.
 */
final class MavenHint {

    /** What ends an unfinished data transfer. */
    static final String RERUN_MIGRATE_DATA = "Run mvn schema:migrate-data again to finish it.";

    private MavenHint() {
    }

    /** The library's message, followed by the goal that fixes it when there is one. */
    static String withHint(SchemaException.UserError e) {
        String hint = hint(e);
        return hint == null ? e.getMessage() : e.getMessage() + " " + hint;
    }

    private static String hint(SchemaException.UserError e) {
        if (e instanceof SchemaNotCurrentException notCurrent) {
            return notCurrent.behind() ? "Run mvn schema:upgrade first." : null;
        }
        if (e instanceof LiquibaseLockHeldException) {
            return "If no other tool is migrating this database, run schema:release-locks.";
        }
        if (e instanceof LockTimeoutException) {
            return "End that session or wait for it, then run the goal again (-Dschema.lockTimeout and"
                    + " -Dschema.lockRetries wait longer).";
        }
        if (e instanceof UnknownRevisionException) {
            return "schema:show lists them.";
        }
        if (e instanceof UnfinishedTransfer.Refused) {
            return RERUN_MIGRATE_DATA;
        }
        if (e instanceof RevisionNotAppliedException) {
            return "Use schema:upgrade to move forward.";
        }
        return null;
    }
}
