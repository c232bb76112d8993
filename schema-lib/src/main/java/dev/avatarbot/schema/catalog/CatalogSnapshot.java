package dev.avatarbot.schema.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * A {@link Catalog} as sorted, comparable lines, one kind of object each: tables, columns with
 * type, nullability, default, identity and generation, enum types with their labels, sequences,
 * indexes, constraints, triggers and functions (by a digest of their definition). Two snapshots are
 * equal exactly when the schemas are; handy for tests and for printing a schema.
 */
public record CatalogSnapshot(Set<String> tables, List<String> columns, List<String> enums, List<String> sequences,
                              List<String> indexes, List<String> constraints, List<String> triggers,
                              List<String> functions) {

    public static CatalogSnapshot of(Catalog catalog) {
        return new CatalogSnapshot(
                new TreeSet<>(catalog.tables().keySet()),
                sorted(catalog.columns(), c -> c.qualified() + " " + c.describe()),
                sorted(catalog.enums().entrySet().stream(), e -> e.getKey() + ": " + String.join(", ", e.getValue())),
                sorted(catalog.sequences().values().stream(), s -> s.name() + ": " + s.describe()),
                sorted(catalog.indexes().values().stream(), i -> i.name() + ": " + i.definition()),
                sorted(catalog.constraints().values().stream(), c -> c.name() + " on " + c.table() + ": " + c.definition()
                        + (c.validated() ? "" : " NOT VALID")),
                sorted(catalog.triggers().values().stream(), t -> t.name() + ": " + t.definition()),
                sorted(catalog.functions().entrySet().stream(), f -> f.getKey() + ": " + digest(f.getValue())));
    }

    public static CatalogSnapshot read(DataSource dataSource) {
        return of(Catalog.read(dataSource));
    }

    public static CatalogSnapshot read(Connection connection) throws SQLException {
        return of(Catalog.read(connection));
    }

    /** Every fact of the snapshot, one line each, in a stable order: handy for diffs and messages. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        tables.forEach(t -> lines.add("table " + t));
        columns.forEach(c -> lines.add("column " + c));
        enums.forEach(e -> lines.add("enum type " + e));
        sequences.forEach(s -> lines.add("sequence " + s));
        indexes.forEach(i -> lines.add("index " + i));
        constraints.forEach(c -> lines.add("constraint " + c));
        triggers.forEach(t -> lines.add("trigger " + t));
        functions.forEach(f -> lines.add("function " + f));
        return lines;
    }

    private static <T> List<String> sorted(Stream<T> objects, Function<T, String> line) {
        return objects.map(line).sorted().toList();
    }

    private static String digest(String definition) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(definition.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
