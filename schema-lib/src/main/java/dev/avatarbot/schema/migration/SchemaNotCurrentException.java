package dev.avatarbot.schema.migration;

import dev.avatarbot.schema.core.SchemaException;

/** The database is behind or ahead of the revisions this schema-lib carries. */
public class SchemaNotCurrentException extends SchemaException.UserError {

    private final transient SchemaStatus status;

    public SchemaNotCurrentException(SchemaStatus status) {
        this(describe(status), status);
    }

    /** The same finding in other words, e.g. with what the caller was about to do. */
    public SchemaNotCurrentException(String message, SchemaStatus status) {
        super(message);
        this.status = status;
    }

    public SchemaStatus status() {
        return status;
    }

    /** Behind and not ahead: upgrading it with this schema-lib fixes it. */
    public boolean behind() {
        return status.unknownApplied().isEmpty() && !status.pending().isEmpty();
    }

    private static String describe(SchemaStatus status) {
        if (!status.unknownApplied().isEmpty()) {
            return "The database has revisions this schema-lib does not know ("
                    + String.join(", ", status.unknownApplied()) + "): it is ahead of this schema-lib."
                    + " Use the schema-lib version that made them, or downgrade the database with that version.";
        }
        String at = status.current().map(r -> "revision " + r).orElse("base (no revision applied)");
        return "The database is at " + at + " and behind this schema-lib: " + status.pending().size()
                + " pending revision(s) " + String.join(", ", status.pending()) + ". Upgrade it before use.";
    }
}
