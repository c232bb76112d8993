package dev.avatarbot.schema.boot;

import java.util.List;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.UnfinishedTransfer;
import dev.avatarbot.schema.migration.LockTimeoutException;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;
import dev.avatarbot.schema.migration.SchemaStatus;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused schema at startup into Boot's "APPLICATION FAILED TO START" report: what the
 * database holds, and what to do, with no stack trace (as Boot reports a port already in use).
 */
class SchemaFailureAnalyzer extends AbstractFailureAnalyzer<SchemaException.UserError> {

    static final String UPGRADE_ACTION = "Run mvn schema:upgrade against this database, or set"
            + " avatardb.schema.mode=upgrade to upgrade it as the service starts.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaException.UserError cause) {
        if (cause instanceof SchemaNotCurrentException notCurrent) {
            return notCurrent(notCurrent);
        }
        if (cause instanceof UnfinishedTransfer.Refused refused) {
            return new FailureAnalysis("The database's schema cannot be used yet: " + refused.transfer().describe() + ".",
                    "Run mvn schema:migrate-data again to finish the transfer, then start the service.", cause);
        }
        if (cause instanceof LockTimeoutException) {
            return new FailureAnalysis("The schema upgrade at startup did not get its locks: " + cause.getMessage(),
                    "Start the service again when the blocking session has finished, or raise"
                            + " avatardb.schema.lock-timeout or avatardb.schema.lock-retries.", cause);
        }
        return new FailureAnalysis("The database's schema was refused: " + cause.getMessage(),
                "Correct what the description names, then start the service again.", cause);
    }

    private static FailureAnalysis notCurrent(SchemaNotCurrentException cause) {
        SchemaStatus status = cause.status();
        List<String> declared = status.declared();
        String newest = declared.isEmpty() ? "base" : declared.get(declared.size() - 1);
        String at = "The database is at " + status.current().map(r -> "revision " + r).orElse("base (no revision applied)")
                + "; the newest revision of this service's schema-lib is " + newest + ".";
        if (!status.unknownApplied().isEmpty()) {
            return new FailureAnalysis(at + " The database has applied revisions this schema-lib does not know ("
                    + String.join(", ", status.unknownApplied()) + "): it is ahead of this service.",
                    "Deploy the service with the schema-lib version that made those revisions, or downgrade"
                            + " the database with that version (mvn schema:downgrade).", cause);
        }
        return new FailureAnalysis(at + " " + status.pending().size() + " revision(s) pending: "
                + String.join(", ", status.pending()) + ".", UPGRADE_ACTION, cause);
    }
}
