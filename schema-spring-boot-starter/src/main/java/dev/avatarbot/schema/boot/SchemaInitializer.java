package dev.avatarbot.schema.boot;

import dev.avatarbot.schema.migration.MigrationResult;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Checks or upgrades the schema as the context starts, as Boot's {@code FlywayMigrationInitializer}
 * migrates: a database initializer bean ({@link SchemaInitializerDetector}), so every bean that
 * depends on database initialization (MyBatis' factory and template, JdbcTemplate, beans marked
 * {@code @DependsOnDatabaseInitialization}) is created after it.
 */
public class SchemaInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaInitializer.class);

    private final SchemaMigrations migrations;
    private final SchemaProperties.Mode mode;

    public SchemaInitializer(SchemaMigrations migrations, SchemaProperties.Mode mode) {
        this.migrations = migrations;
        this.mode = mode;
    }

    @Override
    public void afterPropertiesSet() {
        switch (mode) {
            case VALIDATE -> current();
            case UPGRADE -> {
                MigrationResult result = migrations.upgrade();
                if (result.changed()) {
                    LOG.info("Schema upgraded from {} to {}: {}", result.from(), result.to(),
                            String.join(", ", result.revisions()));
                }
                current();
            }
            case NONE -> LOG.info("Schema not checked (avatardb.schema.mode=none)");
        }
    }

    private void current() {
        SchemaStatus status = migrations.verifyCurrent();
        LOG.info("Schema is current: {}", status.currentOrBase());
    }
}
