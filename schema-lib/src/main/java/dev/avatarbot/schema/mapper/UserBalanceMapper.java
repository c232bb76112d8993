package dev.avatarbot.schema.mapper;

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
     * never lose an update nor overdraw.
     *
     * @throws InsufficientCoinsException when the balance is smaller than {@code amount} (or absent)
     */
    default void debit(long userId, long amount) {
        requirePositive(amount);
        if (subtractIfCovered(userId, amount) == 0) {
            UserBalance balance = findByUserId(userId);
            throw new InsufficientCoinsException(userId, amount, balance == null ? null : balance.getCoins());
        }
    }

    /** Adds {@code amount}, creating the balance row when missing; {@link #credit} checks the amount. */
    int addOrCreate(@Param("userId") long userId, @Param("amount") long amount);

    /** Subtracts when the balance covers it; returns 1 when done, 0 when refused. */
    int subtractIfCovered(@Param("userId") long userId, @Param("amount") long amount);

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("Coin amount must be positive, was " + amount);
        }
    }
}
