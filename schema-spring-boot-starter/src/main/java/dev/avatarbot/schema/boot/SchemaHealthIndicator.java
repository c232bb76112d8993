package dev.avatarbot.schema.boot;

import dev.avatarbot.schema.migration.SchemaStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code schema}: UP when the database is at the newest revision, OUT_OF_SERVICE
 * when it is behind, ahead or in the middle of a data transfer (the instance should get no traffic,
 * yet restarting it helps nothing), DOWN when the status cannot be read.
 */
public class SchemaHealthIndicator implements HealthIndicator {

    private final SchemaStatusProbe probe;

    public SchemaHealthIndicator(SchemaStatusProbe probe) {
        this.probe = probe;
    }

    @Override
    public Health health() {
        SchemaStatus status = probe.status();
        Health.Builder health = SchemaStatusProbe.usable(status) ? Health.up() : Health.outOfService();
        return health.withDetails(SchemaStatusProbe.details(status)).build();
    }
}
