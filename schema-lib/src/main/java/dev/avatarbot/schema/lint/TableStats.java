package dev.avatarbot.schema.lint;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;

import dev.avatarbot.schema.core.FileReading;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.SqlText;

/**
 * Estimated rows of each table, read from a live database ({@code pg_class.reltuples}, counted
 * for a small table never analysed) or from a stats file exported from one, so that CI without
 * production access knows which tables are large. The file is a properties file:
 * {@code users.rows=1200000}, {@code users.bytes=...}.
 */
public final class TableStats {

    private static final long COUNT_BELOW_BYTES = 10L * 1024 * 1024;

    private final Map<String, long[]> tables;

    private TableStats(Map<String, long[]> tables) {
        this.tables = tables;
    }

    public static TableStats none() {
        return new TableStats(Map.of());
    }

    /** The tables of the session's search path (its first schema) in {@code connection}'s database. */
    public static TableStats read(Connection connection) {
        Map<String, long[]> tables = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid), pg_relation_size(c.oid)
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()""")) {
            while (rows.next()) {
                tables.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4)});
            }
            for (Map.Entry<String, long[]> table : tables.entrySet()) {
                long[] values = table.getValue();
                if (values[0] < 0 && values[2] < COUNT_BELOW_BYTES) { // never analysed, and cheap to count
                    try (ResultSet count = statement.executeQuery("SELECT count(*) FROM "
                            + SqlText.quoted(table.getKey()))) {
                        count.next();
                        values[0] = count.getLong(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new SchemaException("Could not read the tables' sizes: " + e.getMessage(), e);
        }
        return new TableStats(tables);
    }

    public static TableStats readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw FileReading.unreadable("stats file", file, e, "Export one with schema.lint.exportStats against the"
                    + " production database.");
        }
        Map<String, long[]> tables = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.endsWith(".rows")) {
                String table = key.substring(0, key.length() - ".rows".length());
                try {
                    tables.put(table, new long[] {Long.parseLong(properties.getProperty(key).strip()),
                            Long.parseLong(properties.getProperty(table + ".bytes", "-1").strip()), -1});
                } catch (NumberFormatException e) {
                    throw new SchemaException.UserError("The stats file " + file + " has a bad number for " + key
                            + ": '" + properties.getProperty(key) + "'.");
                }
            }
        }
        return new TableStats(tables);
    }

    public void writeFile(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write("# Estimated table sizes for schema:lint (-Dschema.lint.stats=" + file.getFileName() + ")\n");
                for (Map.Entry<String, long[]> table : tables.entrySet()) {
                    writer.write(table.getKey() + ".rows=" + table.getValue()[0] + "\n");
                    writer.write(table.getKey() + ".bytes=" + table.getValue()[1] + "\n");
                }
            }
        } catch (IOException e) {
            throw new SchemaException("Cannot write the stats file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Estimated rows of {@code table}, when known. */
    public OptionalLong rows(String table) {
        long[] values = tables.get(table);
        return values == null || values[0] < 0 ? OptionalLong.empty() : OptionalLong.of(values[0]);
    }

    public int size() {
        return tables.size();
    }
}
