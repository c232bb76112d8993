package dev.avatarbot.schema.mapper;

import dev.avatarbot.schema.domain.UserBalance;

/**
 * {@link UserBalanceMapper} whose default methods ({@code credit}, {@code debit}) run as plain Java,
 * their statements going to MyBatis' proxy. MyBatis runs a default method of its proxy through a
 * {@code MethodHandle} bound and adapted anew on every call, which cost a credit about a quarter of its
 * client CPU (a JFR profile of the mapper benchmark); {@link SchemaSessions#mapper} hands this out instead.
 */
final class DirectUserBalanceMapper implements UserBalanceMapper {

    private final UserBalanceMapper statements;

    DirectUserBalanceMapper(UserBalanceMapper statements) {
        this.statements = statements;
    }

    @Override
    public void insert(UserBalance balance) {
        statements.insert(balance);
    }

    @Override
    public UserBalance findById(long id) {
        return statements.findById(id);
    }

    @Override
    public UserBalance findByUserId(long userId) {
        return statements.findByUserId(userId);
    }

    @Override
    public int deleteById(long id) {
        return statements.deleteById(id);
    }

    @Override
    public int openIfMissing(long userId, long coins) {
        return statements.openIfMissing(userId, coins);
    }

    @Override
    public int addOrCreate(long userId, long amount) {
        return statements.addOrCreate(userId, amount);
    }

    @Override
    public void debitOrReadBalance(DebitAttempt attempt) {
        statements.debitOrReadBalance(attempt);
    }

    @Override
    public String toString() {
        return "UserBalanceMapper over " + statements;
    }
}
