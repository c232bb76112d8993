package dev.avatarbot.schema.diff;

import static dev.avatarbot.schema.core.SqlText.literal;
import static dev.avatarbot.schema.diff.DdlText.concurrently;
import static dev.avatarbot.schema.diff.DdlText.labels;
import static dev.avatarbot.schema.diff.DdlText.truncate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.avatarbot.schema.catalog.Catalog;
import dev.avatarbot.schema.catalog.Catalog.Column;
import dev.avatarbot.schema.catalog.Catalog.Constraint;
import dev.avatarbot.schema.catalog.Catalog.Index;
import dev.avatarbot.schema.catalog.Catalog.Table;
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
 * Writes {@link SchemaDiff}'s differences as the changesets of a revision in the house style: one
 * change per changeset, formatted SQL, a rollback for each, and the safe recipes: an index on an
 * existing table built CONCURRENTLY in a changeset of its own outside a transaction, a foreign key
 * or check added NOT VALID and validated in a second changeset, NOT NULL through a validated check,
 * {@code SET LOCAL lock_timeout} first wherever an existing table is locked, renames as RENAME
 * COLUMN, and a comment wherever data is lost or a value has to be chosen.
 */
public final class RevisionWriter {

    /** First statement of every changeset that locks an existing table. */
    public static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '5s'";

    /**
     * One changeset: a short name for its id, its comment, notes for the reviewer (written as XML
     * comments), its statements and its rollback's (empty: nothing to undo).
     */
    public record ChangeSet(String name, String comment, List<String> notes, List<String> sql, List<String> rollback,
                            boolean outsideTransaction) {
    }

    private static final Pattern LOCKING = Pattern.compile(
            "^(ALTER TABLE|CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)|DROP (TABLE|INDEX (?!CONCURRENTLY))|CREATE TRIGGER|DROP TRIGGER)");
    private static final Pattern REVIEW_MARKERS = Pattern.compile("^(DATA LOSS|CONFIRM THIS RENAME|AMBIGUOUS RENAME|BACKFILL|NAME):");
    private static final Pattern KEY_COLUMNS = Pattern.compile("^(UNIQUE|PRIMARY KEY) (\\(.*\\))$");

    private final DdlText ddl;

    /** {@code keywords}: the words a name must be quoted to be ({@link Catalog#keywords()}). */
    public RevisionWriter(Set<String> keywords) {
        this.ddl = new DdlText(keywords);
    }

    /** The changesets for {@code differences}, in order. */
    public List<ChangeSet> changeSets(List<Difference> differences) {
        List<ChangeSet> out = new ArrayList<>();
        for (Difference difference : differences) {
            write(difference, out);
        }
        return out.stream().map(RevisionWriter::withLockTimeout).toList();
    }

    /**
     * The notes a reviewer must act on (data lost, a rename to confirm, a backfill value, a name
     * off the convention), one line each, in the order of the changesets.
     */
    public static List<String> reviewPoints(List<ChangeSet> changeSets) {
        return changeSets.stream().flatMap(c -> c.notes().stream())
                .filter(note -> REVIEW_MARKERS.matcher(note).find()).toList();
    }

    /**
     * The changeset with {@link #LOCK_TIMEOUT} first in its statements and its rollback's wherever
     * they lock a table (a table created in the same revision too, as schema:lint asks); outside a
     * transaction only CONCURRENTLY statements are written, which queue no one.
     */
    private static ChangeSet withLockTimeout(ChangeSet changeSet) {
        if (changeSet.outsideTransaction()) {
            return changeSet;
        }
        return new ChangeSet(changeSet.name(), changeSet.comment(), changeSet.notes(), withLockTimeout(changeSet.sql()),
                withLockTimeout(changeSet.rollback()), false);
    }

    private static List<String> withLockTimeout(List<String> statements) {
        if (statements.isEmpty() || statements.get(0).equals(LOCK_TIMEOUT)
                || statements.stream().noneMatch(s -> LOCKING.matcher(s).find())) {
            return statements;
        }
        List<String> guarded = new ArrayList<>(statements.size() + 1);
        guarded.add(LOCK_TIMEOUT);
        guarded.addAll(statements);
        return guarded;
    }

    private void write(Difference difference, List<ChangeSet> out) {
        if (difference instanceof EnumAdded d) {
            out.add(new ChangeSet("type_" + d.name(), "Enum type " + d.name(), List.of(),
                    List.of("CREATE TYPE " + ddl.name(d.name()) + " AS ENUM (" + labels(d.labels()) + ")"),
                    List.of("DROP TYPE " + ddl.name(d.name())), false));
        } else if (difference instanceof EnumLabelsAdded d) {
            out.add(enumLabels(d));
        } else if (difference instanceof EnumDropped d) {
            out.add(new ChangeSet("drop_type_" + d.name(), "Drop enum type " + d.name(), List.of(),
                    List.of("DROP TYPE " + ddl.name(d.name())),
                    List.of("CREATE TYPE " + ddl.name(d.name()) + " AS ENUM (" + labels(d.labels()) + ")"), false));
        } else if (difference instanceof TableAdded d) {
            out.add(new ChangeSet(d.table().name(), "Table " + d.table().name(),
                    d.primaryKey() == null ? List.of() : conventionNote(d.primaryKey().name(), "pk_", d.table().name()),
                    List.of(ddl.createTable(d.table(), d.primaryKey())), List.of("DROP TABLE " + ddl.name(d.table().name())), false));
        } else if (difference instanceof TableDropped d) {
            out.add(new ChangeSet("drop_" + d.table().name(), "Drop table " + d.table().name(),
                    List.of("DATA LOSS: dropping table " + d.table().name() + " deletes its rows. The rollback creates the"
                            + " table again, empty: the rows do not come back."),
                    List.of(LOCK_TIMEOUT, "DROP TABLE " + ddl.name(d.table().name())),
                    List.of(ddl.createTable(d.table(), d.primaryKey())), false));
        } else if (difference instanceof ColumnAdded d) {
            addColumn(d.column(), out);
        } else if (difference instanceof ColumnDropped d) {
            out.add(dropColumn(d));
        } else if (difference instanceof ColumnRenamed d) {
            out.add(renameColumn(d));
        } else if (difference instanceof ColumnTypeChanged d) {
            out.add(new ChangeSet(key(d.after()) + "_type", "Column " + where(d.after())
                    + " becomes " + d.after().type(),
                    List.of("A type change may rewrite the table and rebuild its indexes under an ACCESS EXCLUSIVE lock;"
                            + " on a big table add a column of the new type, backfill it, switch, then drop the old one."),
                    List.of(LOCK_TIMEOUT, ddl.alter(d.after()) + " TYPE " + d.after().type() + " USING " + ddl.name(d.after().name())
                            + "::" + d.after().type()),
                    List.of(LOCK_TIMEOUT, ddl.alter(d.after()) + " TYPE " + d.before().type() + " USING " + ddl.name(d.after().name())
                            + "::" + d.before().type()), false));
        } else if (difference instanceof ColumnDefaultChanged d) {
            out.add(new ChangeSet(key(d.after()) + "_default", "Default of "
                    + where(d.after()), List.of(),
                    List.of(LOCK_TIMEOUT, ddl.setDefault(d.after(), d.after().defaultValue())),
                    List.of(LOCK_TIMEOUT, ddl.setDefault(d.after(), d.before().defaultValue())), false));
        } else if (difference instanceof ColumnNullabilityChanged d) {
            if (d.after().notNull()) {
                setNotNull(d.after(), out);
            } else {
                out.add(new ChangeSet(key(d.after()) + "_nullable", "Column " + where(d.after()) + " may be null",
                        List.of(), List.of(LOCK_TIMEOUT, ddl.alter(d.after()) + " DROP NOT NULL"),
                        List.of(LOCK_TIMEOUT, ddl.alter(d.after()) + " SET NOT NULL"), false));
            }
        } else if (difference instanceof IndexAdded d) {
            out.add(addIndex(d.index(), d.newTable()));
        } else if (difference instanceof IndexDropped d) {
            out.add(dropIndex(d.index(), d.tableDropped()));
        } else if (difference instanceof ConstraintAdded d) {
            addConstraint(d.constraint(), d.newTable(), out);
        } else if (difference instanceof ConstraintDropped d) {
            Constraint c = d.constraint();
            out.add(new ChangeSet("drop_" + c.name(), "Drop constraint " + c.name() + " of " + c.table(), List.of(),
                    List.of(LOCK_TIMEOUT, ddl.alterTable(c.table()) + " DROP CONSTRAINT " + ddl.name(c.name())),
                    List.of(LOCK_TIMEOUT, ddl.alterTable(c.table()) + " ADD CONSTRAINT " + ddl.name(c.name()) + " "
                            + c.definition()), false));
        } else if (difference instanceof TriggerDropped d) {
            out.add(new ChangeSet("drop_" + d.trigger().name(), "Drop trigger "
                    + d.trigger().name() + " of " + d.trigger().table(),
                    List.of("Its table is dropped below; dropped here first so that the rollback recreates it."),
                    List.of(LOCK_TIMEOUT, "DROP TRIGGER " + ddl.name(d.trigger().name()) + " ON " + ddl.name(d.trigger().table())),
                    List.of(d.trigger().definition()), false));
        }
    }

    private ChangeSet enumLabels(EnumLabelsAdded d) {
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < d.after().size(); i++) {
            String label = d.after().get(i);
            if (d.before().contains(label)) {
                continue;
            }
            String next = d.after().subList(i + 1, d.after().size()).stream().filter(d.before()::contains)
                    .findFirst().orElse(null);
            sql.add("ALTER TYPE " + ddl.name(d.name()) + " ADD VALUE " + literal(label)
                    + (next == null ? "" : " BEFORE " + literal(next)));
        }
        String old = d.name() + "_before_rollback";
        List<String> rollback = new ArrayList<>();
        rollback.add(LOCK_TIMEOUT);
        rollback.add("ALTER TYPE " + ddl.name(d.name()) + " RENAME TO " + ddl.name(old));
        rollback.add("CREATE TYPE " + ddl.name(d.name()) + " AS ENUM (" + labels(d.before()) + ")");
        for (Column column : d.using()) {
            if (column.defaultValue() != null) {
                rollback.add(ddl.alter(column) + " DROP DEFAULT");
            }
            rollback.add(ddl.alter(column) + " TYPE " + column.type() + " USING " + ddl.name(column.name()) + "::text::" + column.type());
            if (column.defaultValue() != null) {
                rollback.add(ddl.alter(column) + " SET DEFAULT " + column.defaultValue());
            }
        }
        rollback.add("DROP TYPE " + ddl.name(old));
        return new ChangeSet("type_" + d.name() + "_labels", "New labels of enum type " + d.name(),
                List.of("PostgreSQL cannot drop an enum label: the rollback swaps in a new type without them, and fails"
                        + " while a row still holds one."), sql, rollback, false);
    }

    private void addColumn(Column column, List<ChangeSet> out) {
        String add = ddl.alterTable(column.table()) + " ADD COLUMN " + ddl.columnDefinition(column);
        List<String> drop = List.of(LOCK_TIMEOUT, ddl.alterTable(column.table()) + " DROP COLUMN " + ddl.name(column.name()));
        if (!column.notNull() || column.defaultValue() != null || !column.identity().isEmpty()) {
            List<String> notes = column.notNull() && column.defaultValue() != null
                    ? List.of("NOT NULL with a default: the existing rows take " + column.defaultValue()
                            + " (a volatile default such as now() rewrites the table).")
                    : List.of();
            out.add(new ChangeSet(key(column), "Column " + where(column), notes, List.of(LOCK_TIMEOUT, add), drop, false));
            return;
        }
        Column nullable = new Column(column.table(), column.name(), column.type(), false, null, "", column.generated());
        out.add(new ChangeSet(key(column), "Column " + where(column) + ", nullable until it is backfilled",
                List.of("NOT NULL without a default on an existing table: added nullable, backfilled, then made NOT NULL."),
                List.of(LOCK_TIMEOUT, ddl.alterTable(column.table()) + " ADD COLUMN " + ddl.columnDefinition(nullable)), drop, false));
        out.add(new ChangeSet(key(column) + "_backfill", "Backfill " + where(column),
                List.of("BACKFILL: review the value the existing rows get. Outside a transaction, so each statement"
                        + " commits by itself; on a big table split it into batches (e.g. by ranges of the key).",
                        "Nothing to undo: the rollback of the previous changeset drops the column with these values."),
                List.of("UPDATE " + ddl.name(column.table()) + " SET " + ddl.name(column.name()) + " = " + filler(column)
                        + " WHERE " + ddl.name(column.name()) + " IS NULL"), List.of(), true));
        setNotNull(column, out);
    }

    /** NOT NULL on an existing column without a long lock: a check added NOT VALID, validated, then SET NOT NULL. */
    private void setNotNull(Column column, List<ChangeSet> out) {
        String check = ddl.name(truncate("ck_" + column.table() + "_" + column.name() + "_not_null"));
        String addCheck = ddl.alterTable(column.table()) + " ADD CONSTRAINT " + check + " CHECK (" + ddl.name(column.name())
                + " IS NOT NULL) NOT VALID";
        String dropCheck = ddl.alterTable(column.table()) + " DROP CONSTRAINT " + check;
        out.add(new ChangeSet(key(column) + "_not_null_check", "Column " + where(column) + " NOT NULL, step 1: a check,"
                + " not yet validated", List.of(), List.of(LOCK_TIMEOUT, addCheck), List.of(LOCK_TIMEOUT, dropCheck), false));
        out.add(new ChangeSet(key(column) + "_not_null_validate", "Column " + where(column) + " NOT NULL, step 2:"
                + " validate the check without blocking writes", List.of(),
                List.of(LOCK_TIMEOUT, ddl.alterTable(column.table()) + " VALIDATE CONSTRAINT " + check),
                List.of(LOCK_TIMEOUT, dropCheck, addCheck), false));
        out.add(new ChangeSet(key(column) + "_not_null", "Column " + where(column) + " NOT NULL, step 3: the validated"
                + " check spares the scan", List.of(),
                List.of(LOCK_TIMEOUT, ddl.alter(column) + " SET NOT NULL", dropCheck),
                List.of(LOCK_TIMEOUT, ddl.alter(column) + " DROP NOT NULL", addCheck), false));
    }

    private ChangeSet dropColumn(ColumnDropped dropped) {
        Column column = dropped.column();
        List<String> rollback = new ArrayList<>(List.of(LOCK_TIMEOUT));
        if (column.notNull() && column.defaultValue() == null && column.identity().isEmpty()) {
            Column filled = new Column(column.table(), column.name(), column.type(), true, filler(column), "", null);
            rollback.add(ddl.alterTable(column.table()) + " ADD COLUMN " + ddl.columnDefinition(filled));
            rollback.add(ddl.alter(column) + " DROP DEFAULT");
        } else {
            rollback.add(ddl.alterTable(column.table()) + " ADD COLUMN " + ddl.columnDefinition(column));
        }
        List<String> notes = new ArrayList<>();
        if (dropped.possibleRename() != null) {
            notes.add("AMBIGUOUS RENAME: " + dropped.possibleRename().describe() + ", so no rename is written. If "
                    + column.name() + " was renamed to one of them, replace this changeset and that column's ADD COLUMN"
                    + " with ALTER TABLE " + column.table() + " RENAME COLUMN " + column.name() + " TO <it>, or its values"
                    + " are lost.");
        }
        notes.add("DATA LOSS: dropping column " + where(column) + " deletes its values. The rollback adds the"
                + " column again (" + column.type() + (column.notNull() ? ", NOT NULL" : "") + "), but the values"
                + " do not come back.");
        return new ChangeSet("drop_" + key(column), "Drop column " + where(column), notes,
                List.of(LOCK_TIMEOUT, ddl.alterTable(column.table()) + " DROP COLUMN " + ddl.name(column.name())), rollback, false);
    }

    private ChangeSet renameColumn(ColumnRenamed d) {
        String table = ddl.alterTable(d.after().table());
        return new ChangeSet(key(d.after()) + "_rename", "Rename column " + where(d.before()) + " to " + d.after().name(),
                List.of("CONFIRM THIS RENAME: " + where(d.before()) + " disappeared and " + d.after().name() + " of the same"
                        + " type (" + d.after().type() + ") appeared, so the values are kept by renaming. If it is not a"
                        + " rename, write ADD COLUMN and DROP COLUMN instead (the values of " + d.before().name()
                        + " are then lost), or generate again with -Dschema.diff.renames=false."),
                List.of(LOCK_TIMEOUT, table + " RENAME COLUMN " + ddl.name(d.before().name()) + " TO " + ddl.name(d.after().name())),
                List.of(LOCK_TIMEOUT, table + " RENAME COLUMN " + ddl.name(d.after().name()) + " TO " + ddl.name(d.before().name())),
                false);
    }

    private ChangeSet addIndex(Index index, boolean newTable) {
        String definition = index.definition().replace(" USING btree ", " ");
        List<String> naming = conventionNote(index.name(), definition.startsWith("CREATE UNIQUE") ? "uq_" : "ix_",
                index.table());
        if (newTable) {
            return new ChangeSet(index.name(), "Index " + index.name(), naming, List.of(definition),
                    List.of("DROP INDEX " + ddl.name(index.name())), false);
        }
        List<String> notes = new ArrayList<>(naming);
        notes.add("CONCURRENTLY, in a changeset of its own outside a transaction. A build that fails leaves an"
                + " INVALID index: drop it before the next attempt.");
        return new ChangeSet(index.name(), "Index " + index.name() + ", built without blocking writes",
                notes,
                List.of(concurrently(definition)), List.of("DROP INDEX CONCURRENTLY IF EXISTS " + ddl.name(index.name())), true);
    }

    private ChangeSet dropIndex(Index index, boolean tableDropped) {
        String definition = index.definition().replace(" USING btree ", " ");
        if (tableDropped) {
            return new ChangeSet("drop_" + index.name(), "Drop index " + index.name(), List.of(),
                    List.of(LOCK_TIMEOUT, "DROP INDEX " + ddl.name(index.name())), List.of(definition), false);
        }
        return new ChangeSet("drop_" + index.name(), "Drop index " + index.name() + " without blocking the table",
                List.of("CONCURRENTLY, in a changeset of its own outside a transaction, and so is the rollback."),
                List.of("DROP INDEX CONCURRENTLY " + ddl.name(index.name())), List.of(concurrently(definition)), true);
    }

    private void addConstraint(Constraint c, boolean newTable, List<ChangeSet> out) {
        String table = ddl.alterTable(c.table());
        String add = table + " ADD CONSTRAINT " + ddl.name(c.name()) + " " + c.definition();
        String drop = table + " DROP CONSTRAINT " + ddl.name(c.name());
        String what = switch (c.type()) {
            case 'p' -> "Primary key";
            case 'u' -> "Unique key";
            case 'f' -> "Foreign key";
            case 'c' -> "Check";
            default -> "Constraint";
        };
        String title = what + " " + c.name() + " of " + c.table();
        Matcher key = KEY_COLUMNS.matcher(c.definition());
        List<String> naming = conventionNote(c.name(), switch (c.type()) {
            case 'p' -> "pk_";
            case 'u' -> "uq_";
            case 'f' -> "fk_";
            case 'c' -> "ck_";
            default -> "";
        }, c.table());
        if (newTable) {
            out.add(new ChangeSet(c.name(), title, naming, List.of(add), List.of(drop), false));
        } else if (c.type() == 'f' || c.type() == 'c') {
            out.add(new ChangeSet(c.name(), title + ", step 1: NOT VALID, so existing rows are not checked under the lock",
                    naming, List.of(LOCK_TIMEOUT, add + " NOT VALID"), List.of(LOCK_TIMEOUT, drop), false));
            out.add(new ChangeSet(c.name() + "_validate", title + ", step 2: validate existing rows without blocking writes",
                    List.of(), List.of(LOCK_TIMEOUT, table + " VALIDATE CONSTRAINT " + ddl.name(c.name())),
                    List.of(LOCK_TIMEOUT, drop, add + " NOT VALID"), false));
        } else if (key.matches()) {
            List<String> notes = new ArrayList<>(naming);
            notes.add("CONCURRENTLY, in a changeset of its own outside a transaction; step 2 turns it into the"
                    + " constraint (whose rollback drops the index too, hence IF EXISTS here).");
            out.add(new ChangeSet(c.name() + "_index", title + ", step 1: its unique index, built without blocking writes",
                    notes,
                    List.of("CREATE UNIQUE INDEX CONCURRENTLY " + ddl.name(c.name()) + " ON " + ddl.name(c.table()) + " " + key.group(2)),
                    List.of("DROP INDEX CONCURRENTLY IF EXISTS " + ddl.name(c.name())), true));
            out.add(new ChangeSet(c.name(), title + ", step 2: the constraint over that index", List.of(),
                    List.of(LOCK_TIMEOUT, table + " ADD CONSTRAINT " + ddl.name(c.name()) + " " + key.group(1)
                            + " USING INDEX " + ddl.name(c.name())), List.of(LOCK_TIMEOUT, drop), false));
        } else {
            List<String> notes = new ArrayList<>(naming);
            notes.add("Checks every row under an ACCESS EXCLUSIVE lock.");
            out.add(new ChangeSet(c.name(), title, notes,
                    List.of(LOCK_TIMEOUT, add), List.of(LOCK_TIMEOUT, drop), false));
        }
    }

    /** A value of the column's type for rows that need one: what a backfill or a re-added NOT NULL column gets. */
    private static String filler(Column column) {
        String type = column.type();
        if (type.endsWith("[]")) {
            return "'{}'";
        } else if (type.matches("(small|big)?int(eger)?|numeric.*|real|double precision|smallint|bigint|integer")) {
            return "0";
        } else if (type.equals("boolean")) {
            return "false";
        } else if (type.startsWith("text") || type.startsWith("character")) {
            return "''";
        } else if (type.startsWith("json")) {
            return "'{}'";
        } else if (type.equals("uuid")) {
            return "gen_random_uuid()";
        } else if (type.startsWith("timestamp") || type.equals("date") || type.startsWith("time")) {
            return "now()";
        }
        return "NULL /* choose a value of type " + type + " */";
    }

    private static String key(Column column) {
        return column.table() + "_" + column.name();
    }

    private static String where(Column column) {
        return column.table() + "." + column.name();
    }

    /**
     * A note when {@code name} does not follow the house convention ({@code pk_}, {@code uq_},
     * {@code ix_}, {@code fk_}, {@code ck_}): the revision keeps the developer's name, so that it
     * reproduces the developer's database; the reviewer decides.
     */
    private static List<String> conventionNote(String name, String prefix, String table) {
        if (name.startsWith(prefix)) {
            return List.of();
        }
        return List.of("NAME: " + name + " does not follow the house convention (" + prefix + table + "_<columns>): rename"
                + " it in the development database and generate again, or here and in the rollback.");
    }
}
