package dev.avatarbot.schema.boot;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** The schema's revisions under {@code schema} in the info endpoint. */
public class SchemaInfoContributor implements InfoContributor {

    private final SchemaStatusProbe probe;

    public SchemaInfoContributor(SchemaStatusProbe probe) {
        this.probe = probe;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("schema", SchemaStatusProbe.details(probe.status()));
    }
}
