package dev.avatarbot.schema.mappercheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.reflection.MetaClass;
import org.apache.ibatis.session.Configuration;

/**
 * Why MyBatis could not map a real row of a query's result, in one line naming the column and the
 * property (or constructor argument) it goes to: {@code a real row does not map: column "joined_on"
 * into SpendingRow(joinedOn: LocalDate): Cannot convert the column of type TIMESTAMPTZ to requested
 * type java.time.LocalDate.}
 */
final class RowMappingProblem {

    /** How MyBatis's type handlers name the column they failed on. */
    private static final Pattern COLUMN = Pattern.compile("Error attempting to get column '([^']+)' from result set");

    private RowMappingProblem() {
    }

    /**
     * The line for {@code failure}, or "" when the failure is the sample text's own, not the
     * mapping's: a text column read into a Java enum refuses {@code 's1'}, a label of no constant,
     * which real rows need not hold.
     */
    static String describe(MappedStatement statement, RuntimeException failure) {
        Throwable root = root(failure);
        if (root instanceof IllegalArgumentException && String.valueOf(root.getMessage()).startsWith("No enum constant")) {
            return "";
        }
        String cause = MapperCheck.rootMessage(failure);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher column = COLUMN.matcher(String.valueOf(t.getMessage()));
            if (column.find()) {
                return "a real row does not map: column \"" + column.group(1) + "\" into "
                        + target(statement, column.group(1)).orElse("its property") + ": " + cause;
            }
        }
        String first = String.valueOf(failure.getMessage()).strip().lines().filter(line -> !line.isBlank())
                .findFirst().orElse(cause);
        return "a real row does not map: " + first.replaceFirst("^### ", "")
                + (first.contains(cause) ? "" : " (" + cause + ")");
    }

    /** {@code SpendingRow.coins (int)} or {@code SpendingRow(coins: int)}: where the column goes. */
    private static Optional<String> target(MappedStatement statement, String column) {
        Configuration configuration = statement.getConfiguration();
        for (ResultMap resultMap : statement.getResultMaps()) {
            Optional<String> found = target(configuration, resultMap, "", column);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> target(Configuration configuration, ResultMap resultMap, String prefix,
                                           String column) {
        String type = resultMap.getType().getSimpleName();
        List<ResultMapping> constructor = resultMap.getConstructorResultMappings();
        for (ResultMapping mapping : resultMap.getResultMappings()) {
            if (mapping.getNestedResultMapId() != null) {
                Optional<String> nested = target(configuration, configuration.getResultMap(mapping.getNestedResultMapId()),
                        prefix + (mapping.getColumnPrefix() == null ? "" : mapping.getColumnPrefix()), column);
                if (nested.isPresent()) {
                    return nested;
                }
                continue;
            }
            if (mapping.getColumn() == null || !(prefix + mapping.getColumn()).equalsIgnoreCase(column)) {
                continue;
            }
            String javaType = mapping.getJavaType() == null ? "?" : mapping.getJavaType().getSimpleName();
            if (constructor.contains(mapping)) {
                String argument = mapping.getProperty() != null ? mapping.getProperty()
                        : "argument " + (constructor.indexOf(mapping) + 1);
                return Optional.of(type + "(" + argument + ": " + javaType + ")");
            }
            return Optional.of(type + "." + mapping.getProperty() + " (" + javaType + ")");
        }
        // auto-mapped: the property the column's name finds
        String label = column.substring(Math.min(prefix.length(), column.length()));
        MetaClass metaClass = MetaClass.forClass(resultMap.getType(), configuration.getReflectorFactory());
        String property = metaClass.findProperty(label, configuration.isMapUnderscoreToCamelCase());
        if (property != null && metaClass.hasSetter(property)) {
            return Optional.of(type + "." + property + " (" + metaClass.getSetterType(property).getSimpleName() + ")");
        }
        return Optional.empty();
    }

    private static Throwable root(Throwable e) {
        List<Throwable> seen = new ArrayList<>();
        Throwable cause = e;
        while (cause.getCause() != null && !seen.contains(cause.getCause())) {
            seen.add(cause);
            cause = cause.getCause();
        }
        return cause;
    }
}
