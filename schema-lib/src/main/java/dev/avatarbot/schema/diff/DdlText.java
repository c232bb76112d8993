package dev.avatarbot.schema.diff;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.avatarbot.schema.catalog.Catalog.Column;
import dev.avatarbot.schema.catalog.Catalog.Constraint;
import dev.avatarbot.schema.catalog.Catalog.Table;
import dev.avatarbot.schema.core.SqlText;

/**
 * The DDL text {@link RevisionWriter}'s recipes are written in: names bare when they can be and
 * quoted otherwise (as the catalog's keywords require), literals, and the statements the recipes
 * share, formatted in the house style.
 */
final class DdlText {

    private final Set<String> keywords;

    DdlText(Set<String> keywords) {
        this.keywords = keywords;
    }

    String createTable(Table table, Constraint primaryKey) {
        List<String> lines = table.columns().values().stream().map(this::columnDefinition).collect(Collectors.toList());
        if (primaryKey != null) {
            lines.add("CONSTRAINT " + name(primaryKey.name()) + " " + primaryKey.definition());
        }
        return "CREATE TABLE " + name(table.name()) + " (\n    " + String.join(",\n    ", lines) + "\n)";
    }

    String columnDefinition(Column column) {
        StringBuilder definition = new StringBuilder(name(column.name())).append(' ').append(column.type());
        if (!column.identity().isEmpty()) {
            definition.append(' ').append(column.identityClause());
        } else if (column.generated() != null) {
            definition.append(' ').append(column.generatedClause());
            if (column.notNull()) {
                definition.append(" NOT NULL");
            }
        } else {
            if (column.notNull()) {
                definition.append(" NOT NULL");
            }
            if (column.defaultValue() != null) {
                definition.append(" DEFAULT ").append(column.defaultValue());
            }
        }
        return definition.toString();
    }

    String setDefault(Column column, String value) {
        return alter(column) + (value == null ? " DROP DEFAULT" : " SET DEFAULT " + value);
    }

    String alterTable(String table) {
        return "ALTER TABLE " + name(table);
    }

    String alter(Column column) {
        return alterTable(column.table()) + " ALTER COLUMN " + name(column.name());
    }

    static String concurrently(String createIndex) {
        return createIndex.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
    }

    static String truncate(String name) {
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** A name as SQL needs it: bare when it can be, quoted otherwise ({@code "order"}). */
    String name(String identifier) {
        return SqlText.name(identifier, keywords);
    }

    static String labels(List<String> labels) {
        return labels.stream().map(SqlText::literal).collect(Collectors.joining(", "));
    }
}
