package dev.avatarbot.schema.boot;

import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.boot.fixture.AvatarService;
import dev.avatarbot.schema.test.SchemaDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the fixture service against one test database, with the given extra properties. */
final class BootApp {

    private BootApp() {
    }

    static ConfigurableApplicationContext start(SchemaDatabase database, String... properties) {
        return new SpringApplicationBuilder(AvatarService.class).web(WebApplicationType.NONE)
                .properties(datasourceProperties(database).toArray(String[]::new))
                .properties(properties)
                .run();
    }

    /** The spring.datasource.* lines that point the service at the running test's database. */
    static List<String> datasourceProperties(SchemaDatabase database) {
        List<String> lines = new ArrayList<>();
        lines.add("spring.datasource.url=" + database.jdbcUrl());
        if (database.user() != null) {
            lines.add("spring.datasource.username=" + database.user());
        }
        if (database.password() != null) {
            lines.add("spring.datasource.password=" + database.password());
        }
        lines.add("spring.datasource.hikari.maximum-pool-size=2");
        return lines;
    }
}
