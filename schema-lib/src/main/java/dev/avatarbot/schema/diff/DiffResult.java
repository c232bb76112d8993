package dev.avatarbot.schema.diff;

import java.util.List;

/**
 * What {@link SchemaDiff} found: the differences a revision can make, in the order it makes them,
 * and one line for each difference it cannot express (triggers, functions, ...), never left out.
 */
public record DiffResult(List<Difference> differences, List<String> cannotExpress) {

    /** True when the two databases have the same schema. */
    public boolean isEmpty() {
        return differences.isEmpty() && cannotExpress.isEmpty();
    }
}
