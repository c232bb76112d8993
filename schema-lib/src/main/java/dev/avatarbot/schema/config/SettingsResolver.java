package dev.avatarbot.schema.config;

import java.util.List;
import java.util.Optional;

import dev.avatarbot.schema.core.SchemaException;

/**
 * Resolves the connection of one database (the target, keys {@code DB_*}, or the transfer's source,
 * keys {@code OLD_DB_*}) from layers given strongest first. Each key is taken from the strongest
 * layer that sets it; a {@code DB_URL} is used unless a stronger layer sets {@code DB_HOST} or
 * {@code DB_NAME}, so a host given on the command line beats a URL in {@code .env}.
 */
public final class SettingsResolver {

    /** The target database's keys. */
    public static final String TARGET = "DB_";
    /** The data transfer's source database keys. */
    public static final String SOURCE = "OLD_DB_";

    private final List<SettingsLayer> layers;

    public SettingsResolver(List<SettingsLayer> strongestFirst) {
        this.layers = List.copyOf(strongestFirst);
    }

    public Optional<ConnectionSettings> resolve(String prefix, int connectTimeoutSeconds) {
        Found url = find(prefix + "URL");
        Found host = find(prefix + "HOST");
        Found name = find(prefix + "NAME");
        Found hostOrName = host.rank() <= name.rank() ? host : name;
        String user = find(prefix + "USER").value();
        String password = find(prefix + "PASSWORD").value();
        if (url.value() != null && url.rank() <= hostOrName.rank()) {
            return Optional.of(new ConnectionSettings(url.value(), null, null, null, user, password,
                    connectTimeoutSeconds));
        }
        if (hostOrName.value() == null) {
            return Optional.empty();
        }
        String hostValue = host.value() == null ? "localhost" : host.value();
        if (name.value() == null) {
            throw new SchemaException.UserError(prefix + "NAME is not set: name the database to use"
                    + " (or give " + prefix + "URL).");
        }
        return Optional.of(new ConnectionSettings(null, hostValue, port(prefix), name.value(), user, password,
                connectTimeoutSeconds));
    }

    /**
     * The database at {@code url} with the user and password these layers set for {@code prefix},
     * if any: each target of a fleet file logs in as one database would.
     */
    public ConnectionSettings atUrl(String prefix, String url, int connectTimeoutSeconds) {
        return new ConnectionSettings(url, null, null, null, find(prefix + "USER").value(),
                find(prefix + "PASSWORD").value(), connectTimeoutSeconds);
    }

    private Integer port(String prefix) {
        Found port = find(prefix + "PORT");
        if (port.value() == null) {
            return null;
        }
        try {
            return Integer.valueOf(port.value().strip());
        } catch (NumberFormatException e) {
            throw new SchemaException.UserError(prefix + "PORT must be a number, not '" + port.value()
                    + "' (from " + layers.get(port.rank()).name() + ").");
        }
    }

    /** Names of the layers, strongest first, for messages. */
    public String describeLayers() {
        return String.join(", ", layers.stream().map(SettingsLayer::name).toList());
    }

    private record Found(String value, int rank) {
    }

    private Found find(String key) {
        for (int rank = 0; rank < layers.size(); rank++) {
            String value = layers.get(rank).get(key);
            if (value != null) {
                return new Found(value, rank);
            }
        }
        return new Found(null, Integer.MAX_VALUE);
    }
}
