package dev.avatarbot.schema.mapper;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** The one place that builds MyBatis for the schema: type handlers and all five mappers. */
public final class SchemaSessions {

    /** Every mapper of the schema, each with its XML at the same package path. */
    public static final List<Class<?>> MAPPERS = List.of(UserMapper.class, UserBalanceMapper.class,
            UserStateMapper.class, AvatarMapper.class, AvatarPhotoMapper.class);

    private SchemaSessions() {
    }

    /** A ready {@link SqlSessionFactory} over the given pool, with every mapper of the schema. */
    public static SqlSessionFactory sqlSessionFactory(DataSource dataSource) {
        return new SqlSessionFactoryBuilder().build(configuration(dataSource));
    }

    /**
     * The MyBatis configuration behind {@link #sqlSessionFactory}, for tools that add a service's
     * own mappers to it or inspect every mapped statement (the mapper check).
     */
    public static Configuration configuration(DataSource dataSource) {
        Configuration configuration = typeHandlersOnly(dataSource);
        MAPPERS.forEach(configuration::addMapper);
        return configuration;
    }

    /**
     * The configuration's type handlers without the mappers: where the mapper check loads another
     * release's mapper XML. With a null {@code dataSource} it only renders statements (lint reads them so).
     */
    public static Configuration typeHandlersOnly(DataSource dataSource) {
        Configuration configuration = dataSource == null ? new Configuration()
                : new Configuration(new Environment("avatar-db", new JdbcTransactionFactory(), dataSource));
        registerTypeHandlers(configuration);
        return configuration;
    }

    /**
     * Registers the schema's type handlers in a configuration someone else builds (the Spring Boot
     * starter's), so every mapper of it, the service's own too, reads and writes those types alike.
     */
    public static void registerTypeHandlers(Configuration configuration) {
        configuration.getTypeHandlerRegistry().register(JsonNode.class, new JsonNodeTypeHandler());
        configuration.getTypeHandlerRegistry().register(UUID.class, new UuidTypeHandler());
    }
}
