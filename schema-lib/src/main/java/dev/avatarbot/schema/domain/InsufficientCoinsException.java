package dev.avatarbot.schema.domain;

/** A debit that would take a balance below zero; nothing was changed. */
public class InsufficientCoinsException extends RuntimeException {

    private final long userId;
    private final long requested;

    public InsufficientCoinsException(long userId, long requested, Long available) {
        super(available == null
                ? "User " + userId + " has no balance, so " + requested + " coins cannot be debited."
                : "User " + userId + " has " + available + " coins, fewer than the " + requested + " to debit.");
        this.userId = userId;
        this.requested = requested;
    }

    public long userId() {
        return userId;
    }

    public long requested() {
        return requested;
    }
}
