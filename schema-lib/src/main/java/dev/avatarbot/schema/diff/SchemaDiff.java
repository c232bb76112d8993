package dev.avatarbot.schema.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.catalog.Catalog.Column;
import dev.avatarbot.schema.catalog.Catalog.Constraint;
import dev.avatarbot.schema.catalog.Catalog.Index;
import dev.avatarbot.schema.catalog.Catalog.Table;
import dev.avatarbot.schema.catalog.Catalog.Trigger;
import dev.avatarbot.schema.catalog.ColumnRenames;
import dev.avatarbot.schema.diff.Difference.ColumnAdded;
import dev.avatarbot.schema.diff.Difference.ColumnDefaultChanged;
import dev.avatarbot.schema.diff.Difference.ColumnDropped;
import dev.avatarbot.schema.diff.Difference.ColumnNullabilityChanged;
import dev.avatarbot.schema.diff.Difference.ColumnRenamed;
import dev.avatarbot.schema.diff.Difference.ColumnTypeChanged;
import dev.avatarbot.schema.diff.Difference.ConstraintAdded;
import dev.avatarbot.schema.diff.Difference.ConstraintDropped;
import dev.avatarbot.schema.diff.Difference.EnumAdded;
import dev.avatarbot.schema.diff.Difference.EnumDropped;
import dev.avatarbot.schema.diff.Difference.EnumLabelsAdded;
import dev.avatarbot.schema.diff.Difference.IndexAdded;
import dev.avatarbot.schema.diff.Difference.IndexDropped;
import dev.avatarbot.schema.diff.Difference.TableAdded;
import dev.avatarbot.schema.diff.Difference.TableDropped;
import dev.avatarbot.schema.diff.Difference.TriggerDropped;

/**
 * Compares head (a database at the newest revision) with a developer's database changed by hand and
 * lists what a revision must do to make head equal to it, in the order a revision does it: drop
 * constraints and indexes, add enum types and tables, add, rename and alter columns, add indexes
 * and constraints, then drop columns, tables and enum types. Triggers and functions are named as
 * lines it cannot express.
 */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    /**
     * @param renames whether a column that disappeared while one of the same type appeared in the
     *                same table is taken for a rename where {@link ColumnRenames} finds the pairing
     *                clear (otherwise: dropped and added)
     */
    public static DiffResult compare(Catalog head, Catalog dev, boolean renames) {
        List<String> cannot = new ArrayList<>();
        List<Difference> dropFirst = new ArrayList<>();
        List<Difference> create = new ArrayList<>();
        List<Difference> columns = new ArrayList<>();
        List<Difference> addLast = new ArrayList<>();
        List<Difference> dropLast = new ArrayList<>();

        // Enum types.
        for (Map.Entry<String, List<String>> entry : dev.enums().entrySet()) {
            List<String> before = head.enums().get(entry.getKey());
            List<String> after = entry.getValue();
            if (before == null) {
                create.add(new EnumAdded(entry.getKey(), after));
            } else if (!before.equals(after)) {
                if (after.containsAll(before) && after.stream().filter(before::contains).toList().equals(before)) {
                    List<Column> using = head.columns().filter(c -> isType(c.type(), entry.getKey())).toList();
                    create.add(new EnumLabelsAdded(entry.getKey(), before, after, using));
                } else {
                    cannot.add("enum type " + entry.getKey() + " lost or reordered labels (" + before + " -> " + after
                            + "): PostgreSQL cannot drop an enum label; write that migration yourself");
                }
            }
        }
        head.enums().forEach((name, labels) -> {
            if (!dev.enums().containsKey(name)) {
                dropLast.add(new EnumDropped(name, labels));
            }
        });

        // Tables and columns. Renames found here are applied to head's definitions before comparing them.
        Map<String, Map<String, String>> renamed = new HashMap<>();
        for (Table table : dev.tables().values()) {
            Table old = head.tables().get(table.name());
            if (old == null) {
                create.add(new TableAdded(table, primaryKey(dev, table.name())));
                continue;
            }
            List<Column> gone = old.columns().values().stream().filter(c -> !table.columns().containsKey(c.name())).toList();
            List<Column> added = table.columns().values().stream().filter(c -> !old.columns().containsKey(c.name())).toList();
            ColumnRenames pairing = renames ? ColumnRenames.pair(gone, added) : new ColumnRenames(List.of(), List.of());
            for (Column was : gone) {
                Column now = pairing.renamedTo(was).orElse(null);
                if (now == null) {
                    dropLast.add(new ColumnDropped(was, pairing.ambiguityOf(was).orElse(null)));
                } else {
                    columns.add(new ColumnRenamed(was, now));
                    renamed.computeIfAbsent(table.name(), t -> new LinkedHashMap<>()).put(was.name(), now.name());
                    compareColumn(was.named(now.name()), now, columns, cannot);
                }
            }
            added.stream().filter(c -> !pairing.isRenameTarget(c)).forEach(c -> columns.add(new ColumnAdded(c)));
            for (Column now : table.columns().values()) {
                Column was = old.columns().get(now.name());
                if (was != null) {
                    compareColumn(was, now, columns, cannot);
                }
            }
        }
        for (Table table : head.tables().values()) {
            if (!dev.tables().containsKey(table.name())) {
                dropLast.add(new TableDropped(table, primaryKey(head, table.name())));
            }
        }

        // Indexes.
        for (Index index : head.ownIndexes().values()) {
            Index now = dev.ownIndexes().get(index.name());
            String expected = renamedIn(index.definition(), index.table(), renamed);
            if (now == null || !now.definition().equals(expected) || !now.table().equals(index.table())) {
                dropFirst.add(new IndexDropped(index, !dev.tables().containsKey(index.table())));
            }
        }
        for (Index index : dev.ownIndexes().values()) {
            Index was = head.ownIndexes().get(index.name());
            if (was == null || !index.definition().equals(renamedIn(was.definition(), was.table(), renamed))
                    || !index.table().equals(was.table())) {
                addLast.add(new IndexAdded(index, !head.tables().containsKey(index.table())));
            }
        }

        // Constraints: the primary keys of new and dropped tables go with the table.
        List<Difference> droppedConstraints = new ArrayList<>();
        for (Constraint constraint : head.constraints().values()) {
            boolean tableDropped = !dev.tables().containsKey(constraint.table());
            if (tableDropped && constraint.type() == 'p') {
                continue;
            }
            Constraint now = dev.constraints().get(constraint.key());
            if (now == null || !now.definition().equals(renamedConstraint(constraint, renamed))) {
                droppedConstraints.add(new ConstraintDropped(constraint));
            }
        }
        droppedConstraints.sort((a, b) -> Integer.compare(dropRank((ConstraintDropped) a), dropRank((ConstraintDropped) b)));
        List<Difference> addedConstraints = new ArrayList<>();
        for (Constraint constraint : dev.constraints().values()) {
            boolean newTable = !head.tables().containsKey(constraint.table());
            if (newTable && constraint.type() == 'p') {
                continue;
            }
            Constraint was = head.constraints().get(constraint.key());
            if (was == null || !constraint.definition().equals(renamedConstraint(was, renamed))) {
                addedConstraints.add(new ConstraintAdded(constraint, newTable));
            }
        }
        addedConstraints.sort((a, b) -> Integer.compare(addRank((ConstraintAdded) a), addRank((ConstraintAdded) b)));

        // Triggers and functions: named, never written.
        List<Difference> droppedTriggers = new ArrayList<>();
        Set<String> triggerKeys = new TreeSet<>(head.triggers().keySet());
        triggerKeys.addAll(dev.triggers().keySet());
        for (String key : triggerKeys) {
            Trigger was = head.triggers().get(key);
            Trigger now = dev.triggers().get(key);
            if (now == null && !dev.tables().containsKey(was.table())) {
                droppedTriggers.add(new TriggerDropped(was));
            } else if (was == null) {
                cannot.add("trigger " + now.name() + " on " + now.table() + " was added: write it (and the function"
                        + " it calls) into the revision yourself: " + now.definition());
            } else if (now == null) {
                cannot.add("trigger " + was.name() + " on " + was.table() + " was dropped: write DROP TRIGGER "
                        + was.name() + " ON " + was.table() + " and its rollback into the revision yourself");
            } else if (!now.definition().equals(renamedIn(was.definition(), was.table(), renamed))) {
                cannot.add("trigger " + now.name() + " on " + now.table() + " was changed: write it into the"
                        + " revision yourself: " + now.definition());
            }
        }
        Set<String> functionKeys = new TreeSet<>(head.functions().keySet());
        functionKeys.addAll(dev.functions().keySet());
        for (String key : functionKeys) {
            String was = head.functions().get(key);
            String now = dev.functions().get(key);
            if (was == null) {
                cannot.add("function " + key + " was added: write CREATE FUNCTION (createProcedure) and its rollback"
                        + " into the revision yourself");
            } else if (now == null) {
                cannot.add("function " + key + " was dropped: write DROP FUNCTION and its rollback into the revision yourself");
            } else if (!was.equals(now)) {
                cannot.add("function " + key + " was changed: write CREATE OR REPLACE FUNCTION with the old body as its"
                        + " rollback into the revision yourself");
            }
        }

        List<Difference> all = new ArrayList<>();
        all.addAll(droppedConstraints);
        all.addAll(droppedTriggers);
        all.addAll(dropFirst);
        all.addAll(create);
        all.addAll(columns);
        all.addAll(addLast);
        all.addAll(addedConstraints);
        all.addAll(dropLast.stream().filter(d -> d instanceof ColumnDropped).toList());
        all.addAll(dropLast.stream().filter(d -> d instanceof TableDropped).toList());
        all.addAll(dropLast.stream().filter(d -> d instanceof EnumDropped).toList());
        return new DiffResult(List.copyOf(all), List.copyOf(cannot));
    }

    private static void compareColumn(Column was, Column now, List<Difference> out, List<String> cannot) {
        String where = "column " + now.table() + "." + now.name();
        if (!was.identity().equals(now.identity())) {
            cannot.add(where + " changed its identity (" + describeIdentity(was) + " -> " + describeIdentity(now)
                    + "): write ADD/DROP IDENTITY into the revision yourself");
        }
        if (!Objects.equals(was.generated(), now.generated())) {
            cannot.add(where + " changed its generation (" + describeGenerated(was) + " -> " + describeGenerated(now)
                    + "): write it into the revision yourself");
        }
        if (!was.type().equals(now.type())) {
            out.add(new ColumnTypeChanged(was, now));
        }
        if (!Objects.equals(was.defaultValue(), now.defaultValue())) {
            if (now.defaultValue() != null && now.defaultValue().startsWith("nextval(")) {
                cannot.add(where + " takes its default from a sequence (" + now.defaultValue() + "): sequences are not"
                        + " compared; use an identity column, or write the sequence into the revision yourself");
            } else {
                out.add(new ColumnDefaultChanged(was, now));
            }
        }
        if (was.notNull() != now.notNull()) {
            out.add(new ColumnNullabilityChanged(was, now));
        }
    }

    private static String describeIdentity(Column column) {
        return switch (column.identity()) {
            case "a" -> "always";
            case "d" -> "by default";
            default -> "none";
        };
    }

    private static String describeGenerated(Column column) {
        return column.generated() == null ? "none" : column.generatedClause();
    }

    private static Constraint primaryKey(Catalog catalog, String table) {
        return catalog.primaryKey(table);
    }

    /** Whether a column's type (as format_type writes it, maybe quoted or an array) is the enum type {@code name}. */
    private static boolean isType(String type, String name) {
        String bare = type.replace("\"", "");
        return bare.equals(name) || bare.equals(name + "[]");
    }

    /** {@code definition} of something on {@code table} with the columns renamed there written by their new names. */
    private static String renamedIn(String definition, String table, Map<String, Map<String, String>> renamed) {
        String result = definition;
        for (Map.Entry<String, String> rename : renamed.getOrDefault(table, Map.of()).entrySet()) {
            result = replaceWord(result, rename.getKey(), rename.getValue());
        }
        return result;
    }

    /** A head constraint's definition after the renames: its own table's and the referenced table's columns. */
    private static String renamedConstraint(Constraint constraint, Map<String, Map<String, String>> renamed) {
        if (constraint.type() != 'f') {
            return renamedIn(constraint.definition(), constraint.table(), renamed);
        }
        Matcher matcher = Pattern.compile("^(.*?REFERENCES )(\"?[\\w$]+\"?)(\\(.*)$", Pattern.DOTALL)
                .matcher(constraint.definition());
        if (!matcher.matches()) {
            return constraint.definition();
        }
        String referenced = matcher.group(2).replace("\"", "");
        return renamedIn(matcher.group(1), constraint.table(), renamed) + matcher.group(2)
                + renamedIn(matcher.group(3), referenced, renamed);
    }

    private static String replaceWord(String text, String from, String to) {
        return text.replaceAll("(?<![\\w$\"])\"?" + Pattern.quote(from) + "\"?(?![\\w$\"])", Matcher.quoteReplacement(to));
    }

    /** Foreign keys go first, so that the keys they reference can go after them. */
    private static int dropRank(ConstraintDropped dropped) {
        return dropped.constraint().type() == 'f' ? 0 : 1;
    }

    /** Primary keys and unique keys first, foreign keys (which may reference them) last. */
    private static int addRank(ConstraintAdded added) {
        return switch (added.constraint().type()) {
            case 'p' -> 0;
            case 'u' -> 1;
            case 'f' -> 3;
            default -> 2;
        };
    }
}
