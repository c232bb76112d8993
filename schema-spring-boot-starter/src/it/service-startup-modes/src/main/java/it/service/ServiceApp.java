package it.service;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.mapper.UserMapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/** A service built only against the starter and actuator: it starts, uses a mapper bean, reads its health, stops. */
@SpringBootApplication
public class ServiceApp {

    public static void main(String[] args) throws Exception {
        // What the database holds before Spring starts: what the start before this one left.
        Properties properties = new Properties();
        try (InputStream in = ServiceApp.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        try (Connection connection = DriverManager.getConnection(properties.getProperty("spring.datasource.url"),
                properties.getProperty("spring.datasource.username"), properties.getProperty("spring.datasource.password"));
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")) {
            count.next();
            System.out.println("Before the start: " + count.getLong(1) + " tables");
        }

        try (ConfigurableApplicationContext context = SpringApplication.run(ServiceApp.class, args)) {
            UserMapper users = context.getBean(UserMapper.class);
            User user = new User();
            user.setTelegramId(424242);
            user.setFirstName("Анна");
            user.setLanguageCode("ru");
            users.upsertByTelegramId(user);
            if (!"Анна".equals(users.findByTelegramId(424242).getFirstName())) {
                throw new IllegalStateException("UserMapper did not read back the stored user");
            }
            System.out.println("Service started: user 424242 stored and read back through UserMapper");
            Health health = ((HealthIndicator) context.getBean(HealthContributorRegistry.class).getContributor("schema")).health();
            System.out.println("Health of schema: " + health.getStatus() + ", current " + health.getDetails().get("current"));
        }
    }
}
