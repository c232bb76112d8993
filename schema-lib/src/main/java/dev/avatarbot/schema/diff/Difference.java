package dev.avatarbot.schema.diff;

import java.util.List;

import dev.avatarbot.schema.catalog.Catalog.Column;
import dev.avatarbot.schema.catalog.Catalog.Constraint;
import dev.avatarbot.schema.catalog.Catalog.Index;
import dev.avatarbot.schema.catalog.Catalog.Table;
import dev.avatarbot.schema.catalog.Catalog.Trigger;
import dev.avatarbot.schema.catalog.ColumnRenames;

/**
 * One way the developer's database departs from head, as {@link SchemaDiff} finds it; what each
 * becomes in a revision is {@link RevisionWriter}'s business. "Before" is head, "after" the
 * developer's database.
 */
public sealed interface Difference {

    /** A new enum type. */
    record EnumAdded(String name, List<String> labels) implements Difference {
    }

    /** Labels added to an existing enum type; {@code using} are head's columns of that type. */
    record EnumLabelsAdded(String name, List<String> before, List<String> after, List<Column> using)
            implements Difference {
    }

    /** An enum type that is gone. */
    record EnumDropped(String name, List<String> labels) implements Difference {
    }

    /** A new table, with its primary key (null: none). */
    record TableAdded(Table table, Constraint primaryKey) implements Difference {
    }

    /** A table that is gone, with head's primary key (null: none): its rows are lost. */
    record TableDropped(Table table, Constraint primaryKey) implements Difference {
    }

    /** A new column on a table head has. */
    record ColumnAdded(Column column) implements Difference {
    }

    /**
     * A column that is gone from a table the developer's database still has: its values are lost.
     * {@code possibleRename}: the columns of its table and type that went and came where no single
     * rename is clear (null: none), for the reviewer.
     */
    record ColumnDropped(Column column, ColumnRenames.Ambiguous possibleRename) implements Difference {
    }

    /** The one column of its table and type that disappeared while exactly one such appeared: probably a rename. */
    record ColumnRenamed(Column before, Column after) implements Difference {
    }

    /** A column whose type changed. */
    record ColumnTypeChanged(Column before, Column after) implements Difference {
    }

    /** A column that became NOT NULL or nullable. */
    record ColumnNullabilityChanged(Column before, Column after) implements Difference {
    }

    /** A column whose default changed, appeared or went. */
    record ColumnDefaultChanged(Column before, Column after) implements Difference {
    }

    /** A new index; {@code newTable} when its table is new in this revision too. */
    record IndexAdded(Index index, boolean newTable) implements Difference {
    }

    /** An index that is gone; {@code tableDropped} when its table goes too. */
    record IndexDropped(Index index, boolean tableDropped) implements Difference {
    }

    /** A new constraint; {@code newTable} when its table is new in this revision too. */
    record ConstraintAdded(Constraint constraint, boolean newTable) implements Difference {
    }

    /** A constraint that is gone. */
    record ConstraintDropped(Constraint constraint) implements Difference {
    }

    /** A trigger of a table that is dropped: dropped first, so that the rollback can recreate it. */
    record TriggerDropped(Trigger trigger) implements Difference {
    }
}
