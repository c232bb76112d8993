package dev.avatarbot.schema.testing;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JUnit extension: a fresh database for the test class, dropped afterwards. Test methods and
 * lifecycle methods receive it as a {@link DataSource} parameter.
 */
public class FreshDatabase implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshDatabase.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("db", TestPostgres.createDatabase());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PGSimpleDataSource dataSource = context.getStore(NAMESPACE).remove("db", PGSimpleDataSource.class);
        if (dataSource != null) {
            TestPostgres.dropDatabase(dataSource);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DataSource.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Stores are read through to the parent's, so a method context finds its class's database.
        return context.getStore(NAMESPACE).get("db", PGSimpleDataSource.class);
    }
}
