package dev.avatarbot.schema.core;

import java.util.regex.Pattern;

/**
 * The one rule for what of a text may be printed: every password in it becomes {@code ****}. It
 * masks a URL's {@code password=} parameter, a URL's user info ({@code //user:secret@host}, the
 * secret up to the last {@code @} of the URL, so a password holding {@code /}, {@code :} or
 * {@code @} is masked whole), the value of a {@code KEY=value} or {@code KEY value} line whose key
 * names a password ({@code DB_PASSWORD}), and SQL's {@code PASSWORD 'literal'}. Masking a text that
 * holds no secret changes nothing; a text that may hold one goes through {@link #mask} before it is
 * printed or put in an exception's message.
 */
public final class Secrets {

    /** What every secret is printed as. */
    public static final String MASK = "****";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s'\"]*");
    /** {@code //user:secret@}: the user has no {@code /} or {@code :}; the secret runs to the URL's last {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:\\s'\"]*:)[^\\s'\"]*@");
    /** A line {@code DB_PASSWORD=x}, {@code DB_PASSWORD x} or {@code export DB_PASSWORD: x}: the rest of the line. */
    private static final Pattern PASSWORD_KEY = Pattern.compile(
            "(?im)^(\\s*(?:export\\s+)?[A-Za-z0-9_.-]*password[A-Za-z0-9_.-]*)(\\s*[=:]\\s*|\\s+)\\S.*$");
    /** SQL's {@code PASSWORD 'literal'} (CREATE ROLE, ALTER USER). */
    private static final Pattern PASSWORD_LITERAL = Pattern.compile("(?i)(\\bpassword\\s+)'(?:[^']|'')*'");

    private Secrets() {
    }

    /** {@code text} with every password it holds replaced by {@link #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = PASSWORD_KEY.matcher(text).replaceAll("$1$2" + MASK);
        masked = PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        masked = PASSWORD_LITERAL.matcher(masked).replaceAll("$1'" + MASK + "'");
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
