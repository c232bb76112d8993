package dev.avatarbot.schema.boot;

import dev.avatarbot.schema.migration.SchemaStatus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health component {@code schema}: UP when the database is at the newest revision, OUT_OF_SERVICE
 * when it is behind, ahead or in the middle of a data transfer (the instance should get no traffic,
 * yet restarting it helps nothing), DOWN when the status cannot be read.
 */
public class SchemaHealthIndicator extends AbstractHealthIndicator {

    private final SchemaStatusProbe probe;

    public SchemaHealthIndicator(SchemaStatusProbe probe) {
        super("Could not read the schema's status");
        this.probe = probe;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        SchemaStatus status = probe.status();
        if (SchemaStatusProbe.usable(status)) {
            health.up();
        } else {
            health.outOfService();
        }
        health.withDetails(SchemaStatusProbe.details(status));
    }
}
