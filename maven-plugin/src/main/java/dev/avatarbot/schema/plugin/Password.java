package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.core.Secrets;

/**
 * A password parameter ({@code schema.password}): Maven builds it from the text through its
 * String constructor, and its {@code -X} parameter dump prints {@link #toString()}, which is masked.
 */
public final class Password {

    private final String value;

    /**
     * None given: what Maven's configurator builds when the property is unset. With a value it finds
     * no {@code set} method here (which its {@code -X} dump would print with the raw text) and falls
     * back to {@link #Password(String)}.
     */
    public Password() {
        this(null);
    }

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
