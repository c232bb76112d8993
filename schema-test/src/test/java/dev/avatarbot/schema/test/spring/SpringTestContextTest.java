package dev.avatarbot.schema.test.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.test.SchemaDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A Spring test context whose class declares only the extension: its DataSource is the kit's, with
 * no bean or property written for it, and each test of the one cached context sees its own fresh
 * database. The class's own DataSource bean (a service's production pool, say) gives way to it.
 */
@SpringJUnitConfig(SpringTestContextTest.ServiceConfiguration.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
class SpringTestContextTest {

    @RegisterExtension
    static SchemaDatabase db = SchemaDatabase.atHead();

    @Configuration
    static class ServiceConfiguration {
        /** A service's own pool, which would reach a production server: the test's must win. */
        @Bean
        DataSource productionDataSource() {
            return new org.postgresql.ds.PGSimpleDataSource();
        }
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    @Test
    void a_theContextsDataSourceIsTheRunningTestsDatabaseAtHead() throws SQLException {
        assertThat(query("SELECT current_database()")).isEqualTo(db.databaseName());
        assertThat(query("SELECT to_regclass('public.users')::text")).isEqualTo("users");
        execute("CREATE TABLE left_by_the_first_test ()");
        assertThat(context.getBeanNamesForType(DataSource.class))
                .containsExactlyInAnyOrder(SchemaDatabaseContextCustomizerFactory.BEAN_NAME, "productionDataSource");
    }

    @Test
    void b_theNextTestOfTheSameContextGetsAnotherFreshDatabase() throws SQLException {
        assertThat(query("SELECT current_database()")).isEqualTo(db.databaseName());
        assertThat(query("SELECT to_regclass('public.left_by_the_first_test')::text")).isNull();
    }

    @Test
    void c_aClassWithoutTheExtensionIsLeftAloneAndOneWithTwoIsRefused() {
        SchemaDatabaseContextCustomizerFactory factory = new SchemaDatabaseContextCustomizerFactory();
        assertThat(factory.createContextCustomizer(String.class, List.of())).isNull();
        assertThat(factory.createContextCustomizer(Nested.class, List.of()))
                .as("found in the enclosing class").isEqualTo(factory.createContextCustomizer(getClass(), List.of()));
        assertThatThrownBy(() -> factory.createContextCustomizer(TwoDatabases.class, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[first, second]");
    }

    class Nested {
    }

    static class TwoDatabases {
        static SchemaDatabase first = SchemaDatabase.atHead();
        static SchemaDatabase second = SchemaDatabase.atHead();
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
