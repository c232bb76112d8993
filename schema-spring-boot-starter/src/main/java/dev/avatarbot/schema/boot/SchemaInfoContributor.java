package dev.avatarbot.schema.boot;

import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** The schema's revisions under {@code schema} in the info endpoint ({@code error} when they cannot be read). */
public class SchemaInfoContributor implements InfoContributor {

    private final SchemaStatusProbe probe;

    public SchemaInfoContributor(SchemaStatusProbe probe) {
        this.probe = probe;
    }

    @Override
    public void contribute(Info.Builder builder) {
        try {
            builder.withDetail("schema", SchemaStatusProbe.details(probe.status()));
        } catch (RuntimeException e) {
            builder.withDetail("schema", Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
