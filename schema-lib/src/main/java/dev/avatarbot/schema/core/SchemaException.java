package dev.avatarbot.schema.core;

/**
 * A schema operation could not be done. Subclasses are mistakes a user can fix (the message
 * says how); this class itself, when thrown directly, is a fault of the database or the engine.
 */
public class SchemaException extends RuntimeException {

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A mistake in what the caller asked for or in the state of the database, fixable by the user. */
    public static class UserError extends SchemaException {
        public UserError(String message) {
            super(message);
        }

        public UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
