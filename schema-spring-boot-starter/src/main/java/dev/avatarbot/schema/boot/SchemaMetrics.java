package dev.avatarbot.schema.boot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauge {@code avatardb.schema.pending}: how many of this schema-lib's revisions the database has not
 * applied (NaN while the status cannot be read).
 */
public class SchemaMetrics implements MeterBinder {

    private final SchemaStatusProbe probe;

    public SchemaMetrics(SchemaStatusProbe probe) {
        this.probe = probe;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("avatardb.schema.pending", this, SchemaMetrics::pending)
                .description("Revisions of the service's schema-lib the database has not applied")
                .baseUnit("revisions")
                .register(registry);
    }

    private double pending() {
        try {
            return probe.status().pending().size();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
