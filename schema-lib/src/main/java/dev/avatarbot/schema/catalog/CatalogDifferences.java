package dev.avatarbot.schema.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.avatarbot.schema.catalog.Catalog.Column;
import dev.avatarbot.schema.core.SqlText;

/**
 * How a live catalog departs from the expected one (what the revisions give), one line per
 * difference: a column's type, nullability, default, identity or generation each named with the
 * value before and after, an enum type's labels with what was added, removed or reordered, and any
 * other object added, dropped or altered.
 */
final class CatalogDifferences {

    private CatalogDifferences() {
    }

    static List<String> between(Catalog live, Catalog expected) {
        List<String> differences = new ArrayList<>();
        compare(keyed(live), keyed(expected), differences);
        for (String table : live.tables().keySet()) {
            Catalog.Table wanted = expected.tables().get(table);
            if (wanted == null) {
                continue;
            }
            live.tables().get(table).columns().forEach((name, column) -> {
                Column should = wanted.columns().get(name);
                if (should != null) {
                    compareColumn(column, should, differences);
                }
            });
        }
        live.enums().forEach((name, labels) -> {
            List<String> should = expected.enums().get(name);
            if (should != null && !should.equals(labels)) {
                differences.add("enum type " + name + " was altered: its labels are " + labels(labels)
                        + ", the revisions have " + labels(should) + " (" + labelChange(labels, should) + ")");
            }
        });
        return differences;
    }

    private static void compareColumn(Column is, Column should, List<String> out) {
        String altered = "column " + is.qualified() + " was altered: ";
        if (!is.type().equals(should.type())) {
            out.add(altered + "its type is " + is.type() + ", the revisions have " + should.type());
        }
        if (is.notNull() != should.notNull()) {
            out.add(altered + (is.notNull() ? "it is NOT NULL, the revisions have it nullable"
                    : "it is nullable, the revisions have it NOT NULL"));
        }
        if (!Objects.equals(is.defaultValue(), should.defaultValue())) {
            out.add(altered + "its default is " + orNone(is.defaultValue()) + ", the revisions have "
                    + orNone(should.defaultValue()));
        }
        if (!is.identity().equals(should.identity())) {
            out.add(altered + (is.identity().isEmpty() ? "it has no identity" : "it is " + is.identityClause())
                    + ", the revisions have " + (should.identity().isEmpty() ? "no identity" : should.identityClause()));
        }
        if (!Objects.equals(is.generated(), should.generated())) {
            out.add(altered + (is.generated() == null ? "it is a plain column" : "it is " + is.generatedClause())
                    + ", the revisions have " + (should.generated() == null ? "a plain column" : should.generatedClause()));
        }
    }

    /**
     * Every object keyed by what it is about, with what is shown when it is added or dropped, and
     * compared by equality otherwise. Columns and enum types are compared aspect by aspect above.
     */
    private static SortedMap<String, Fact> keyed(Catalog catalog) {
        SortedMap<String, Fact> facts = new TreeMap<>();
        catalog.tables().keySet().forEach(t -> facts.put("table " + t, new Fact("", "")));
        catalog.columns().forEach(c -> facts.put("column " + c.qualified(), new Fact(c.describe(), null)));
        catalog.enums().forEach((name, labels) -> facts.put("enum type " + name, new Fact(labels(labels), null)));
        catalog.sequences().values().forEach(s -> facts.put("sequence " + s.name(), new Fact(s.describe(), s.describe())));
        catalog.indexes().values().forEach(i -> facts.put("index " + i.name(), new Fact(i.definition(), i.definition())));
        catalog.constraints().values().forEach(c -> {
            String definition = c.definition() + (c.validated() ? "" : " NOT VALID");
            facts.put("constraint " + c.name() + " on " + c.table(), new Fact(definition, definition));
        });
        catalog.triggers().values().forEach(t -> facts.put("trigger " + t.name() + " on " + t.table(),
                new Fact(t.definition(), t.definition())));
        catalog.functions().forEach((name, definition) -> facts.put("function " + name, new Fact("", definition)));
        return facts;
    }

    /** {@code shown} when added or dropped; {@code compared}: null when compared elsewhere. */
    private record Fact(String shown, String compared) {
    }

    private static void compare(SortedMap<String, Fact> live, SortedMap<String, Fact> wanted, List<String> out) {
        SortedSet<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(wanted.keySet());
        for (String key : keys) {
            Fact is = live.get(key);
            Fact should = wanted.get(key);
            if (should == null) {
                out.add(key + " is not in the revisions (added by hand?)" + (is.shown().isEmpty() ? "" : ": " + is.shown()));
            } else if (is == null) {
                out.add(key + " is missing (dropped by hand?)"
                        + (should.shown().isEmpty() ? "" : "; the revisions have: " + should.shown()));
            } else if (is.compared() != null && !is.compared().equals(should.compared())) {
                out.add(key.startsWith("function ")
                        ? key + " was altered: its definition differs from the revisions'"
                        : key + " was altered: it is '" + is.compared() + "', the revisions have '" + should.compared() + "'");
            }
        }
    }

    private static String labelChange(List<String> is, List<String> should) {
        List<String> added = is.stream().filter(l -> !should.contains(l)).toList();
        List<String> removed = should.stream().filter(l -> !is.contains(l)).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return "reordered";
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + labels(added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + labels(removed));
        }
        return String.join("; ", parts);
    }

    private static String labels(List<String> labels) {
        return labels.stream().map(SqlText::literal).collect(Collectors.joining(", "));
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
