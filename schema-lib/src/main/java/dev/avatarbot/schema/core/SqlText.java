package dev.avatarbot.schema.core;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and values written into SQL text, the one place they are quoted: an identifier always
 * quoted, or bare where it can be (as the server's keywords allow), and a string literal.
 */
public final class SqlText {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

    private SqlText() {
    }

    /** {@code identifier} in double quotes ({@code "order"}, {@code "a""b"}): right for any name. */
    public static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code identifier} bare when it can be (lower case, not one of the server's reserved
     * {@code keywords}, as quote_ident decides), quoted otherwise: the form a person would write.
     */
    public static String name(String identifier, Set<String> keywords) {
        return PLAIN_NAME.matcher(identifier).matches() && !keywords.contains(identifier) ? identifier : quoted(identifier);
    }

    /** {@code text} as a string literal ({@code 'it''s'}). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
