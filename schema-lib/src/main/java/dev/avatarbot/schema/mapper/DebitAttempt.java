package dev.avatarbot.schema.mapper;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One run of {@link UserBalanceMapper#debitOrReadBalance}: the user and amount going in, and what the
 * statement answered: whether it debited, and the balance after the debit or, when refused, the
 * balance it found (none when the user has no balance).
 */
public final class DebitAttempt implements ReturnedRow {

    private final long userId;
    private final long amount;
    private boolean answerWillBeRead;
    private boolean answered;
    private boolean debited;
    private Long coins;

    public DebitAttempt(long userId, long amount) {
        this.userId = userId;
        this.amount = amount;
    }

    public long getUserId() {
        return userId;
    }

    public long getAmount() {
        return amount;
    }

    /** False until {@link ReturnedRowPlugin} takes the statement: the SQL debits nothing before. */
    public boolean isAnswerWillBeRead() {
        return answerWillBeRead;
    }

    @Override
    public void willBeRead() {
        answerWillBeRead = true;
    }

    /** Whether the statement ran and its answer was read (it is not without {@link ReturnedRowPlugin}). */
    public boolean answered() {
        return answered;
    }

    public boolean debited() {
        return debited;
    }

    /** The balance after the debit, or the one that refused it; null when the user has no balance. */
    public Long coins() {
        return coins;
    }

    /** At most one row, {@code (debited, coins)}; none when the user has no balance. */
    @Override
    public void read(ResultSet rows) throws SQLException {
        answered = true;
        if (rows.next()) {
            debited = rows.getBoolean(1);
            coins = rows.getLong(2);
        }
    }
}
