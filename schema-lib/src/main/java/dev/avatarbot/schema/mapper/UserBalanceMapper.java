package dev.avatarbot.schema.mapper;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.domain.InsufficientCoinsException;
import dev.avatarbot.schema.domain.UserBalance;
import org.apache.ibatis.annotations.Param;

/** Table {@code user_balances}: coins, changed only by single atomic statements. */
public interface UserBalanceMapper {

    void insert(UserBalance balance);

    UserBalance findById(long id);

    UserBalance findByUserId(long userId);

    int deleteById(long id);

    /**
     * Opens the user's balance with {@code coins} unless the user already has one; returns 1 when it
     * opened it, 0 when there was one. One statement: a welcome bonus is given once, however many
     * updates race.
     */
    int openIfMissing(@Param("userId") long userId, @Param("coins") long coins);

    /** Adds coins in one statement, creating the balance when the user has none yet. */
    default void credit(long userId, long amount) {
        requirePositive(amount);
        addOrCreate(userId, amount);
    }

    /**
     * Takes coins in one statement that only succeeds when enough are there, so concurrent debits
     * never lose an update nor overdraw. One round trip either way: the statement that debits also
     * reads the balance that refused it. It is an update to MyBatis, so a session's {@code commit()}
     * commits it and {@code rollback()} undoes it.
     *
     * @throws InsufficientCoinsException when the balance is smaller than {@code amount} (or absent);
     *         nothing was changed then
     */
    default void debit(long userId, long amount) {
        requirePositive(amount);
        for (int run = 1; ; run++) {
            DebitAttempt attempt = new DebitAttempt(userId, amount);
            debitOrReadBalance(attempt);
            if (!attempt.answered()) {
                throw new SchemaException.UserError("UserBalanceMapper.debit debited nothing: the MyBatis configuration"
                        + " lacks schema-lib's ReturnedRowPlugin, which reads the debit's answer (build the"
                        + " configuration with SchemaSessions, or call SchemaSessions.customize on it)");
            }
            if (attempt.debited()) {
                return;
            }
            Long coins = attempt.coins();
            // Refused although the balance it read covers the amount: under READ COMMITTED another
            // transaction changed the row between the statement's snapshot (which the balance comes
            // from) and its update (which saw the newer row). Nothing was written: run it again on a
            // fresh snapshot, at most three times.
            if (coins == null || coins < amount || run == 3) {
                throw new InsufficientCoinsException(userId, amount, coins);
            }
        }
    }

    /** Adds {@code amount}, creating the balance row when missing; {@link #credit} checks the amount. */
    int addOrCreate(@Param("userId") long userId, @Param("amount") long amount);

    /**
     * {@link #debit}'s statement: subtracts when the balance covers the amount and answers, in the
     * attempt, whether it did and the balance after it, or the balance that refused it.
     */
    void debitOrReadBalance(DebitAttempt attempt);

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("Coin amount must be positive, was " + amount);
        }
    }
}
