package dev.avatarbot.schema.boot;

import dev.avatarbot.schema.migration.SchemaMigrations;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health component {@code schema}, the {@code schema} info and the pending gauge, each when its part of actuator is there. */
@AutoConfiguration(after = SchemaAutoConfiguration.class)
@ConditionalOnBean(SchemaMigrations.class)
public class SchemaActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SchemaStatusProbe schemaStatusProbe(SchemaMigrations migrations) {
        return new SchemaStatusProbe(migrations);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("schema")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "schemaHealthIndicator")
        SchemaHealthIndicator schemaHealthIndicator(SchemaStatusProbe probe) {
            return new SchemaHealthIndicator(probe);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(InfoContributor.class)
    @ConditionalOnEnabledInfoContributor("schema")
    static class Info {
        @Bean
        @ConditionalOnMissingBean(name = "schemaInfoContributor")
        SchemaInfoContributor schemaInfoContributor(SchemaStatusProbe probe) {
            return new SchemaInfoContributor(probe);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean(name = "schemaMetrics")
        SchemaMetrics schemaMetrics(SchemaStatusProbe probe) {
            return new SchemaMetrics(probe);
        }
    }
}
