package dev.avatarbot.schema.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Optional;

import dev.avatarbot.schema.core.SchemaException;

/**
 * Liquibase's own lock row ({@code databasechangeloglock}): who holds it, and releasing one that a
 * killed process left behind.
 */
final class LiquibaseLock {

    private LiquibaseLock() {
    }

    /** Who holds the lock; empty when nobody does or the database has never been migrated. */
    static Optional<LockHolder> holder(Connection connection) {
        return query(connection, "SELECT lockedby, lockgranted AT TIME ZONE current_setting('TimeZone')"
                + " FROM databasechangeloglock WHERE locked");
    }

    /** Releases the lock and says who held it; empty when nobody did. */
    static Optional<LockHolder> release(Connection connection) {
        Optional<LockHolder> released = query(connection, "UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL"
                + " WHERE locked RETURNING (SELECT l.lockedby FROM databasechangeloglock l WHERE l.id = databasechangeloglock.id),"
                + " (SELECT l.lockgranted AT TIME ZONE current_setting('TimeZone') FROM databasechangeloglock l"
                + " WHERE l.id = databasechangeloglock.id)");
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new SchemaException("Could not release Liquibase's lock: " + e.getMessage(), e);
        }
        return released;
    }

    private static Optional<LockHolder> query(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            if (!LiquibaseSession.hasTable(statement, "databasechangeloglock")) {
                return Optional.empty();
            }
            try (ResultSet row = statement.executeQuery(sql)) {
                return row.next()
                        ? Optional.of(new LockHolder(row.getString(1), row.getObject(2, OffsetDateTime.class)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SchemaException("Could not read Liquibase's lock: " + e.getMessage(), e);
        }
    }
}
