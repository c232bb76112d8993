package dev.avatarbot.schema.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.core.SchemaException;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeSet;

/** The rows of Liquibase's history table ({@code databasechangelog}), in the order they ran. */
record History(List<Applied> changeSets) {

    /** One applied changeset. */
    record Applied(String id, String author, String filename, OffsetDateTime executedAt, String tag, String checksum) {
        boolean is(ChangeSet changeSet) {
            return id.equals(changeSet.getId()) && author.equals(changeSet.getAuthor())
                    && filename.equals(changeSet.getStoredFilePath());
        }
    }

    /** Reads the history; empty when the database has never been migrated. */
    static History read(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            if (!LiquibaseSession.hasTable(statement, "databasechangelog")) {
                return new History(List.of());
            }
            List<Applied> applied = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT id, author, filename,"
                    // Liquibase records local time of the session's zone in a column without zone.
                    + " dateexecuted AT TIME ZONE current_setting('TimeZone'), tag, md5sum"
                    + " FROM databasechangelog ORDER BY orderexecuted")) {
                while (rows.next()) {
                    applied.add(new Applied(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class), rows.getString(5), rows.getString(6)));
                }
            }
            return new History(List.copyOf(applied));
        } catch (SQLException e) {
            throw new SchemaException("Could not read the revision history: " + e.getMessage(), e);
        }
    }

    /** Whether {@code changeSet} ran and was edited afterwards: its checksum is not the recorded one. */
    boolean edited(ChangeSet changeSet) {
        Applied ran = of(changeSet);
        return ran != null && ran.checksum() != null && !changeSet.isCheckSumValid(CheckSum.parse(ran.checksum()));
    }

    /** The history row of {@code changeSet}, or null when it has not run. */
    Applied of(ChangeSet changeSet) {
        return changeSets.stream().filter(a -> a.is(changeSet)).findFirst().orElse(null);
    }
}
