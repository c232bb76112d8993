package dev.avatarbot.schema.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarbot.schema.boot.fixture.ServiceOwnMapper;
import dev.avatarbot.schema.domain.InsufficientCoinsException;
import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.mapper.FlatRowsPlugin;
import dev.avatarbot.schema.mapper.ReturnedRowPlugin;
import dev.avatarbot.schema.mapper.SchemaSessions;
import dev.avatarbot.schema.mapper.UserBalanceMapper;
import dev.avatarbot.schema.mapper.UserMapper;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.MigrationGuard;
import dev.avatarbot.schema.migration.SchemaMigrations;
import io.micrometer.core.instrument.MeterRegistry;
import dev.avatarbot.schema.test.SchemaDatabase;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** avatardb.schema.mode at startup, the mappers as beans, health, info and the gauge; each test on a database of its own. */
class SchemaStartupTest {

    /** The newest revision of schema-lib (the tests read it from the changelog, not from a constant). */
    private static final String NEWEST = SchemaMigrations.declaredChangeSets(ChangelogSource.classpath())
            .stream().reduce((first, second) -> second).orElseThrow().revision();

    @RegisterExtension
    static SchemaDatabase empty = SchemaDatabase.atRevision(SchemaMigrations.BASE);

    @RegisterExtension
    static SchemaDatabase current = SchemaDatabase.atHead();

    @Test
    void upgradeModeBringsTheDatabaseToTheNewestRevisionBeforeTheMappersRun() {
        try (ConfigurableApplicationContext service = BootApp.start(empty, "avatardb.schema.mode=upgrade")) {
            assertThat(new SchemaMigrations(empty.dataSource()).status().isCurrent()).isTrue();

            UserMapper users = service.getBean(UserMapper.class);
            User user = new User();
            user.setTelegramId(4242L);
            user.setFirstName("Anna");
            user.setLanguageCode("en");
            new TransactionTemplate(service.getBean(PlatformTransactionManager.class))
                    .executeWithoutResult(tx -> users.insert(user));
            assertThat(users.findByTelegramId(4242L).getFirstName()).isEqualTo("Anna");
            assertThat(service.getBean(ServiceOwnMapper.class).countUsers()).isEqualTo(1);

            Health health = schemaHealth(service);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("current", NEWEST).containsEntry("newest", NEWEST)
                    .containsEntry("pendingCount", 0);
            assertThat(pendingGauge(service)).isZero();
        }
    }

    /** The debit's one statement (an update read back by ReturnedRowPlugin) in Spring's transactions and outside them. */
    @Test
    void debitsJoinSpringTransactionsThroughTheStartersConfiguration() {
        try (ConfigurableApplicationContext service = BootApp.start(current)) {
            UserMapper users = service.getBean(UserMapper.class);
            UserBalanceMapper balances = service.getBean(UserBalanceMapper.class);
            assertThat(balances.getClass().getSimpleName()).as("credit and debit as plain Java")
                    .isEqualTo("DirectUserBalanceMapper");
            TransactionTemplate transactions = new TransactionTemplate(service.getBean(PlatformTransactionManager.class));
            User user = new User();
            user.setTelegramId(4343L);
            user.setFirstName("Payer");
            user.setLanguageCode("en");
            users.insert(user);
            balances.credit(user.getId(), 100);

            transactions.executeWithoutResult(tx -> {
                balances.debit(user.getId(), 30);
                tx.setRollbackOnly();
            });
            assertThat(balances.findByUserId(user.getId()).getCoins()).as("rolled back").isEqualTo(100);
            transactions.executeWithoutResult(tx -> balances.debit(user.getId(), 30));
            assertThat(balances.findByUserId(user.getId()).getCoins()).as("committed").isEqualTo(70);
            balances.debit(user.getId(), 20); // no transaction: the template commits each call
            assertThat(balances.findByUserId(user.getId()).getCoins()).isEqualTo(50);
            assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> balances.debit(user.getId(), 51)))
                    .isInstanceOfSatisfying(InsufficientCoinsException.class,
                            refused -> assertThat(refused.available()).isEqualTo(50L));
        }
    }

    @Test
    void defaultModeStartsOnACurrentDatabase() throws Exception {
        try (ConfigurableApplicationContext service = BootApp.start(current)) {
            assertThat(service.getBean(SchemaMigrations.class).guard()).isEqualTo(MigrationGuard.DEFAULT);
            assertThat(service.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM users", Long.class))
                    .isZero();
            for (Class<?> mapper : SchemaSessions.MAPPERS) {
                assertThat(service.getBean(mapper)).isNotNull();
            }
            assertThat(service.getBean(SqlSessionFactory.class).getConfiguration().getInterceptors())
                    .as("schema-lib's plugins in the configuration the service's mappers share")
                    .hasAtLeastOneElementOfType(ReturnedRowPlugin.class).hasAtLeastOneElementOfType(FlatRowsPlugin.class);
            ServiceOwnMapper own = service.getBean(ServiceOwnMapper.class);
            assertThat(own.markSeen(new ObjectMapper().readTree("{\"step\":\"photos\"}")).toString())
                    .isEqualTo("{\"seen\":true,\"step\":\"photos\"}");
        }
    }

    @Test
    void modeNoneStartsOnADatabaseAtBaseAndReportsItOutOfServiceWithTheGuardConfigured() {
        try (ConfigurableApplicationContext service = BootApp.start(empty, "avatardb.schema.mode=none",
                "avatardb.schema.lock-timeout=750ms", "avatardb.schema.lock-retries=1")) {
            assertThat(service.getBean(SchemaMigrations.class).guard())
                    .isEqualTo(new MigrationGuard(Duration.ofMillis(750), 1, null));
            Health health = schemaHealth(service);
            assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.getDetails()).containsEntry("current", "base").containsEntry("newest", NEWEST)
                    .containsEntry("pendingCount", 1).containsEntry("pending", List.of(NEWEST));

            Info.Builder info = new Info.Builder();
            service.getBeansOfType(InfoContributor.class).values().forEach(contributor -> contributor.contribute(info));
            assertThat(info.build().get("schema")).isEqualTo(health.getDetails());

            assertThat(pendingGauge(service)).isEqualTo(1);
        }
        assertThat(new JdbcTemplate(empty.dataSource()).queryForObject(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace", Long.class)).isZero();
    }

    private static Health schemaHealth(ConfigurableApplicationContext service) {
        return ((HealthIndicator) service.getBean(HealthContributorRegistry.class).getContributor("schema")).health();
    }

    private static double pendingGauge(ConfigurableApplicationContext service) {
        return service.getBean(MeterRegistry.class).get("avatardb.schema.pending").gauge().value();
    }
}
