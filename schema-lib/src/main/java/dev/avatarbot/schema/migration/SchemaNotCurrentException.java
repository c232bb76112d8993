package dev.avatarbot.schema.migration;

/** The database is behind or ahead of the revisions this schema-lib carries. */
public class SchemaNotCurrentException extends SchemaException.UserError {

    public SchemaNotCurrentException(String message) {
        super(message);
    }
}
