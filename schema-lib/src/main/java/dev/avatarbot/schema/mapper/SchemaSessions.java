package dev.avatarbot.schema.mapper;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** The one place that builds MyBatis for the schema: type handlers, its two plugins and all five mappers. */
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
     * The configuration's type handlers and plugin without the mappers: where the mapper check loads
     * another release's mapper XML. With a null {@code dataSource} it only renders statements (lint
     * reads them so).
     */
    public static Configuration typeHandlersOnly(DataSource dataSource) {
        Configuration configuration = dataSource == null ? new SchemaConfiguration()
                : new SchemaConfiguration(new Environment("avatar-db", new JdbcTransactionFactory(), dataSource));
        customize(configuration);
        return configuration;
    }

    /**
     * A mapper on a session, as {@code session.getMapper(type)} gives it in a configuration built here
     * (the Spring Boot starter's beans come from here too): MyBatis' proxy, except that
     * {@link UserBalanceMapper} is wrapped so that its default methods, the hot {@code credit} and
     * {@code debit}, run as plain Java (see {@link DirectUserBalanceMapper}).
     */
    public static <T> T mapper(Class<T> type, SqlSession session) {
        T mapper = session.getMapper(type);
        return session.getConfiguration() instanceof SchemaConfiguration ? mapper : direct(type, mapper);
    }

    private static <T> T direct(Class<T> type, T proxy) {
        return type == UserBalanceMapper.class ? type.cast(new DirectUserBalanceMapper((UserBalanceMapper) proxy)) : proxy;
    }

    /** The configuration built here: its sessions' {@code getMapper} is {@link #mapper}. */
    private static final class SchemaConfiguration extends Configuration {

        SchemaConfiguration() {
        }

        SchemaConfiguration(Environment environment) {
            super(environment);
        }

        @Override
        public <T> T getMapper(Class<T> type, SqlSession sqlSession) {
            return direct(type, super.getMapper(type, sqlSession));
        }
    }

    /**
     * Readies a configuration someone else builds (the Spring Boot starter's) for schema-lib's mappers:
     * registers the schema's type handlers, so every mapper of it, the service's own too, reads and
     * writes those types alike, and adds {@link ReturnedRowPlugin}, without which
     * {@link UserBalanceMapper#debit} debits nothing and throws, and {@link FlatRowsPlugin}, which reads
     * lists into flat result maps (the service's too) faster than MyBatis does. Calling it twice adds nothing.
     */
    public static void customize(Configuration configuration) {
        configuration.getTypeHandlerRegistry().register(JsonNode.class, new JsonNodeTypeHandler());
        configuration.getTypeHandlerRegistry().register(UUID.class, new UuidTypeHandler());
        addOnce(configuration, ReturnedRowPlugin.class, ReturnedRowPlugin::new);
        addOnce(configuration, FlatRowsPlugin.class, FlatRowsPlugin::new);
    }

    private static void addOnce(Configuration configuration, Class<? extends Interceptor> type,
            Supplier<Interceptor> plugin) {
        if (configuration.getInterceptors().stream().noneMatch(type::isInstance)) {
            configuration.addInterceptor(plugin.get());
        }
    }
}
