package dev.avatarbot.schema.migration;

import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.avatarbot.schema.core.SchemaException;

/**
 * How an upgrade or a downgrade keeps a production table usable while it changes it: each changeset
 * waits at most {@code lockTimeout} for its locks (PostgreSQL's {@code lock_timeout}), so queries
 * never queue behind it for longer; a changeset that timed out is rolled back and tried again up to
 * {@code lockRetries} more times, with a growing pause in between; {@code statementTimeout}, when
 * set, bounds every statement of the migration session.
 *
 * @param lockTimeout      how long one changeset may wait for a lock; zero waits forever
 * @param lockRetries      how many times a changeset that timed out is tried again
 * @param statementTimeout how long one statement may run; {@code null} or zero: no limit
 * @param showBlockerQuery whether a failure names the blocking session's query text, which can hold a
 *                         secret (a password in an {@code ALTER ROLE}, a token in a literal): off by default
 */
public record MigrationGuard(Duration lockTimeout, int lockRetries, Duration statementTimeout,
                             boolean showBlockerQuery) {

    /** 5s per lock, three retries, no statement limit, no query text. */
    public static final MigrationGuard DEFAULT = new MigrationGuard(Duration.ofSeconds(5), 3, null);

    /** The first pause between two attempts; each further pause doubles, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** PostgreSQL's largest lock_timeout and statement_timeout: an int of milliseconds. */
    static final long MAX_TIMEOUT_MILLIS = Integer.MAX_VALUE;

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h|d)?");

    public MigrationGuard {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative() || (statementTimeout != null && statementTimeout.isNegative())) {
            throw new SchemaException.UserError("A timeout cannot be negative.");
        }
        if (lockRetries < 0) {
            throw new SchemaException.UserError("The number of lock retries cannot be negative, not " + lockRetries + ".");
        }
    }

    public MigrationGuard(Duration lockTimeout, int lockRetries, Duration statementTimeout) {
        this(lockTimeout, lockRetries, statementTimeout, false);
    }

    /** This guard, its failures naming the blocking session's query text or not. */
    public MigrationGuard withBlockerQuery(boolean show) {
        return new MigrationGuard(lockTimeout, lockRetries, statementTimeout, show);
    }

    /**
     * The longest a step waits for its locks in all its attempts, pauses included: every attempt's
     * lock timeout and the backoff before each retry. Zero when the lock timeout is zero (no limit).
     */
    public Duration budget() {
        if (lockTimeout.isZero()) {
            return Duration.ZERO;
        }
        Duration total = lockTimeout.multipliedBy(lockRetries + 1L);
        for (int attempt = 2; attempt <= lockRetries + 1; attempt++) {
            total = total.plus(backoffBefore(attempt));
        }
        return total;
    }

    /**
     * A guard from settings written like PostgreSQL's ({@code 500ms}, {@code 5s}, {@code 2min}; a
     * bare number is milliseconds); a blank statement timeout or {@code none} means no limit.
     *
     * @throws SchemaException.UserError naming the setting when a value is not a duration
     */
    public static MigrationGuard of(String lockTimeout, int lockRetries, String statementTimeout) {
        Duration statement = statementTimeout == null || statementTimeout.isBlank()
                || statementTimeout.strip().equalsIgnoreCase("none") ? null
                : duration("statement timeout", statementTimeout);
        return new MigrationGuard(duration("lock timeout", lockTimeout), lockRetries, statement);
    }

    /** A duration written like PostgreSQL's: {@code 500ms}, {@code 5s}, {@code 2min}, {@code 1h}, {@code 1d}; a bare number is ms. */
    public static Duration duration(String what, String text) {
        Matcher matcher = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new SchemaException.UserError("The " + what + " '" + text + "' is not a duration: write it like"
                    + " PostgreSQL does, e.g. 500ms, 5s or 2min (units ms, s, min, h, d).");
        }
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        ChronoUnit chronoUnit = switch (unit) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "min" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
        BigInteger millis = new BigInteger(matcher.group(1)).multiply(BigInteger.valueOf(chronoUnit.getDuration().toMillis()));
        if (millis.compareTo(BigInteger.valueOf(MAX_TIMEOUT_MILLIS)) > 0) {
            throw new SchemaException.UserError("The " + what + " '" + text + "' is too long: PostgreSQL takes at most "
                    + MAX_TIMEOUT_MILLIS + "ms (about 24 days).");
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /** The pause before attempt {@code attempt} (2 for the first retry). */
    public Duration backoffBefore(int attempt) {
        Duration pause = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 2, 16));
        return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
    }

    /** A duration as PostgreSQL's settings take it, and as our messages print it. */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "min";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
