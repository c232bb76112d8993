package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.core.Secrets;

/**
 * A password parameter ({@code schema.password}): {@link MaskedParameterConfigurator} builds it
 * from the text, and Maven's {@code -X} parameter dump prints its {@link #toString()}, which is masked.
 */
public final class Password {

    private final String value;

    /** The text as given. */
    public Password(String value) {
        this.value = value;
    }

    static String valueOf(Password password) {
        return password == null ? null : password.value;
    }

    @Override
    public String toString() {
        return value == null ? "null" : Secrets.MASK;
    }
}
