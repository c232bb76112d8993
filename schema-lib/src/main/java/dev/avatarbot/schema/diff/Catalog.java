package dev.avatarbot.schema.diff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.DatabaseConnections;
import dev.avatarbot.schema.core.SchemaException;

/**
 * The live catalog of one schema as structured objects, for {@link SchemaDiff}: tables with their
 * columns in order, enum types with their labels, indexes (those not behind a constraint),
 * constraints, triggers and functions. Liquibase's own tables are left out. {@code keywords} are
 * the server's words that a name must be quoted to be (what quote_ident quotes).
 */
public record Catalog(SortedMap<String, Table> tables, SortedMap<String, List<String>> enums,
                      SortedMap<String, Index> indexes, SortedMap<String, Constraint> constraints,
                      SortedMap<String, Trigger> triggers, SortedMap<String, String> functions,
                      Set<String> keywords) {

    /** A table and its columns, in their order. */
    public record Table(String name, Map<String, Column> columns) {
    }

    /**
     * A column: its type as PostgreSQL writes it, nullability, default expression (null: none) and
     * identity ({@code a} always, {@code d} by default, empty: none).
     */
    public record Column(String table, String name, String type, boolean notNull, String defaultValue,
                         String identity) {
    }

    /** An index of its own (not one behind a primary key or unique constraint): {@code definition} is CREATE INDEX. */
    public record Index(String name, String table, String definition) {
    }

    /**
     * A constraint: {@code type} as pg_constraint has it ({@code p}, {@code u}, {@code f}, {@code c},
     * {@code x}), {@code definition} as pg_get_constraintdef writes it (without NOT VALID).
     */
    public record Constraint(String name, String table, char type, String definition) {
        /** The key the diff compares by: constraint names are unique per table only. */
        public String key() {
            return table + "." + name;
        }
    }

    /** A trigger and its CREATE TRIGGER statement. */
    public record Trigger(String name, String table, String definition) {
    }

    /** Whether the schemas are the same, fact by fact (the keywords are the server's, not the schema's). */
    public boolean sameSchemaAs(Catalog other) {
        return tables.equals(other.tables) && enums.equals(other.enums) && indexes.equals(other.indexes)
                && constraints.equals(other.constraints) && triggers.equals(other.triggers)
                && functions.equals(other.functions);
    }

    private static final String NOT_LIQUIBASE = "NOT IN ('databasechangelog', 'databasechangeloglock')";

    public static Catalog read(DataSource dataSource) {
        try (Connection connection = DatabaseConnections.open(dataSource)) {
            return read(connection);
        } catch (SQLException e) {
            throw new SchemaException("Could not read the catalog: " + e.getMessage(), e);
        }
    }

    public static Catalog read(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        SortedMap<String, Table> tables = new TreeMap<>();
        for (List<String> row : query(connection, schema, """
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname %s
                ORDER BY c.relname, a.attnum
                """.formatted(NOT_LIQUIBASE))) {
            Table table = tables.computeIfAbsent(row.get(0), name -> new Table(name, new LinkedHashMap<>()));
            table.columns().put(row.get(1), new Column(row.get(0), row.get(1), row.get(2),
                    "true".equals(row.get(3)), row.get(4), row.get(5) == null ? "" : row.get(5)));
        }
        SortedMap<String, List<String>> enums = new TreeMap<>();
        for (List<String> row : query(connection, schema, """
                SELECT t.typname, e.enumlabel
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_enum e ON e.enumtypid = t.oid
                WHERE n.nspname = ?
                ORDER BY t.typname, e.enumsortorder
                """)) {
            enums.computeIfAbsent(row.get(0), name -> new ArrayList<>()).add(row.get(1));
        }
        SortedMap<String, Index> indexes = new TreeMap<>();
        for (List<String> row : query(connection, schema, """
                SELECT i.relname, t.relname, pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname %s
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.contype IN ('p', 'u', 'x'))
                ORDER BY i.relname
                """.formatted(NOT_LIQUIBASE))) {
            indexes.put(row.get(0), new Index(row.get(0), row.get(1), unqualified(row.get(2), schema)));
        }
        SortedMap<String, Constraint> constraints = new TreeMap<>();
        for (List<String> row : query(connection, schema, """
                SELECT c.conname, t.relname, c.contype::text, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND c.contype IN ('p', 'u', 'f', 'c', 'x') AND t.relname %s
                ORDER BY t.relname, c.conname
                """.formatted(NOT_LIQUIBASE))) {
            Constraint constraint = new Constraint(row.get(0), row.get(1), row.get(2).charAt(0),
                    row.get(3).replaceAll("\\s+NOT VALID$", ""));
            constraints.put(constraint.key(), constraint);
        }
        SortedMap<String, Trigger> triggers = new TreeMap<>();
        for (List<String> row : query(connection, schema, """
                SELECT tg.tgname, t.relname, pg_get_triggerdef(tg.oid)
                FROM pg_trigger tg
                JOIN pg_class t ON t.oid = tg.tgrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND NOT tg.tgisinternal
                ORDER BY t.relname, tg.tgname
                """)) {
            triggers.put(row.get(1) + "." + row.get(0), new Trigger(row.get(0), row.get(1), unqualified(row.get(2), schema)));
        }
        SortedMap<String, String> functions = new TreeMap<>();
        for (List<String> row : query(connection, schema, """
                SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ? AND p.prokind IN ('f', 'p')
                ORDER BY 1
                """)) {
            functions.put(row.get(0), row.get(1));
        }
        Set<String> keywords = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'");
             ResultSet resultSet = statement.executeQuery()) {
            while (resultSet.next()) {
                keywords.add(resultSet.getString(1));
            }
        }
        return new Catalog(tables, enums, indexes, constraints, triggers, functions, keywords);
    }

    /** A definition without the schema's own name before table names ({@code ON public.users} → {@code ON users}). */
    private static String unqualified(String definition, String schema) {
        return definition.replace(" ON " + schema + ".", " ON ").replace(" ON ONLY " + schema + ".", " ON ONLY ");
    }

    private static List<List<String>> query(Connection connection, String schema, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet resultSet = statement.executeQuery()) {
                int width = resultSet.getMetaData().getColumnCount();
                while (resultSet.next()) {
                    List<String> row = new ArrayList<>(width);
                    for (int i = 1; i <= width; i++) {
                        row.add(resultSet.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
