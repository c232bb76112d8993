package dev.avatarbot.schema.mapper;

import static dev.avatarbot.schema.mapper.MapperTestSupport.insertUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.avatarbot.schema.domain.InsufficientCoinsException;
import dev.avatarbot.schema.domain.UserBalance;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class UserBalanceMapperTest {

    private static SqlSessionFactory sessions;

    @BeforeAll
    static void migrate(DataSource dataSource) {
        sessions = MapperTestSupport.migratedSessions(dataSource);
    }

    private static long newUserId() {
        try (SqlSession session = sessions.openSession(true)) {
            return insertUser(session, "Payer").getId();
        }
    }

    @Test
    void creditCreatesTheBalanceThenAddsToIt() {
        long userId = newUserId();
        try (SqlSession session = sessions.openSession(true)) {
            UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
            balances.credit(userId, 100);
            balances.credit(userId, 25);
            assertThat(balances.findByUserId(userId).getCoins()).isEqualTo(125);
        }
    }

    @Test
    void openIfMissingGivesTheStartingCoinsOnce() {
        long userId = newUserId();
        try (SqlSession session = sessions.openSession(true)) {
            UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
            assertThat(balances.openIfMissing(userId, 100)).isEqualTo(1);
            assertThat(balances.openIfMissing(userId, 100)).isZero();
            assertThat(balances.findByUserId(userId).getCoins()).isEqualTo(100);
        }
    }

    @Test
    void insertAndFindByIdRoundTrip() {
        long userId = newUserId();
        try (SqlSession session = sessions.openSession(true)) {
            UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
            UserBalance balance = new UserBalance();
            balance.setUserId(userId);
            balance.setCoins(7);
            balances.insert(balance);
            assertThat(balances.findById(balance.getId())).usingRecursiveComparison().isEqualTo(balance);
            assertThat(balances.deleteById(balance.getId())).isEqualTo(1);
            assertThat(balances.findByUserId(userId)).isNull();
        }
    }

    @Test
    void debitThatWouldGoNegativeIsRefusedAndChangesNothing() {
        long userId = newUserId();
        try (SqlSession session = sessions.openSession(true)) {
            UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
            balances.credit(userId, 10);
            assertThatThrownBy(() -> balances.debit(userId, 11))
                    .isInstanceOf(InsufficientCoinsException.class)
                    .hasMessageContaining("has 10 coins").hasMessageContaining("11");
            balances.debit(userId, 10);
            assertThat(balances.findByUserId(userId).getCoins()).isZero();
        }
    }

    @Test
    void debitWithoutABalanceIsRefused() {
        long userId = newUserId();
        try (SqlSession session = sessions.openSession(true)) {
            assertThatThrownBy(() -> session.getMapper(UserBalanceMapper.class).debit(userId, 1))
                    .isInstanceOf(InsufficientCoinsException.class).hasMessageContaining("no balance");
        }
    }

    @Test
    void amountsMustBePositive() {
        try (SqlSession session = sessions.openSession(true)) {
            UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
            assertThatThrownBy(() -> balances.credit(1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> balances.debit(1, -5)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void concurrentCreditsAndDebitsNeverLoseAnUpdateNorOverdraw() throws Exception {
        long userId = newUserId();
        int threads = 8;
        int operationsPerThread = 500;
        AtomicLong expected = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong lowestSeen = new AtomicLong(Long.MAX_VALUE);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(t);
                Callable<Void> worker = () -> {
                    try (SqlSession session = sessions.openSession(true)) {
                        UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
                        for (int i = 0; i < operationsPerThread; i++) {
                            long amount = 1 + random.nextInt(20);
                            if (random.nextInt(100) < 45) {
                                balances.credit(userId, amount);
                                expected.addAndGet(amount);
                            } else {
                                try {
                                    balances.debit(userId, amount);
                                    expected.addAndGet(-amount);
                                } catch (InsufficientCoinsException e) {
                                    refused.incrementAndGet();
                                }
                            }
                            UserBalance seen = balances.findByUserId(userId);
                            if (seen != null) {
                                lowestSeen.accumulateAndGet(seen.getCoins(), Math::min);
                            }
                        }
                    }
                    return null;
                };
                futures.add(pool.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        try (SqlSession session = sessions.openSession(true)) {
            long coins = session.getMapper(UserBalanceMapper.class).findByUserId(userId).getCoins();
            assertThat(coins).as("final balance is the sum of every accepted credit and debit").isEqualTo(expected.get());
        }
        assertThat(lowestSeen.get()).as("balance never seen below zero").isGreaterThanOrEqualTo(0);
        assertThat(refused.get()).as("some debits were refused, and counted").isPositive();
        System.out.printf("concurrency: %d operations, %d debits refused, final balance %d%n",
                threads * operationsPerThread, refused.get(), expected.get());
    }
}
