package dev.avatarbot.schema.mapper;

import static dev.avatarbot.schema.mapper.MapperTestSupport.insertUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.domain.InsufficientCoinsException;
import dev.avatarbot.schema.domain.UserBalance;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class UserBalanceMapperTest {

    private static SqlSessionFactory sessions;
    private static DataSource database;

    @BeforeAll
    static void migrate(DataSource dataSource) {
        database = dataSource;
        sessions = MapperTestSupport.migratedSessions(dataSource);
    }

    /** A user whose balance holds {@code coins}, committed. */
    private static long userWithCoins(long coins) {
        long userId = newUserId();
        try (SqlSession session = sessions.openSession(true)) {
            session.getMapper(UserBalanceMapper.class).credit(userId, coins);
        }
        return userId;
    }

    /** The committed balance row, read in a session of its own. */
    private static UserBalance committedBalance(long userId) {
        try (SqlSession session = sessions.openSession(true)) {
            return session.getMapper(UserBalanceMapper.class).findByUserId(userId);
        }
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
    void acceptedDebitIsCommittedByCommitOfANonAutocommitSession() {
        long userId = userWithCoins(100);
        try (SqlSession session = sessions.openSession()) {
            session.getMapper(UserBalanceMapper.class).debit(userId, 30);
            assertThat(committedBalance(userId).getCoins()).as("not visible before commit").isEqualTo(100);
            session.commit();
        }
        assertThat(committedBalance(userId).getCoins()).isEqualTo(70);
    }

    @Test
    void acceptedDebitIsUndoneByRollbackAndByCloseWithoutCommit() {
        long userId = userWithCoins(100);
        try (SqlSession session = sessions.openSession()) {
            UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
            balances.debit(userId, 30);
            assertThat(balances.findByUserId(userId).getCoins()).as("seen inside the transaction").isEqualTo(70);
            session.rollback();
        }
        assertThat(committedBalance(userId).getCoins()).isEqualTo(100);

        try (SqlSession session = sessions.openSession()) {
            session.getMapper(UserBalanceMapper.class).debit(userId, 30);
        }
        assertThat(committedBalance(userId).getCoins()).as("closed without commit").isEqualTo(100);
    }

    @Test
    void refusedDebitSaysTheBalanceAndChangesNothing() {
        long userId = userWithCoins(10);
        UserBalance before = committedBalance(userId);
        try (SqlSession session = sessions.openSession()) {
            assertThatThrownBy(() -> session.getMapper(UserBalanceMapper.class).debit(userId, 11))
                    .isInstanceOfSatisfying(InsufficientCoinsException.class, refused -> {
                        assertThat(refused.available()).isEqualTo(10L);
                        assertThat(refused.requested()).isEqualTo(11);
                        assertThat(refused.userId()).isEqualTo(userId);
                        assertThat(refused.getStackTrace()).as("a business outcome, no stack trace").isEmpty();
                    });
            session.commit();
        }
        assertThat(committedBalance(userId)).usingRecursiveComparison().as("coins and updated_at alike")
                .isEqualTo(before);
    }

    @Test
    void refusedDebitAfterAConcurrentDebitSaysTheBalanceThatRefusedIt() throws Exception {
        long userId = userWithCoins(50);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (SqlSession first = sessions.openSession()) {
            first.getMapper(UserBalanceMapper.class).debit(userId, 30); // holds the row until commit
            Future<InsufficientCoinsException> second = other.submit(() -> {
                try (SqlSession session = sessions.openSession(true)) {
                    session.getMapper(UserBalanceMapper.class).debit(userId, 30);
                    return null;
                } catch (InsufficientCoinsException refused) {
                    return refused;
                }
            });
            awaitALockWait();
            first.commit(); // the second debit's snapshot still shows 50; its update sees 20
            InsufficientCoinsException refused = second.get(30, TimeUnit.SECONDS);
            assertThat(refused).as("the second debit is refused").isNotNull();
            assertThat(refused.available()).as("the balance that refused it, not the snapshot's 50").isEqualTo(20L);
        } finally {
            other.shutdownNow();
        }
        assertThat(committedBalance(userId).getCoins()).isEqualTo(20);
    }

    /** Until some backend of this database waits for a row lock. */
    private static void awaitALockWait() throws SQLException, InterruptedException {
        try (Connection connection = database.getConnection();
             PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            for (int i = 0; i < 300; i++) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("The second debit never waited for the first one's row lock");
    }

    @Test
    void withoutTheReturnedRowPluginADebitDebitsNothingAndSaysWhy() {
        long userId = userWithCoins(100);
        Configuration bare = new Configuration(sessions.getConfiguration().getEnvironment());
        bare.addMapper(UserBalanceMapper.class);
        try (SqlSession session = new SqlSessionFactoryBuilder().build(bare).openSession(true)) {
            assertThatThrownBy(() -> session.getMapper(UserBalanceMapper.class).debit(userId, 30))
                    .isInstanceOf(SchemaException.UserError.class).hasMessageContaining("ReturnedRowPlugin")
                    .hasMessageContaining("SchemaSessions.customize");
        }
        assertThat(committedBalance(userId).getCoins()).isEqualTo(100);
    }

    @Test
    void aDebitInABatchSessionFailsBeforeItRuns() {
        long userId = userWithCoins(100);
        try (SqlSession session = sessions.openSession(ExecutorType.BATCH, true)) {
            assertThatThrownBy(() -> session.getMapper(UserBalanceMapper.class).debit(userId, 30))
                    .hasMessageContaining("cannot run in a BATCH session");
        }
        assertThat(committedBalance(userId).getCoins()).isEqualTo(100);
    }

    @Test
    void sessionsOfSchemaSessionsRunCreditAndDebitWithoutMyBatisDefaultMethodInvoker() {
        try (SqlSession session = sessions.openSession(true)) {
            assertThat(session.getMapper(UserBalanceMapper.class)).isInstanceOf(DirectUserBalanceMapper.class);
            assertThat(SchemaSessions.mapper(UserBalanceMapper.class, session)).isInstanceOf(DirectUserBalanceMapper.class);
            assertThat(SchemaSessions.mapper(UserMapper.class, session)).isNotInstanceOf(DirectUserBalanceMapper.class);
        }
        Configuration other = new Configuration(sessions.getConfiguration().getEnvironment());
        SchemaSessions.customize(other);
        other.addMapper(UserBalanceMapper.class);
        try (SqlSession session = new SqlSessionFactoryBuilder().build(other).openSession(true)) {
            UserBalanceMapper balances = SchemaSessions.mapper(UserBalanceMapper.class, session);
            assertThat(balances).as("wrapped for a configuration built elsewhere too").isInstanceOf(DirectUserBalanceMapper.class);
            long userId = newUserId();
            balances.credit(userId, 40);
            balances.debit(userId, 15);
            assertThat(balances.findByUserId(userId).getCoins()).isEqualTo(25);
        }
    }

    @Test
    void debitWithoutABalanceIsRefused() {
        long userId = newUserId();
        try (SqlSession session = sessions.openSession(true)) {
            assertThatThrownBy(() -> session.getMapper(UserBalanceMapper.class).debit(userId, 1))
                    .isInstanceOfSatisfying(InsufficientCoinsException.class,
                            refused -> assertThat(refused.available()).isNull())
                    .hasMessageContaining("no balance");
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
