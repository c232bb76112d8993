package dev.avatarbot.schema.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import dev.avatarbot.schema.test.SchemaDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.annotation.Commit;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * A {@code @Transactional} Spring test: Spring opens the test's transaction before JUnit's
 * {@code beforeEach} of the extension runs, so the kit must have the test's fresh database ready
 * earlier than that, and drop it only after Spring has ended the transaction. Both tests commit
 * the same row; each passes only in a database of its own.
 */
@SpringJUnitConfig(SpringTransactionalTestTest.ServiceConfiguration.class)
@Transactional
@Commit
@TestMethodOrder(MethodOrderer.MethodName.class)
class SpringTransactionalTestTest {

    @RegisterExtension
    static SchemaDatabase db = SchemaDatabase.atHead();

    @Configuration
    static class ServiceConfiguration {
        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_theTestsTransactionRunsInItsOwnFreshDatabase() {
        commitsTheSameUserInAFreshDatabase();
    }

    @Test
    void b_theNextTestsTransactionToo() {
        commitsTheSameUserInAFreshDatabase();
    }

    private void commitsTheSameUserInAFreshDatabase() {
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo(db.databaseName());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isZero();
        jdbc.update("INSERT INTO users (telegram_id, first_name, language_code) VALUES (42, 'Ann', 'en')");
    }
}
