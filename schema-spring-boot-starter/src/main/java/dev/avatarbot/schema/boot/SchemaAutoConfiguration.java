package dev.avatarbot.schema.boot;

import javax.sql.DataSource;

import dev.avatarbot.schema.mapper.SchemaSessions;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The schema in a Spring Boot service: its migrations on the service's {@link DataSource}, the
 * startup check or upgrade ({@code avatardb.schema.mode}), schema-lib's type handlers in the MyBatis
 * configuration mybatis-spring-boot builds, and its mappers as beans.
 */
// After the DataSource's auto-configuration by name, Boot 4's and Boot 3.5's (whose class this
// build does not see): ordered before it, the DataSource condition would not match and the starter
// would do nothing at all, no check included.
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"}, before = MybatisAutoConfiguration.class)
@ConditionalOnClass({SchemaMigrations.class, SqlSessionFactory.class, MybatisAutoConfiguration.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(SchemaProperties.class)
@Import({DatabaseInitializationDependencyConfigurer.class, SchemaMappersRegistrar.class})
public class SchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SchemaMigrations schemaMigrations(DataSource dataSource, SchemaProperties properties) {
        return new SchemaMigrations(dataSource).withGuard(properties.guard());
    }

    @Bean
    @ConditionalOnMissingBean
    public SchemaInitializer schemaInitializer(SchemaMigrations migrations, SchemaProperties properties) {
        return new SchemaInitializer(migrations, properties.mode());
    }

    /** The type handlers for every mapper of the configuration, and schema-lib's mappers with their XML. */
    @Bean
    public ConfigurationCustomizer schemaMyBatisConfiguration() {
        return configuration -> {
            SchemaSessions.customize(configuration);
            SchemaSessions.MAPPERS.stream().filter(mapper -> !configuration.hasMapper(mapper))
                    .forEach(configuration::addMapper);
        };
    }
}
