package dev.avatarbot.schema.boot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaStatus;

/**
 * The schema's status for health, info and metrics: read at most once per {@link #MAX_AGE} (probes
 * and scrapes come often, each read opens a connection) and one reader at a time, as
 * {@link SchemaMigrations} wants.
 */
public class SchemaStatusProbe {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final SchemaMigrations migrations;
    private final Clock clock;
    private SchemaStatus last;
    private Instant readAt;

    public SchemaStatusProbe(SchemaMigrations migrations) {
        this(migrations, Clock.systemUTC());
    }

    SchemaStatusProbe(SchemaMigrations migrations, Clock clock) {
        this.migrations = migrations;
        this.clock = clock;
    }

    public synchronized SchemaStatus status() {
        Instant now = clock.instant();
        if (last == null || readAt.plus(MAX_AGE).isBefore(now)) {
            last = migrations.status();
            readAt = now;
        }
        return last;
    }

    /** The facts health and info show: current, newest, pending (count and ids), and what makes it unusable. */
    public static Map<String, Object> details(SchemaStatus status) {
        List<String> declared = status.declared();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("current", status.currentOrBase());
        details.put("newest", declared.isEmpty() ? SchemaMigrations.BASE : declared.get(declared.size() - 1));
        details.put("pendingCount", status.pending().size());
        details.put("pending", status.pending());
        if (!status.unknownApplied().isEmpty()) {
            details.put("unknownApplied", status.unknownApplied());
        }
        status.unfinishedTransfer().ifPresent(transfer -> details.put("unfinishedTransfer", transfer.describe()));
        return details;
    }

    /** Fit for use: at the newest revision, with no unfinished data transfer. */
    public static boolean usable(SchemaStatus status) {
        return status.isCurrent() && status.unfinishedTransfer().isEmpty();
    }
}
