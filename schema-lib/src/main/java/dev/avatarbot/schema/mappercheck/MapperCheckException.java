package dev.avatarbot.schema.mappercheck;

import dev.avatarbot.schema.core.SchemaException;

/** Mapped statements do not work on the schema: the message has one line per failure. */
public class MapperCheckException extends SchemaException.UserError {

    private final transient MapperReport report;

    public MapperCheckException(MapperReport report) {
        super(report.failures().size() + " mapped statement branch(es) fail on the schema:\n  "
                + String.join("\n  ", report.failures()));
        this.report = report;
    }

    public MapperReport report() {
        return report;
    }
}
