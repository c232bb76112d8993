package dev.avatarbot.schema.plugin;

import dev.avatarbot.schema.core.Secrets;

/**
 * A URL parameter that may carry a password ({@code schema.url}): {@link MaskedParameterConfigurator} builds it
 * from the text, and Maven's {@code -X} parameter dump prints its {@link #toString()}, which is masked.
 */
public final class MaskedUrl {

    private final String value;

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
