package dev.avatarbot.schema.mapper;

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
        configuration.addMapper(UserMapper.class);
        configuration.addMapper(UserBalanceMapper.class);
        configuration.addMapper(UserStateMapper.class);
        configuration.addMapper(AvatarMapper.class);
        configuration.addMapper(AvatarPhotoMapper.class);
        return configuration;
    }

    /**
     * The configuration's type handlers without the mappers: where the mapper check loads another
     * release's mapper XML.
     */
    public static Configuration typeHandlersOnly(DataSource dataSource) {
        Configuration configuration = new Configuration(
                new Environment("avatar-db", new JdbcTransactionFactory(), dataSource));
        configuration.getTypeHandlerRegistry().register(JsonNode.class, new JsonNodeTypeHandler());
        configuration.getTypeHandlerRegistry().register(UUID.class, new UuidTypeHandler());
        return configuration;
    }
}
