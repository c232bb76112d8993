package dev.avatarbot.schema.migration;

import java.util.List;

import dev.avatarbot.schema.core.SchemaException;

/** A revision id that the changelog does not contain. */
public class UnknownRevisionException extends SchemaException.UserError {

    public UnknownRevisionException(String revision, List<String> known) {
        super("Unknown revision '" + revision + "'. Known revisions: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known))
                + " (and 'base', the empty schema, to roll back everything).");
    }
}
