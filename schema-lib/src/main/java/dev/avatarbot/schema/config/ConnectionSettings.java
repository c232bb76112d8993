package dev.avatarbot.schema.config;

import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.Secrets;
import org.apache.commons.lang3.StringUtils;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where one database is and how to log in: a JDBC URL, or host, port, name, user and password, or
 * {@code embedded} for a throwaway PostgreSQL. Builds the {@link DataSource}; {@link #toString()}
 * and {@link #maskedUrl()} never show the password.
 *
 * @param url      a JDBC URL, {@code embedded}, or null when host and name are given
 * @param user     overrides the URL's user when set
 * @param password overrides the URL's password when set
 */
public record ConnectionSettings(String url, String host, Integer port, String name, String user,
                                 String password, int connectTimeoutSeconds) {

    public static final String EMBEDDED = "embedded";
    /** {@code DB_URL=offline}: no database at all, for goals that can work without one (schema:sql). */
    public static final String OFFLINE = "offline";
    public static final int DEFAULT_PORT = 5432;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    public boolean isEmbedded() {
        return url != null && url.strip().toLowerCase(Locale.ROOT).equals(EMBEDDED);
    }

    public boolean isOffline() {
        return url != null && url.strip().toLowerCase(Locale.ROOT).equals(OFFLINE);
    }

    /** The JDBC URL this resolves to, password included when the URL carries one: never print it. */
    public String jdbcUrl() {
        if (isOffline()) {
            throw new SchemaException.UserError("DB_URL=offline only works for schema:sql: this goal needs a database.");
        }
        if (StringUtils.isNotBlank(url)) {
            String trimmed = url.strip();
            if (!trimmed.startsWith("jdbc:postgresql:")) {
                throw new SchemaException.UserError("DB_URL must be a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://localhost:5432/avatar_bot (or 'embedded'), not '" + mask(trimmed) + "'.");
            }
            requireHostAndName(trimmed);
            return trimmed;
        }
        return "jdbc:postgresql://" + host.strip() + ":" + (port == null ? DEFAULT_PORT : port) + "/" + name.strip();
    }

    /**
     * Refuses, masked, the shapes pgjdbc would otherwise log as a warning with the whole URL in it
     * ("too many / characters", "must contain a / at the end of the host"), and user info, which
     * pgjdbc does not read.
     */
    private static void requireHostAndName(String url) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            return; // jdbc:postgresql:name, a database on localhost
        }
        String server = url.substring(prefix.length()).split("\\?", 2)[0];
        int slash = server.indexOf('/');
        if (server.contains("@")) {
            throw new SchemaException.UserError("The database URL " + mask(url) + " has a user and password before the"
                    + " host, which the PostgreSQL driver does not read: give them as DB_USER and DB_PASSWORD (or"
                    + " ?user=...&password=... after the database name).");
        }
        if (slash < 0 || server.indexOf('/', slash + 1) >= 0) {
            throw new SchemaException.UserError("The database URL " + mask(url) + " is not a valid PostgreSQL JDBC"
                    + " URL: write it as jdbc:postgresql://host:port/name, one / between the port and the name.");
        }
    }

    /** The same server and login, another database on it. */
    public ConnectionSettings withDatabase(String database) {
        if (StringUtils.isNotBlank(url)) {
            java.util.regex.Matcher parts = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$").matcher(jdbcUrl());
            if (!parts.matches()) {
                throw new SchemaException.UserError("Cannot tell the database name in DB_URL " + maskedUrl()
                        + ": write it as jdbc:postgresql://host:port/name.");
            }
            return new ConnectionSettings(parts.group(1) + database + parts.group(3), null, null, null, user, password,
                    connectTimeoutSeconds);
        }
        return new ConnectionSettings(null, host, port, database, user, password, connectTimeoutSeconds);
    }

    /** The URL for logs: any password replaced by ****. */
    public String maskedUrl() {
        return isEmbedded() ? EMBEDDED : mask(jdbcUrl());
    }

    /** {@code url} with its password masked ({@link Secrets#mask}). */
    public static String mask(String url) {
        return Secrets.mask(url);
    }

    /** A data source for a server (not for {@code embedded}, which {@link EmbeddedDatabase} serves). */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(jdbcUrl());
        } catch (IllegalArgumentException e) {
            // pgjdbc's message is "URL invalid <the whole URL>", password and all: name the mistake without it.
            throw new SchemaException.UserError("The database URL " + maskedUrl() + " is not a valid PostgreSQL JDBC"
                    + " URL: write it as jdbc:postgresql://host:port/name, the port a number, the user and password"
                    + " as their own settings (DB_USER, DB_PASSWORD) rather than before the host.");
        }
        if (StringUtils.isNotBlank(user)) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        // Bounded waits: an unreachable host or a server that accepts and never answers fails in time.
        dataSource.setConnectTimeout(connectTimeoutSeconds);
        dataSource.setLoginTimeout(connectTimeoutSeconds);
        dataSource.setApplicationName("avatar-db");
        return dataSource;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + maskedUrl() + (user == null ? "" : ", user=" + user) + "]";
    }
}
