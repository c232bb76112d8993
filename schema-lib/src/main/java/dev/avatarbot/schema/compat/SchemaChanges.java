package dev.avatarbot.schema.compat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;

/**
 * How the columns of our tables changed between two releases' schemas, and the expand/contract
 * step a rolling deploy needs for each change that breaks one side: a rename, a drop, a NOT NULL
 * column without a default, a new column or table the new mappers read.
 */
final class SchemaChanges {

    /** A column as the catalog has it. */
    record Column(String table, String name, String type, boolean nullable, boolean hasDefault) {
        String qualified() {
            return table + "." + name;
        }
    }

    private final Map<String, Column> before;
    private final Map<String, Column> after;

    private SchemaChanges(Map<String, Column> before, Map<String, Column> after) {
        this.before = before;
        this.after = after;
    }

    static SchemaChanges between(Map<String, Column> before, Map<String, Column> after) {
        return new SchemaChanges(before, after);
    }

    /** The columns of the public tables (Liquibase's own left out), keyed {@code table.column}. */
    static Map<String, Column> read(DataSource database) {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (Connection connection = DatabaseConnections.open(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT table_name, column_name, data_type, is_nullable = 'YES', column_default IS NOT NULL
                            OR is_identity = 'YES'
                     FROM information_schema.columns
                     WHERE table_schema = 'public' AND table_name NOT LIKE 'databasechangelog%'
                     ORDER BY table_name, ordinal_position""")) {
            while (rows.next()) {
                Column column = new Column(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4),
                        rows.getBoolean(5));
                columns.put(column.qualified(), column);
            }
        } catch (SQLException e) {
            throw new SchemaException("Cannot read the columns of the scratch database: " + e.getMessage(), e);
        }
        return columns;
    }

    /** Steps for what breaks the previous release's mappers on the new schema (old app, new DB). */
    List<String> contractHints() {
        List<String> hints = new ArrayList<>();
        List<Column> dropped = before.values().stream().filter(c -> !after.containsKey(c.qualified())).toList();
        List<Column> added = after.values().stream().filter(c -> !before.containsKey(c.qualified())).toList();
        List<Column> renamedTo = new ArrayList<>();
        for (Column old : dropped) {
            List<Column> candidates = added.stream()
                    .filter(c -> c.table().equals(old.table()) && Objects.equals(c.type(), old.type())).toList();
            long droppedInTable = dropped.stream().filter(c -> c.table().equals(old.table())).count();
            if (candidates.size() == 1 && droppedInTable == 1 && tableExists(after, old.table())) {
                renamedTo.add(candidates.get(0));
                hints.add(old.qualified() + " renamed to " + candidates.get(0).name() + ": add the new column and write"
                        + " both in this release, drop the old one in a later release");
            } else if (tableExists(after, old.table())) {
                hints.add(old.qualified() + " dropped while the previous release's mappers may still use it: stop using"
                        + " it in one release, drop it in a later release");
            }
        }
        before.values().stream().map(Column::table).distinct().filter(table -> !tableExists(after, table))
                .forEach(table -> hints.add("table " + table + " dropped: stop using it in one release, drop it in a"
                        + " later release"));
        for (Column column : added) {
            if (!column.nullable() && !column.hasDefault() && !renamedTo.contains(column) && tableExists(before, column.table())) {
                hints.add(column.qualified() + " added NOT NULL without a default: the previous release's inserts leave"
                        + " it empty; add it nullable or with a default, backfill, and require it in a later release");
            }
        }
        return hints;
    }

    /** Steps for what the new mappers need that the previous schema lacks (new app, old DB). */
    List<String> expandHints() {
        List<String> hints = new ArrayList<>();
        after.values().stream().map(Column::table).distinct().filter(table -> !tableExists(before, table))
                .forEach(table -> hints.add("table " + table + " is new: upgrade the database before this release's"
                        + " instances start"));
        for (Column column : after.values()) {
            if (!before.containsKey(column.qualified()) && tableExists(before, column.table())) {
                hints.add(column.qualified() + " is new and this release's mappers may read it: upgrade the database"
                        + " before this release's instances start, or use it only in a later release");
            }
        }
        return hints;
    }

    private static boolean tableExists(Map<String, Column> columns, String table) {
        return columns.values().stream().anyMatch(c -> c.table().equals(table));
    }
}
