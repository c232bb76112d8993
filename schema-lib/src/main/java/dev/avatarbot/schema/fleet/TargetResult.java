package dev.avatarbot.schema.fleet;

/**
 * What happened to one target of a fleet.
 *
 * @param name    the target's name
 * @param from    its revision before ({@code base} for none); null when it was not reached
 * @param to      its revision after, or for a check the one an upgrade would bring it to; null when not reached
 * @param status  what happened
 * @param seconds how long its part took
 * @param error   why it failed or was unreachable, or a verify's differences; null otherwise
 * @param pending for a check, how many revisions are pending; null otherwise
 */
public record TargetResult(String name, String from, String to, Status status, double seconds, String error,
                           Integer pending) {

    public enum Status {
        /** An upgrade applied at least one revision. */
        UPGRADED,
        /** A downgrade rolled back at least one revision. */
        DOWNGRADED,
        /** Already where it was asked to be: untouched. */
        CURRENT,
        /** A check found revisions pending. */
        BEHIND,
        /** A verify found the live schema exactly as its revision describes it. */
        VERIFIED,
        /** A verify found the live schema departing from its revision (each difference in the error). */
        DRIFTED,
        /** The change failed (rolled back) or the target could not be reached. */
        FAILED,
        /** A check could not reach it or read its revisions. */
        UNREACHABLE,
        /** Not started, because a target before it failed. */
        SKIPPED;

        /** The word the report and its JSON use. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static TargetResult skipped(String name) {
        return new TargetResult(name, null, null, Status.SKIPPED, 0, null, null);
    }

    public boolean failed() {
        return status == Status.FAILED || status == Status.UNREACHABLE || status == Status.DRIFTED;
    }
}
