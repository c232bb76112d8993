package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.core.Secrets;

/**
 * A URL parameter that may carry a password ({@code schema.url}): Maven builds it from the text
 * through this constructor, and its {@code -X} parameter dump prints {@link #toString()}, the URL
 * with its password masked.
 */
public final class MaskedUrl {

    private final String value;

    /** The text as given; Maven's configurator calls this (there is deliberately no other constructor). */
    public MaskedUrl(String value) {
        this.value = value;
    }

    static String valueOf(MaskedUrl url) {
        return url == null ? null : url.value;
    }

    @Override
    public String toString() {
        return Secrets.mask(value);
    }
}
