package dev.avatarbot.schema.boot;

import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.boot.fixture.AvatarService;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the fixture service against one test database, with the given extra properties. */
final class BootApp {

    private BootApp() {
    }

    static ConfigurableApplicationContext start(PGSimpleDataSource database, String... properties) {
        return new SpringApplicationBuilder(AvatarService.class).web(WebApplicationType.NONE)
                .properties(datasourceProperties(database).toArray(String[]::new))
                .properties(properties)
                .run();
    }

    /** The spring.datasource.* lines that point the service at {@code database}. */
    static List<String> datasourceProperties(PGSimpleDataSource database) {
        List<String> lines = new ArrayList<>();
        lines.add("spring.datasource.url=" + database.getURL());
        if (database.getUser() != null) {
            lines.add("spring.datasource.username=" + database.getUser());
        }
        if (database.getPassword() != null) {
            lines.add("spring.datasource.password=" + database.getPassword());
        }
        lines.add("spring.datasource.hikari.maximum-pool-size=2");
        return lines;
    }
}
