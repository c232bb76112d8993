package dev.avatarbot.schema.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.avatarbot.schema.catalog.Catalog.Column;

/**
 * The one rule by which the diff and compat take a dropped column for a renamed one: only when it
 * is the one column of its table and type that went and exactly one column of that table and type
 * came, so that nothing else is left to pair with either. Anything else of that table and type is
 * ambiguous: dropped and added, with the candidates named for a reviewer.
 */
public record ColumnRenames(List<Rename> renames, List<Ambiguous> ambiguous) {

    /** {@code before} (gone) is taken to be {@code after} (new), renamed. */
    public record Rename(Column before, Column after) {
    }

    /** Columns of one table and type that went and came where no single pairing is clear. */
    public record Ambiguous(List<Column> dropped, List<Column> added) {
        /** One line naming the candidates: {@code users.last_name (text) was dropped while bio, nickname of that type were added}. */
        public String describe() {
            Column first = dropped.get(0);
            return first.table() + "." + names(dropped) + " (" + first.type() + ") " + (dropped.size() == 1 ? "was" : "were")
                    + " dropped while " + names(added) + " of that type " + (added.size() == 1 ? "was" : "were") + " added";
        }

        private static String names(List<Column> columns) {
            return String.join(", ", columns.stream().map(Column::name).toList());
        }
    }

    /** Pairs the columns that went ({@code dropped}) with those that came ({@code added}), of any tables. */
    public static ColumnRenames pair(List<Column> dropped, List<Column> added) {
        Map<List<String>, List<Column>> went = byTableAndType(dropped);
        Map<List<String>, List<Column>> came = byTableAndType(added);
        List<Rename> renames = new ArrayList<>();
        List<Ambiguous> ambiguous = new ArrayList<>();
        went.forEach((key, gone) -> {
            List<Column> candidates = came.getOrDefault(key, List.of());
            if (gone.size() == 1 && candidates.size() == 1) {
                renames.add(new Rename(gone.get(0), candidates.get(0)));
            } else if (!candidates.isEmpty()) {
                ambiguous.add(new Ambiguous(List.copyOf(gone), List.copyOf(candidates)));
            }
        });
        return new ColumnRenames(List.copyOf(renames), List.copyOf(ambiguous));
    }

    /** The new column {@code column} was renamed to, if it was. */
    public Optional<Column> renamedTo(Column column) {
        return renames.stream().filter(r -> r.before().equals(column)).map(Rename::after).findFirst();
    }

    /** Whether {@code column} is the new name of a renamed one. */
    public boolean isRenameTarget(Column column) {
        return renames.stream().anyMatch(r -> r.after().equals(column));
    }

    /** The ambiguity {@code column} (dropped or added) is part of, if any. */
    public Optional<Ambiguous> ambiguityOf(Column column) {
        return ambiguous.stream().filter(a -> a.dropped().contains(column) || a.added().contains(column)).findFirst();
    }

    private static Map<List<String>, List<Column>> byTableAndType(List<Column> columns) {
        Map<List<String>, List<Column>> groups = new LinkedHashMap<>();
        columns.forEach(c -> groups.computeIfAbsent(List.of(c.table(), c.type()), k -> new ArrayList<>()).add(c));
        return groups;
    }
}
