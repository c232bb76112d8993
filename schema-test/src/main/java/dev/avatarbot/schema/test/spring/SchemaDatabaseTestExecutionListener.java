package dev.avatarbot.schema.test.spring;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Gives each test method of a class with a {@code static SchemaDatabase} its fresh database before
 * any other listener of Spring's test framework runs (a {@code @Transactional} test's transaction
 * takes its connection in Spring's {@code beforeEach}, before the extension's own), and drops it
 * after all of them (after that transaction has ended). Found in {@code META-INF/spring.factories};
 * a class with no such field is left alone.
 */
public final class SchemaDatabaseTestExecutionListener implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeTestMethod(TestContext context) {
        SchemaDatabaseField.of(context.getTestClass()).map(SchemaDatabaseField::read)
                .ifPresent(database -> database.beginSpringTest());
    }

    @Override
    public void afterTestMethod(TestContext context) {
        SchemaDatabaseField.of(context.getTestClass()).map(SchemaDatabaseField::read)
                .ifPresent(database -> database.endSpringTest());
    }
}
