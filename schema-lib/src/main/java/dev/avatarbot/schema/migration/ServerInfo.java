package dev.avatarbot.schema.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;

/** What {@code schema:check} reports about the server it reached. */
public record ServerInfo(String version, String database, String user) {

    public static ServerInfo of(DataSource dataSource) {
        try (Connection connection = DatabaseConnections.open(dataSource);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT current_setting('server_version'), current_database(), current_user")) {
            row.next();
            return new ServerInfo(row.getString(1), row.getString(2), row.getString(3));
        } catch (SQLException e) {
            throw new SchemaException("Connected, but could not read the server's identity: " + e.getMessage(), e);
        }
    }
}
