package dev.avatarbot.schema.mappercheck;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.reflection.MetaClass;
import org.apache.ibatis.session.AutoMappingBehavior;
import org.apache.ibatis.session.Configuration;

/**
 * Compares the columns a query returned with what its result map (or auto-mapping) reads: a mapped
 * column the result lacks, a column an auto-mapped type has no property for, a column whose type
 * cannot become the property's Java type.
 */
final class ResultColumns {

    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL);
    private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR,
            Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB);

    private final Configuration configuration;

    /** A column of the result: its label and its type as the server names it. */
    private record Column(String label, int jdbcType, String typeName) {
    }

    ResultColumns(Configuration configuration) {
        this.configuration = configuration;
    }

    /** The problems, one line each; empty when every mapped column is there and converts. */
    List<String> compare(List<ResultMap> resultMaps, ResultSetMetaData metaData) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            String label = metaData.getColumnLabel(i);
            columns.putIfAbsent(label.toUpperCase(Locale.ROOT),
                    new Column(label, metaData.getColumnType(i), metaData.getColumnTypeName(i)));
        }
        List<String> problems = new ArrayList<>();
        for (ResultMap resultMap : resultMaps) {
            compare(resultMap, "", columns, problems);
        }
        return problems;
    }

    private void compare(ResultMap resultMap, String prefix, Map<String, Column> columns, List<String> problems) {
        Class<?> type = resultMap.getType();
        if (resultMap.getResultMappings().isEmpty() && configuration.getTypeHandlerRegistry().hasTypeHandler(type)) {
            // resultType="long" and the like: the first column is the value
            Column first = columns.values().stream().findFirst().orElse(null);
            if (first != null && !convertible(first, type)) {
                problems.add(cannotConvert(first, type.getSimpleName()));
            }
            return;
        }
        String typeName = type.getSimpleName();
        for (ResultMapping mapping : resultMap.getResultMappings()) {
            if (mapping.getNestedResultMapId() != null) {
                String nestedPrefix = prefix + (mapping.getColumnPrefix() == null ? "" : mapping.getColumnPrefix());
                compare(configuration.getResultMap(mapping.getNestedResultMapId()), nestedPrefix, columns, problems);
                continue;
            }
            if (mapping.getColumn() == null || !mapping.getComposites().isEmpty()) {
                continue;
            }
            String name = prefix + mapping.getColumn();
            Column column = columns.get(name.toUpperCase(Locale.ROOT));
            String property = typeName + "." + (mapping.getProperty() == null ? "(constructor)" : mapping.getProperty());
            if (column == null) {
                problems.add("the result has no column \"" + name + "\" for " + property);
            } else if (mapping.getNestedQueryId() == null && !convertible(column, mapping.getJavaType())) {
                problems.add(cannotConvert(column, property + " (" + simpleName(mapping.getJavaType()) + ")"));
            }
        }
        if (!autoMaps(resultMap)) {
            return;
        }
        MetaClass metaClass = MetaClass.forClass(type, configuration.getReflectorFactory());
        Set<String> mapped = resultMap.getMappedColumns();
        boolean onlyAutoMapping = resultMap.getResultMappings().isEmpty();
        for (Column column : columns.values()) {
            String label = column.label();
            if (!prefix.isEmpty()) {
                if (!label.toUpperCase(Locale.ROOT).startsWith(prefix.toUpperCase(Locale.ROOT))) {
                    continue;
                }
                label = label.substring(prefix.length());
            }
            if (mapped.contains((prefix + label).toUpperCase(Locale.ROOT))) {
                continue;
            }
            String property = metaClass.findProperty(label, configuration.isMapUnderscoreToCamelCase());
            if (property == null || !metaClass.hasSetter(property)) {
                if (onlyAutoMapping) {
                    problems.add("column \"" + column.label() + "\" has no property in " + typeName);
                }
            } else if (!convertible(column, metaClass.getSetterType(property))) {
                problems.add(cannotConvert(column, typeName + "." + property + " ("
                        + simpleName(metaClass.getSetterType(property)) + ")"));
            }
        }
    }

    private boolean autoMaps(ResultMap resultMap) {
        if (resultMap.getAutoMapping() != null) {
            return resultMap.getAutoMapping();
        }
        AutoMappingBehavior behavior = configuration.getAutoMappingBehavior();
        return behavior == AutoMappingBehavior.FULL
                || behavior == AutoMappingBehavior.PARTIAL && !resultMap.hasNestedResultMaps();
    }

    private static String cannotConvert(Column column, String target) {
        return "column \"" + column.label() + "\" is " + column.typeName() + ", which does not convert to " + target;
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "?" : type.getSimpleName();
    }

    /** Whether MyBatis's type handler for {@code type} can read the column (unknown types pass). */
    static boolean convertible(Column column, Class<?> type) {
        if (type == null || type == Object.class || type == String.class) {
            return true; // getString reads every PostgreSQL type
        }
        String name = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
        int jdbc = column.jdbcType();
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class || type == BigInteger.class) {
            return NUMERIC.contains(jdbc);
        }
        if (type == boolean.class || type == Boolean.class) {
            return jdbc == Types.BOOLEAN || jdbc == Types.BIT;
        }
        if (type == UUID.class) {
            return name.equals("uuid");
        }
        if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class
                || type == LocalDateTime.class || type == java.sql.Timestamp.class || type == java.util.Date.class) {
            return name.startsWith("timestamp") || jdbc == Types.TIMESTAMP || jdbc == Types.TIMESTAMP_WITH_TIMEZONE
                    || type == java.util.Date.class && jdbc == Types.DATE;
        }
        if (type == LocalDate.class || type == java.sql.Date.class) {
            return jdbc == Types.DATE || name.startsWith("timestamp");
        }
        if (type == LocalTime.class) {
            return jdbc == Types.TIME || jdbc == Types.TIME_WITH_TIMEZONE;
        }
        if (type == byte[].class) {
            return jdbc == Types.BINARY || jdbc == Types.VARBINARY || jdbc == Types.LONGVARBINARY;
        }
        if (type.isEnum()) {
            return TEXT.contains(jdbc);
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.fasterxml.jackson.databind.JsonNode")) {
                return name.equals("json") || name.equals("jsonb");
            }
        }
        return true;
    }
}
