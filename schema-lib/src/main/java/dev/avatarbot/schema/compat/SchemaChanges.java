package dev.avatarbot.schema.compat;

import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.catalog.Catalog.Column;
import dev.avatarbot.schema.catalog.ColumnRenames;

/**
 * How the columns of our tables changed between two releases' schemas, and the expand/contract
 * step a rolling deploy needs for each change that breaks one side: a rename (by the diff's rule,
 * {@link ColumnRenames}), a drop, a NOT NULL column without a default, a new column or table the
 * new mappers read.
 */
final class SchemaChanges {

    private final Catalog before;
    private final Catalog after;
    private final List<Column> dropped;
    private final List<Column> added;
    private final ColumnRenames renames;

    private SchemaChanges(Catalog before, Catalog after) {
        this.before = before;
        this.after = after;
        this.dropped = before.columns().filter(c -> after.tables().containsKey(c.table()) && !has(after, c)).toList();
        this.added = after.columns().filter(c -> before.tables().containsKey(c.table()) && !has(before, c)).toList();
        this.renames = ColumnRenames.pair(dropped, added);
    }

    static SchemaChanges between(Catalog before, Catalog after) {
        return new SchemaChanges(before, after);
    }

    /** Steps for what breaks the previous release's mappers on the new schema (old app, new DB). */
    List<String> contractHints() {
        List<String> hints = new ArrayList<>();
        for (Column old : dropped) {
            Column renamedTo = renames.renamedTo(old).orElse(null);
            if (renamedTo != null) {
                hints.add(old.qualified() + " renamed to " + renamedTo.name() + ": add the new column and write"
                        + " both in this release, drop the old one in a later release");
            } else {
                hints.add(old.qualified() + " dropped while the previous release's mappers may still use it: stop using"
                        + " it in one release, drop it in a later release"
                        + renames.ambiguityOf(old).map(a -> " (if it was renamed, the rename is ambiguous: "
                                + a.describe() + ")").orElse(""));
            }
        }
        before.tables().keySet().stream().filter(table -> !after.tables().containsKey(table))
                .forEach(table -> hints.add("table " + table + " dropped: stop using it in one release, drop it in a"
                        + " later release"));
        for (Column column : added) {
            if (!column.notNull() || column.defaultValue() != null || !column.identity().isEmpty()
                    || column.generated() != null || renames.isRenameTarget(column)) {
                continue;
            }
            hints.add(column.qualified() + " added NOT NULL without a default: the previous release's inserts leave"
                    + " it empty; add it nullable or with a default, backfill, and require it in a later release");
        }
        return hints;
    }

    /** Steps for what the new mappers need that the previous schema lacks (new app, old DB). */
    List<String> expandHints() {
        List<String> hints = new ArrayList<>();
        after.tables().keySet().stream().filter(table -> !before.tables().containsKey(table))
                .forEach(table -> hints.add("table " + table + " is new: upgrade the database before this release's"
                        + " instances start"));
        for (Column column : added) {
            hints.add(column.qualified() + " is new and this release's mappers may read it: upgrade the database"
                    + " before this release's instances start, or use it only in a later release");
        }
        return hints;
    }

    private static boolean has(Catalog catalog, Column column) {
        Catalog.Table table = catalog.tables().get(column.table());
        return table != null && table.columns().containsKey(column.name());
    }
}
