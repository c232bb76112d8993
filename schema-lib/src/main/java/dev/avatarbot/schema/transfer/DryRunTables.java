package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.core.SqlText;

/**
 * A dry run's tables: for each of the five, a temporary table of the same name, columns, defaults,
 * checks, keys, indexes and foreign keys (between the temporary tables), holding the target's rows
 * when it has any. The session's temporary schema comes first in the search path, so every step of
 * the run reads and writes them in place of the target's, which get no row, not even one rolled
 * back; the rejects are found by the same checks against the same rows. They vanish with the
 * dry run's transaction.
 */
final class DryRunTables {

    private DryRunTables() {
    }

    /** Creates the stand-ins in {@code dst}'s open transaction. */
    static void shadow(Connection dst) throws SQLException {
        String schema = SqlText.quoted(dst.getSchema());
        // Read while the target's tables are still the visible ones: the definitions name them unqualified.
        List<String> foreignKeys = new ArrayList<>();
        try (PreparedStatement query = dst.prepareStatement("""
                SELECT 'ALTER TABLE pg_temp.' || quote_ident(c.relname) || ' ADD CONSTRAINT ' || quote_ident(f.conname)
                       || ' ' || pg_get_constraintdef(f.oid)
                FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid
                WHERE f.contype = 'f' AND c.relnamespace = CAST(current_schema() AS regnamespace)
                  AND c.relname = ANY (?) ORDER BY c.relname, f.conname""")) {
            query.setArray(1, dst.createArrayOf("text", tableNames().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    foreignKeys.add(rows.getString(1));
                }
            }
        }
        for (String table : tableNames()) {
            Sql.execute(dst, "CREATE TEMP TABLE " + table + " (LIKE " + schema + "." + table + " INCLUDING ALL)");
            if (Sql.hasRows(dst, schema + "." + table)) {
                Sql.execute(dst, "INSERT INTO pg_temp." + table + " OVERRIDING SYSTEM VALUE SELECT * FROM " + schema
                        + "." + table);
            }
        }
        for (String foreignKey : foreignKeys) {
            Sql.execute(dst, foreignKey);
        }
    }

    private static List<String> tableNames() {
        List<String> names = new ArrayList<>();
        for (TransferTable table : TransferTable.values()) {
            names.add(table.table);
        }
        return names;
    }
}
