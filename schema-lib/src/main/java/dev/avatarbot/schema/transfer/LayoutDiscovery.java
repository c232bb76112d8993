package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.core.SqlText;
import dev.avatarbot.schema.transfer.TableLayout.Column;
import dev.avatarbot.schema.transfer.TableLayout.SourcePromises;

/**
 * Matches a source table (or its configured SELECT) with the target's table: which columns travel,
 * which take the target's defaults, which are ignored. Refuses a source the target cannot take.
 * The target's columns are read as the one catalog model reads them ({@link Catalog#columnsOf}).
 */
final class LayoutDiscovery {

    /** Defaults that read the clock: each batch, each run would write another time. */
    private static final Set<String> CLOCK = Set.of("now()", "current_timestamp", "transaction_timestamp()",
            "statement_timestamp()", "clock_timestamp()", "localtimestamp");
    private static final Set<String> STRINGS = Set.of("text", "varchar");
    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
    /** Built-in types whose binary input takes back every value their binary output gives. */
    private static final Set<String> BINARY_AS_SENT = Set.of("int2", "int4", "int8", "text", "varchar", "bool",
            "uuid", "timestamptz", "timestamp", "date", "numeric", "float4", "float8", "jsonb", "json", "bytea");

    private LayoutDiscovery() {
    }

    /**
     * The table's layout; a column whose default is the clock ({@code now()}) takes {@code nullsStamp}
     * for a null instead, one value for the whole run ({@link FinishedTransfers#stampForNulls}), and so
     * does such a column that the source lacks: the source query gives it as that time (and it is
     * still named among the columns that took the target's default).
     */
    static TableLayout describe(Connection src, Connection dst, TransferTable table, Map<String, String> selects,
                                OffsetDateTime nullsStamp) throws SQLException {
        String query = selects.getOrDefault(table.table, "SELECT * FROM " + table.table);
        Map<String, String> sourceTypes = sourceColumns(src, table, query);
        if (!sourceTypes.containsKey(TransferTable.PRIMARY_KEY)) {
            throw new SchemaException.UserError("The source's " + table.table + " has no id column: ids are kept, so"
                    + " map one through a SELECT in the selects file (see the manual's page Moving the data).");
        }
        List<Column> columns = new ArrayList<>();
        List<String> defaulted = new ArrayList<>();
        List<String> clockColumns = new ArrayList<>();
        boolean allSameText = true;
        boolean allSameBinary = true;
        for (Catalog.TypedColumn target : Catalog.columnsOf(dst, table.table)) {
            Catalog.Column column = target.column();
            String name = column.name();
            boolean nullable = !column.notNull();
            String sourceType = sourceTypes.get(name);
            if (sourceType == null) {
                if (!nullable && column.defaultValue() == null) {
                    throw new SchemaException.UserError("The source's " + table.table + " has no column " + name
                            + ", which the target needs and has no default for: provide it through a SELECT"
                            + " in the selects file (see the manual's page Moving the data).");
                }
                defaulted.add(name);
                if (!readsTheClock(column.defaultValue())) {
                    continue;
                }
                // The clock's default would differ per batch and per run: the source gives the run's fixed time.
                clockColumns.add(fixedClock(column.defaultValue(), target.castType(), nullsStamp) + " AS "
                        + SqlText.quoted(name));
                sourceType = target.typeName();
            }
            String typeName = target.typeName();
            allSameText &= sameText(sourceType, typeName);
            allSameBinary &= sameBinary(sourceType, typeName);
            boolean jsonFromText = typeName.equals("jsonb") && !sourceType.equals("json") && !sourceType.equals("jsonb");
            columns.add(new Column(name, target.castType(), typeName, target.builtIn(), nullable,
                    fixedClock(column.defaultValue(), target.castType(), nullsStamp), jsonFromText,
                    !sourceTypes.containsKey(name)));
        }
        if (!clockColumns.isEmpty()) {
            query = "SELECT avatar_db_source.*, " + String.join(", ", clockColumns) + " FROM (" + query
                    + ") avatar_db_source";
        }
        Set<String> used = columns.stream().map(Column::name).collect(Collectors.toSet());
        List<String> ignored = sourceTypes.keySet().stream().filter(name -> !used.contains(name)).toList();
        String idType = columns.stream().filter(c -> c.name().equals(TransferTable.PRIMARY_KEY)).findFirst()
                .map(Column::type).orElse("");
        String sourceIdType = sourceTypes.get(TransferTable.PRIMARY_KEY);
        boolean splittable = idType.equals("uuid") ? sourceIdType.equals("uuid")
                : idType.equals("bigint") && Set.of("int2", "int4", "int8").contains(sourceIdType);
        SourcePromises promised = selects.containsKey(table.table) ? SourcePromises.NONE : new SourcePromises(
                uniqueInSource(src, table.table, TransferTable.PRIMARY_KEY),
                table.uniqueColumn != null && uniqueInSource(src, table.table, table.uniqueColumn),
                // a parent read through a configured SELECT may leave out rows the source's foreign key saw
                table.parentColumn != null && !selects.containsKey(table.parentTable) && referencesInSource(src, table));
        // The binary form of a type is only promised within one major version of the server.
        boolean sameServer = src.getMetaData().getDatabaseMajorVersion() == dst.getMetaData().getDatabaseMajorVersion();
        return new TableLayout(table, query, List.copyOf(columns), List.copyOf(defaulted), ignored, splittable,
                allSameText, allSameBinary && sameServer, promised);
    }

    private static boolean readsTheClock(String defaultExpression) {
        return defaultExpression != null && CLOCK.contains(defaultExpression.toLowerCase(Locale.ROOT));
    }

    /** The column's default, the clock's replaced by the run's fixed time. */
    private static String fixedClock(String defaultExpression, String type, OffsetDateTime nullsStamp) {
        if (!readsTheClock(defaultExpression)) {
            return defaultExpression;
        }
        return "CAST(" + FinishedTransfers.literal(nullsStamp) + " AS " + type + ")";
    }

    /**
     * A value of the source type reads as the same COPY text once it is the target type: the same
     * type, or both strings, or both integers.
     */
    static boolean sameText(String sourceType, String targetType) {
        return sourceType.equals(targetType) || STRINGS.contains(sourceType) && STRINGS.contains(targetType)
                || INTEGERS.contains(sourceType) && INTEGERS.contains(targetType);
    }

    /** A valid unique index of the source on exactly that column, without a predicate. */
    private static boolean uniqueInSource(Connection src, String table, String column) throws SQLException {
        return exists(src, """
                SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indisvalid AND i.indnkeyatts = 1
                AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attname = ?""", table, column);
    }

    /** A validated foreign key of the source from the table's parent column to its parent's id. */
    private static boolean referencesInSource(Connection src, TransferTable table) throws SQLException {
        return exists(src, """
                SELECT 1 FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1]
                WHERE c.contype = 'f' AND c.convalidated AND cardinality(c.conkey) = 1
                AND c.conrelid = to_regclass(?) AND c.confrelid = to_regclass(?) AND a.attname = ? AND p.attname = ?""",
                table.table, table.parentTable, table.parentColumn, TransferTable.PRIMARY_KEY);
    }

    private static boolean exists(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * The target reads the source type's binary COPY form as the same value: the same built-in type
     * (text and varchar share theirs). Only types whose binary input takes every value of the type
     * back (an enum's would refuse a label the target lacks, so it travels as text).
     */
    static boolean sameBinary(String sourceType, String targetType) {
        return BINARY_AS_SENT.contains(targetType)
                && (sourceType.equals(targetType) || STRINGS.contains(sourceType) && STRINGS.contains(targetType));
    }

    private static Map<String, String> sourceColumns(Connection src, TransferTable table, String query) {
        Map<String, String> sourceTypes = new LinkedHashMap<>();
        try (PreparedStatement statement = src.prepareStatement("SELECT * FROM (" + query + ") src LIMIT 0")) {
            ResultSetMetaData meta = statement.executeQuery().getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                sourceTypes.put(meta.getColumnLabel(i), meta.getColumnTypeName(i));
            }
        } catch (SQLException e) {
            throw new SchemaException.UserError("Cannot read " + table.table + " from the source ("
                    + e.getMessage().strip() + "): give it that table, or a SELECT for it in the selects file.", e);
        }
        return sourceTypes;
    }
}
