package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.core.Secrets;

/**
 * A password parameter ({@code schema.password}): Maven builds it from the text through this
 * constructor, and its {@code -X} parameter dump prints {@link #toString()}, which is masked.
 */
public final class Password {

    private final String value;

    /** The text as given; Maven's configurator calls this (there is deliberately no other constructor). */
    public Password(String value) {
        this.value = value;
    }

    static String valueOf(Password password) {
        return password == null ? null : password.value;
    }

    @Override
    public String toString() {
        return Secrets.MASK;
    }
}
