package dev.avatarbot.schema.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.Revision;

/**
 * Writes {@code index.html} describing a live schema: its revision history (newest first, the current
 * one marked), an entity-relationship diagram (inline SVG) and, per table, its columns with types,
 * nullability and defaults, its indexes, foreign keys and checks. Read from the {@link Catalog}, so it
 * shows what the database has, not what anyone meant.
 */
public final class SchemaDocs {

    record Column(String name, String type, boolean nullable, String defaultValue, boolean primaryKey) {
    }

    record ForeignKey(String name, String table, String column, String parentTable, String parentColumn,
                      String definition) {
    }

    record Table(String name, List<Column> columns, List<String> indexes, List<String> checks) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private SchemaDocs() {
    }

    /** Writes {@code directory/index.html} for the schema of {@code dataSource}, without a history; returns the file. */
    public static Path write(DataSource dataSource, String title, Path directory) {
        return write(dataSource, title, directory, List.of());
    }

    /**
     * Writes {@code directory/index.html} for the schema of {@code dataSource} with its revision
     * history: {@code revisions} as {@link dev.avatarbot.schema.migration.SchemaStatus#revisions()}
     * gives them (oldest first), shown newest first. Returns the file.
     */
    public static Path write(DataSource dataSource, String title, Path directory, List<Revision> revisions) {
        Catalog catalog = Catalog.read(dataSource);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("index.html");
            Files.writeString(file, html(title, revisions, tables(catalog), foreignKeys(catalog)), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new SchemaException("Could not write the schema docs into " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Table> tables(Catalog catalog) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Catalog.Table table : catalog.tables().values()) {
            Catalog.Constraint primaryKey = catalog.primaryKey(table.name());
            List<Column> columns = table.columns().values().stream().map(c -> new Column(c.name(),
                    c.type() + switch (c.identity()) {
                        case "a" -> " (identity always)";
                        case "d" -> " (identity by default)";
                        default -> "";
                    }, !c.notNull(), c.generated() != null ? c.generatedClause() : c.defaultValue(),
                    primaryKey != null && primaryKey.columns().contains(c.name()))).toList();
            List<String> indexes = catalog.indexes().values().stream().filter(i -> i.table().equals(table.name()))
                    .map(Catalog.Index::definition).toList();
            List<String> checks = catalog.constraints().values().stream()
                    .filter(c -> c.table().equals(table.name()) && c.type() == 'c')
                    .map(c -> c.name() + ": " + c.definition()).toList();
            tables.put(table.name(), new Table(table.name(), columns, indexes, checks));
        }
        return tables;
    }

    private static List<ForeignKey> foreignKeys(Catalog catalog) {
        return catalog.constraints().values().stream().filter(c -> c.type() == 'f')
                .map(c -> new ForeignKey(c.name(), c.table(), c.columns().get(0), c.referencedTable(),
                        c.referencedColumns().get(0), c.definition()))
                .toList();
    }

    // --- HTML ---------------------------------------------------------------------------------

    private static String html(String title, List<Revision> revisions, Map<String, Table> tables,
                               List<ForeignKey> foreignKeys) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}")
                .append("th{background:#f3f3f3}code{font-size:.9em}.pk{font-weight:bold}tr.current{background:#eef5e9;font-weight:bold}\n</style>\n</head>\n<body>\n<h1>")
                .append(escape(title)).append("</h1>\n");
        history(html, revisions);
        html.append("<h2>Entity-relationship diagram</h2>\n")
                .append("<p>Bold: primary key. *: not null. Arrows: foreign keys, from the referencing column"
                        + " to the referenced one.</p>\n")
                .append(ErDiagram.svg(tables, foreignKeys)).append('\n');
        for (Table table : tables.values()) {
            html.append("<h2 id=\"").append(escape(table.name())).append("\">").append(escape(table.name())).append("</h2>\n")
                    .append("<table><tr><th>column</th><th>type</th><th>null</th><th>default</th></tr>\n");
            for (Column column : table.columns()) {
                html.append("<tr><td").append(column.primaryKey() ? " class=\"pk\"" : "").append('>')
                        .append(escape(column.name())).append(column.primaryKey() ? " (PK)" : "").append("</td><td>")
                        .append(escape(column.type())).append("</td><td>").append(column.nullable() ? "yes" : "no")
                        .append("</td><td><code>").append(escape(column.defaultValue() == null ? "" : column.defaultValue()))
                        .append("</code></td></tr>\n");
            }
            html.append("</table>\n<h3>Indexes</h3>\n<ul>\n");
            table.indexes().forEach(i -> html.append("<li><code>").append(escape(i)).append("</code></li>\n"));
            html.append("</ul>\n");
            List<ForeignKey> own = foreignKeys.stream().filter(k -> k.table().equals(table.name())).toList();
            if (!own.isEmpty()) {
                html.append("<h3>Foreign keys</h3>\n<ul>\n");
                own.forEach(k -> html.append("<li><code>").append(escape(k.name() + ": " + k.definition()))
                        .append("</code></li>\n"));
                html.append("</ul>\n");
            }
            if (!table.checks().isEmpty()) {
                html.append("<h3>Checks</h3>\n<ul>\n");
                table.checks().forEach(c -> html.append("<li><code>").append(escape(c)).append("</code></li>\n"));
                html.append("</ul>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** The revisions newest first, each with its id, message and applied date; the current one marked. */
    private static void history(StringBuilder html, List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"revision-history\">Revision history</h2>\n")
                .append("<p>Newest first. &#8594; marks the database's current revision.</p>\n")
                .append("<table class=\"history\"><tr><th></th><th>revision</th><th>message</th><th>applied at</th></tr>\n");
        for (int i = revisions.size() - 1; i >= 0; i--) {
            Revision revision = revisions.get(i);
            html.append("<tr data-revision=\"").append(escape(revision.id())).append('"')
                    .append(revision.current() ? " class=\"current\"" : "").append("><td>")
                    .append(revision.current() ? "&#8594; current" : "").append("</td><td><code>")
                    .append(escape(revision.id())).append("</code></td><td>").append(escape(revision.message()))
                    .append("</td><td>").append(revision.applied() ? escape(WHEN.format(revision.appliedAt())) : "pending")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Boxes placed in columns by how far a table is from the root of its foreign keys. */
    static final class ErDiagram {
        private static final int BOX_WIDTH = 250;
        private static final int GAP_X = 110;
        private static final int GAP_Y = 40;
        private static final int HEADER = 28;
        private static final int ROW = 18;

        private ErDiagram() {
        }

        static String svg(Map<String, Table> tables, List<ForeignKey> foreignKeys) {
            Map<String, Integer> depth = new LinkedHashMap<>();
            tables.keySet().forEach(t -> depth.put(t, depthOf(t, foreignKeys, 0)));
            Map<String, int[]> position = new LinkedHashMap<>();
            Map<Integer, Integer> nextY = new LinkedHashMap<>();
            int width = 0;
            int height = 0;
            List<String> ordered = new ArrayList<>(tables.keySet());
            ordered.sort((a, b) -> depth.get(a).equals(depth.get(b)) ? a.compareTo(b) : depth.get(a) - depth.get(b));
            for (String name : ordered) {
                int column = depth.get(name);
                int x = 20 + column * (BOX_WIDTH + GAP_X);
                int y = nextY.getOrDefault(column, 20);
                position.put(name, new int[] {x, y});
                int boxHeight = HEADER + ROW * tables.get(name).columns().size() + 8;
                nextY.put(column, y + boxHeight + GAP_Y);
                width = Math.max(width, x + BOX_WIDTH + 20);
                height = Math.max(height, y + boxHeight + 20);
            }
            StringBuilder svg = new StringBuilder();
            svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"er-diagram\" width=\"%d\""
                    + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height,
                    width, height));
            svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                    + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/>"
                    + "</marker></defs>\n");
            for (ForeignKey key : foreignKeys) {
                int[] child = position.get(key.table());
                int[] parent = position.get(key.parentTable());
                if (child == null || parent == null) {
                    continue;
                }
                int childY = child[1] + HEADER + ROW * indexOf(tables.get(key.table()), key.column()) + ROW / 2 + 4;
                int parentY = parent[1] + HEADER + ROW * indexOf(tables.get(key.parentTable()), key.parentColumn()) + ROW / 2 + 4;
                int fromX = child[0];
                int toX = parent[0] + BOX_WIDTH;
                int middle = (fromX + toX) / 2;
                svg.append(String.format(Locale.ROOT, "<path class=\"fk\" d=\"M %d %d C %d %d, %d %d, %d %d\" fill=\"none\""
                                + " stroke=\"#555\" marker-end=\"url(#arrow)\"><title>%s</title></path>%n",
                        fromX, childY, middle, childY, middle, parentY, toX, parentY, escape(key.name())));
            }
            for (String name : ordered) {
                int[] at = position.get(name);
                Table table = tables.get(name);
                int boxHeight = HEADER + ROW * table.columns().size() + 8;
                svg.append(String.format(Locale.ROOT, "<g class=\"table\" data-table=\"%s\">%n", escape(name)));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\""
                        + " fill=\"#fff\" stroke=\"#333\"/>%n", at[0], at[1], BOX_WIDTH, boxHeight));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\""
                        + " fill=\"#2f5d8a\"/>%n", at[0], at[1], BOX_WIDTH, HEADER - 4));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#fff\" font-weight=\"bold\">%s</text>%n",
                        at[0] + 8, at[1] + 17, escape(name)));
                for (int i = 0; i < table.columns().size(); i++) {
                    Column column = table.columns().get(i);
                    int y = at[1] + HEADER + ROW * i + 13;
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>"
                                    + "<text x=\"%d\" y=\"%d\" fill=\"#666\" text-anchor=\"end\">%s</text>%n",
                            at[0] + 8, y, column.primaryKey() ? " font-weight=\"bold\"" : "",
                            escape(column.name() + (column.nullable() ? "" : " *")),
                            at[0] + BOX_WIDTH - 8, y, escape(shortType(column.type()))));
                }
                svg.append("</g>\n");
            }
            return svg.append("</svg>").toString();
        }

        private static int depthOf(String table, List<ForeignKey> keys, int guard) {
            if (guard > 20) {
                return 0; // a cycle: stop climbing
            }
            int depth = 0;
            for (ForeignKey key : keys) {
                if (key.table().equals(table) && !key.parentTable().equals(table)) {
                    depth = Math.max(depth, 1 + depthOf(key.parentTable(), keys, guard + 1));
                }
            }
            return depth;
        }

        private static int indexOf(Table table, String column) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equals(column)) {
                    return i;
                }
            }
            return 0;
        }

        private static String shortType(String type) {
            return type.replace("timestamp with time zone", "timestamptz").replace(" (identity by default)", " identity");
        }
    }
}
