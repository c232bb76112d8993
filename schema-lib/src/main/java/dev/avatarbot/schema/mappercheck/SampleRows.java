package dev.avatarbot.schema.mappercheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.core.SqlText;

/**
 * One generated, valid row in every table of the schema, so that a query has a real row to return
 * and its result map is tried on it, not only on the result's column types. Each value is the one
 * {@link SampleValues} binds for its type ({@code 1}, {@code 's1'}, the first sample UUID, its
 * instant, {@code {}}), so the sample parameters find the rows and every foreign key meets its
 * parent: {@code WHERE telegram_id = #{telegramId}} and {@code JOIN avatars a ON a.user_id = u.id}
 * both match. Parents go in before their children; a table whose row the schema refuses (a check the
 * sample values break, a type without a sample) is left empty and named.
 */
final class SampleRows {

    /** The text each sample takes, by the type as {@code format_type} writes it without modifiers. */
    private static final Map<String, String> BY_TYPE = Map.ofEntries(
            Map.entry("smallint", "1"), Map.entry("integer", "1"), Map.entry("bigint", "1"),
            Map.entry("numeric", "1"), Map.entry("real", "1"), Map.entry("double precision", "1"),
            Map.entry("text", "s1"), Map.entry("character varying", "s1"), Map.entry("character", "s"),
            Map.entry("boolean", "true"), Map.entry("uuid", new UUID(0x5a4d91e0L, 1).toString()),
            Map.entry("timestamp with time zone", "2026-01-02 03:04:05+00"),
            Map.entry("timestamp without time zone", "2026-01-02 03:04:05"), Map.entry("date", "2026-01-02"),
            Map.entry("time without time zone", "03:04:05"), Map.entry("time with time zone", "03:04:05+00"),
            Map.entry("json", "{}"), Map.entry("jsonb", "{}"), Map.entry("bytea", "\\x01"));

    private SampleRows() {
    }

    /** What was inserted: the savepoint after the rows, and one line per table left without one. */
    record Seeded(Savepoint savepoint, List<String> emptyTables) {
    }

    /** Inserts the rows in the connection's open transaction (the caller rolls it back). */
    static Seeded insert(Connection connection) throws SQLException {
        Catalog catalog = Catalog.read(connection);
        List<String> empty = new ArrayList<>();
        for (Catalog.Table table : parentsFirst(catalog)) {
            String insert = insert(catalog, table);
            Savepoint before = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                statement.execute(insert);
                connection.releaseSavepoint(before);
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw e;
                }
                connection.rollback(before);
                empty.add("No sample row in " + table.name() + ", so no query reads a real row of it: "
                        + MapperCheck.rootMessage(e).replaceFirst("^ERROR: ", ""));
            }
        }
        return new Seeded(connection.setSavepoint(), empty);
    }

    private static String insert(Catalog catalog, Catalog.Table table) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        boolean identityAlways = false;
        for (Catalog.Column column : table.columns().values()) {
            if (column.generated() != null) {
                continue;
            }
            names.add(SqlText.quoted(column.name()));
            values.add(value(catalog, column));
            identityAlways |= column.identity().equals("a");
        }
        return "INSERT INTO " + SqlText.quoted(table.name()) + " (" + String.join(", ", names) + ")"
                + (identityAlways ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (" + String.join(", ", values) + ")";
    }

    /**
     * The sample for the column's type, cast to it (an explicit cast fits {@code 's1'} to a
     * {@code varchar(1)}); an enum's first label; an empty array; else the column's default, or null.
     */
    private static String value(Catalog catalog, Catalog.Column column) {
        String type = column.type();
        String unmodified = type.replaceAll("\\(\\d+(,\\d+)?\\)", "");
        if (unmodified.endsWith("[]")) {
            return "CAST('{}' AS " + type + ")";
        }
        String sample = BY_TYPE.get(unmodified);
        if (sample != null) {
            return "CAST(" + SqlText.literal(sample) + " AS " + type + ")";
        }
        String enumName = type.startsWith("\"") ? type.substring(1, type.length() - 1).replace("\"\"", "\"") : type;
        if (catalog.enums().containsKey(enumName)) {
            return "CAST(" + SqlText.literal(catalog.enums().get(enumName).get(0)) + " AS " + type + ")";
        }
        return column.defaultValue() != null ? "DEFAULT" : "NULL";
    }

    /** The tables, each after the tables its foreign keys reference (a cycle in the order read). */
    private static List<Catalog.Table> parentsFirst(Catalog catalog) {
        Map<String, Set<String>> parents = catalog.constraints().values().stream()
                .filter(c -> c.type() == 'f' && c.referencedTable() != null && !c.referencedTable().equals(c.table()))
                .collect(Collectors.groupingBy(Catalog.Constraint::table,
                        Collectors.mapping(Catalog.Constraint::referencedTable, Collectors.toSet())));
        Set<String> ordered = new LinkedHashSet<>();
        for (String table : catalog.tables().keySet()) {
            visit(table, parents, ordered, new LinkedHashSet<>());
        }
        return ordered.stream().filter(catalog.tables()::containsKey).map(catalog.tables()::get).toList();
    }

    private static void visit(String table, Map<String, Set<String>> parents, Set<String> ordered, Set<String> path) {
        if (ordered.contains(table) || !path.add(table)) {
            return;
        }
        for (String parent : parents.getOrDefault(table, Set.of())) {
            visit(parent, parents, ordered, path);
        }
        ordered.add(table);
    }
}
