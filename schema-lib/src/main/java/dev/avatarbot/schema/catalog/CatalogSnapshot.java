package dev.avatarbot.schema.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;

/**
 * What the live catalog of one schema holds, as sorted, comparable lines: tables, columns with
 * type, nullability, default and identity, indexes, constraints, triggers and functions. Liquibase's
 * own tables are left out. Two snapshots are equal exactly when the schemas are.
 */
public record CatalogSnapshot(Set<String> tables, List<String> columns, List<String> indexes,
                              List<String> constraints, List<String> triggers, List<String> functions) {

    private static final String NOT_LIQUIBASE = "NOT IN ('databasechangelog', 'databasechangeloglock')";

    public static CatalogSnapshot read(DataSource dataSource) {
        try (Connection connection = DatabaseConnections.open(dataSource)) {
            return read(connection);
        } catch (SQLException e) {
            throw new SchemaException("Could not read the catalog: " + e.getMessage(), e);
        }
    }

    public static CatalogSnapshot read(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        return new CatalogSnapshot(
                new TreeSet<>(query(connection, schema, """
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name %s
                        """.formatted(NOT_LIQUIBASE))),
                query(connection, schema, """
                        SELECT table_name || '.' || column_name || ' ' || data_type
                               || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE ' null' END
                               || COALESCE(' default ' || column_default, '')
                               || CASE WHEN is_identity = 'YES' THEN ' identity ' || identity_generation ELSE '' END
                        FROM information_schema.columns
                        WHERE table_schema = ? AND table_name %s
                        """.formatted(NOT_LIQUIBASE)),
                query(connection, schema, """
                        SELECT indexname || ': ' || indexdef FROM pg_indexes
                        WHERE schemaname = ? AND tablename %s
                        """.formatted(NOT_LIQUIBASE)),
                query(connection, schema, """
                        SELECT c.conname || ' on ' || t.relname || ': ' || pg_get_constraintdef(c.oid)
                        FROM pg_constraint c
                        JOIN pg_class t ON t.oid = c.conrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        WHERE n.nspname = ? AND t.relname %s
                        """.formatted(NOT_LIQUIBASE)),
                query(connection, schema, """
                        SELECT tg.tgname || ': ' || pg_get_triggerdef(tg.oid)
                        FROM pg_trigger tg
                        JOIN pg_class t ON t.oid = tg.tgrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        WHERE n.nspname = ? AND NOT tg.tgisinternal
                        """),
                query(connection, schema, """
                        SELECT p.proname || ': ' || md5(pg_get_functiondef(p.oid))
                        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = ? AND p.prokind = 'f'
                        """));
    }

    /** Every fact of the snapshot, one line each, in a stable order: handy for diffs and messages. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        tables.forEach(t -> lines.add("table " + t));
        columns.forEach(c -> lines.add("column " + c));
        indexes.forEach(i -> lines.add("index " + i));
        constraints.forEach(c -> lines.add("constraint " + c));
        triggers.forEach(t -> lines.add("trigger " + t));
        functions.forEach(f -> lines.add("function " + f));
        return lines;
    }

    /**
     * Every fact keyed by what it is about ({@code column users.first_name}, {@code index ix_x},
     * {@code constraint fk_x on avatars}), so that two snapshots can be compared fact by fact.
     */
    public SortedMap<String, String> entries() {
        SortedMap<String, String> entries = new TreeMap<>();
        tables.forEach(t -> entries.put("table " + t, ""));
        columns.forEach(c -> entries.put("column " + c.substring(0, c.indexOf(' ')), c.substring(c.indexOf(' ') + 1)));
        indexes.forEach(i -> entries.put("index " + i.substring(0, i.indexOf(':')), i.substring(i.indexOf(':') + 2)));
        constraints.forEach(c -> entries.put("constraint " + c.substring(0, c.indexOf(':')), c.substring(c.indexOf(':') + 2)));
        triggers.forEach(t -> entries.put("trigger " + t.substring(0, t.indexOf(':')), t.substring(t.indexOf(':') + 2)));
        functions.forEach(f -> entries.put("function " + f.substring(0, f.indexOf(':')), f.substring(f.indexOf(':') + 2)));
        return entries;
    }

    /** Each way this (live) catalog departs from {@code expected}, one readable line per difference. */
    public List<String> differencesFrom(CatalogSnapshot expected) {
        SortedMap<String, String> live = entries();
        SortedMap<String, String> wanted = expected.entries();
        List<String> differences = new ArrayList<>();
        SortedSet<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(wanted.keySet());
        for (String key : keys) {
            String is = live.get(key);
            String should = wanted.get(key);
            if (should == null) {
                differences.add(key + " is not in the revisions (added by hand?)" + (is.isEmpty() ? "" : ": " + is));
            } else if (is == null) {
                differences.add(key + " is missing (dropped by hand?)" + (should.isEmpty() ? "" : "; the revisions have: " + should));
            } else if (!is.equals(should)) {
                differences.add(key + " was altered: it is '" + is + "', the revisions have '" + should + "'");
            }
        }
        return differences;
    }

    private static List<String> query(Connection connection, String schema, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            List<String> rows = new ArrayList<>();
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    rows.add(resultSet.getString(1));
                }
            }
            rows.sort(null);
            return List.copyOf(rows);
        }
    }
}
