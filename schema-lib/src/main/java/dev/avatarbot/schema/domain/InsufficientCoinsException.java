package dev.avatarbot.schema.domain;

/**
 * A debit that would take a balance below zero; nothing was changed.
 *
 * <p>A refused debit is a normal outcome of the business (a user short of coins), not a fault, so the
 * exception carries no stack trace: filling one in through MyBatis' mapper proxy would cost the
 * refused path more than the database does. The message and the fields say all there is.
 */
public class InsufficientCoinsException extends RuntimeException {

    private final long userId;
    private final long requested;
    private final Long available;

    public InsufficientCoinsException(long userId, long requested, Long available) {
        super(available == null
                ? "User " + userId + " has no balance, so " + requested + " coins cannot be debited."
                : "User " + userId + " has " + available + " coins, fewer than the " + requested + " to debit.",
                null, true, false);
        this.userId = userId;
        this.requested = requested;
        this.available = available;
    }

    public long userId() {
        return userId;
    }

    public long requested() {
        return requested;
    }

    /** The balance that refused the debit; null when the user has no balance. */
    public Long available() {
        return available;
    }
}
