package dev.avatarbot.schema.migration;

import dev.avatarbot.schema.core.SchemaException;

/** A downgrade "forward": the target revision is not applied, so there is nothing to roll back to. */
public class RevisionNotAppliedException extends SchemaException.UserError {

    public RevisionNotAppliedException(String revision, String current) {
        super("Revision '" + revision + "' is not applied (the database is at "
                + (current == null ? "base" : "'" + current + "'")
                + "), so there is nothing to roll back to it; upgrade to move forward.");
    }
}
