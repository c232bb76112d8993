package dev.avatarbot.schema.lint;

import java.util.Locale;

import dev.avatarbot.schema.core.SchemaException;

/** When lint findings fail the build: on errors, on warnings too, or never. */
public enum FailOn {
    ERROR, WARNING, NONE;

    public static FailOn of(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SchemaException.UserError("The lint's failOn must be error, warning or none, not '" + text + "'.");
        }
    }
}
