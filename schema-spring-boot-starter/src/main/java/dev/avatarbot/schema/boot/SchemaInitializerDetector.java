package dev.avatarbot.schema.boot;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/** Tells Boot that {@link SchemaInitializer} initializes the database, as Flyway's detector does for its initializer. */
class SchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SchemaInitializer.class);
    }

    /**
     * After Flyway's and Liquibase's initializers (order 1), before Boot's schema.sql and data.sql
     * scripts (near the lowest precedence), which may fill the schema's tables.
     */
    @Override
    public int getOrder() {
        return 2;
    }
}
