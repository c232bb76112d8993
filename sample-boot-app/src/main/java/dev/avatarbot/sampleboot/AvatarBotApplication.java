package dev.avatarbot.sampleboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample conversation as a Spring Boot service. Its database comes from {@code spring.datasource.*};
 * the starter refuses to start on one that is not at the schema's newest revision
 * ({@code avatardb.schema.mode=upgrade} upgrades it instead).
 */
@SpringBootApplication
public class AvatarBotApplication {

    public static void main(String[] args) {
        SpringApplication.run(AvatarBotApplication.class, args);
    }
}
