package dev.avatarbot.schema.test.spring;

import java.lang.reflect.Field;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.test.SchemaDatabase;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes a test class's {@code static SchemaDatabase} field the {@code DataSource} of its Spring test
 * context ({@code @SpringBootTest}, {@code @SpringJUnitConfig}), with no property and no {@code @Bean}:
 * the bean is {@link SchemaDatabase#dataSource()}, primary, so Boot's own pool backs off and every
 * test still gets its fresh database. Spring's test framework finds this factory in
 * {@code META-INF/spring.factories}; a class with no such field is left alone.
 */
public final class SchemaDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    /** The bean's name, clear of a service's own {@code dataSource}. */
    public static final String BEAN_NAME = "schemaTestDataSource";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return SchemaDatabaseField.of(testClass).map(Customizer::new).orElse(null);
    }

    /** Registers the field's {@code dataSource()}; one context per field, as each reaches its own databases. */
    private record Customizer(Field field) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (!(context instanceof BeanDefinitionRegistry registry)) {
                throw new IllegalStateException("SchemaDatabase cannot register its DataSource in a "
                        + context.getClass().getName() + "; declare a @Bean DataSource returning db.dataSource()");
            }
            RootBeanDefinition dataSource = new RootBeanDefinition(DataSource.class, () -> database().dataSource());
            dataSource.setPrimary(true);
            registry.registerBeanDefinition(BEAN_NAME, dataSource);
        }

        private SchemaDatabase database() {
            return SchemaDatabaseField.read(field);
        }
    }
}
