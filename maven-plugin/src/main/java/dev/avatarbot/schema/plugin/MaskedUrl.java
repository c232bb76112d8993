package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.core.Secrets;

/**
 * A URL parameter that may carry a password ({@code schema.url}): Maven builds it from the text
 * through its String constructor, and its {@code -X} parameter dump prints {@link #toString()}, the URL
 * with its password masked.
 */
public final class MaskedUrl {

    private final String value;

    /**
     * None given: what Maven's configurator builds when the property is unset. With a value it finds
     * no {@code set} method here (which its {@code -X} dump would print with the raw text) and falls
     * back to {@link #MaskedUrl(String)}.
     */
    public MaskedUrl() {
        this(null);
    }

    /** The text as given. */
    public MaskedUrl(String value) {
        this.value = value;
    }

    static String valueOf(MaskedUrl url) {
        return url == null ? null : url.value;
    }

    @Override
    public String toString() {
        return String.valueOf(Secrets.mask(value));
    }
}
