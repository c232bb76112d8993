package dev.avatarbot.schema.fleet;

import java.util.Objects;

import javax.sql.DataSource;

/** One database of a fleet: the name the report shows (never its URL, which may hold a password) and how to reach it. */
public record FleetTarget(String name, DataSource dataSource) {

    public FleetTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataSource, "dataSource");
    }
}
