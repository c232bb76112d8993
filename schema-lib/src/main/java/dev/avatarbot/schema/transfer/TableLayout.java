package dev.avatarbot.schema.transfer;

import java.util.List;
import java.util.stream.Collectors;

import dev.avatarbot.schema.core.SqlText;

/**
 * How one table travels: the source query, and the target's columns that the source provides, each
 * with the SQL that turns the staged text into the target's type.
 *
 * @param splittable the source's id has the target's type (an integer for bigint, a uuid for uuid),
 *                   so the table can be read in key ranges without a cast that could fail
 * @param sameText   every column that travels has a source type whose values read as the same COPY
 *                   text in the target's type ({@link LayoutDiscovery#sameText}), so the target can
 *                   be checked against a {@link RowChecksum} of what the transfer read (in binary
 *                   too: {@code binary} implies it)
 * @param binary     every column travels in COPY's binary format, which spares both servers the
 *                   parsing and printing of text: the same built-in type on both sides
 *                   ({@link LayoutDiscovery#sameBinary}) and servers of one major version, so the
 *                   target takes the binary form as sent
 * @param promised   what the source's own constraints already guarantee about the rows it gives
 */
record TableLayout(TransferTable table, String sourceQuery, List<Column> columns, List<String> defaulted,
                   List<String> ignored, boolean splittable, boolean sameText, boolean binary,
                   SourcePromises promised) {

    /**
     * Checks the source's constraints have already made, so the set-based checks after a load in
     * restore order can skip them: its ids are unique, its natural key is unique, each row's parent
     * exists (which still holds in the target when the parent table lost no row to a reject). All
     * false for a configured SELECT, whose rows the source's constraints do not describe; the
     * parent's false when the parent is read through one.
     */
    record SourcePromises(boolean uniqueIds, boolean uniqueNaturalKey, boolean parentExists) {
        static final SourcePromises NONE = new SourcePromises(false, false, false);
    }

    /**
     * A target column the source provides.
     *
     * @param type     the type as SQL names it without modifiers, for casts ({@code character varying}
     *                 for a {@code varchar(32)}, which an explicit cast would cut a longer value to;
     *                 an enum's own name, quoted and qualified as needed)
     * @param typeName the type's own name in pg_type ({@code varchar}, {@code int8}, an enum's)
     * @param builtIn  the type is the server's own, which the source has too (not an enum or a domain)
     * @param fixedTime the source lacks the column, whose default reads the clock: the source query gives
     *                  the run's fixed time for it ({@link LayoutDiscovery}); a reject line leaves it out
     */
    record Column(String name, String type, String typeName, boolean builtIn, boolean nullable,
                  String defaultExpression, boolean jsonFromText, boolean fixedTime) {

        String quoted() {
            return SqlText.quoted(name);
        }

        /**
         * The staged (text) value as the target type; nulls take the target's default where it has
         * one. A value that does not convert (invalid JSON, say) raises an error.
         */
        String typed(String alias) {
            return orDefault("CAST(" + alias + "." + quoted() + " AS " + type + ")");
        }

        /**
         * A source value as the target would hold it, computed on the source (for the comparison
         * after a load): cast to the target's type through its text, or left as text for an enum or
         * a domain, which the source may not have (both sides are compared as text).
         */
        String asOnSource(String alias) {
            return orDefault("CAST(CAST(" + alias + "." + quoted() + " AS text) AS " + (builtIn ? type : "text") + ")");
        }

        /** The SQL {@code value}, or the target's default when it is null and the column has one. */
        String orDefault(String value) {
            return !takesDefault() ? value : "COALESCE(" + value + ", " + defaultExpression + ")";
        }

        /** Not null in the target, with a default: a null takes the default. */
        boolean takesDefault() {
            return !nullable && defaultExpression != null;
        }

        /** Not null in the target and no default to fall back on: a null rejects the row. */
        boolean required() {
            return !nullable && defaultExpression == null;
        }
    }

    String stageTable() {
        return "avatar_db_stage_" + table.table;
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The columns the source has, as a reject line shows them (without those given the fixed time). */
    List<Column> sourceColumns() {
        return columns.stream().filter(c -> !c.fixedTime()).toList();
    }

    String columnList(String alias) {
        return columns.stream().map(c -> (alias == null ? "" : alias + ".") + c.quoted()).collect(Collectors.joining(", "));
    }

    /** Source rows of one key range as the target's columns, read through the configured or default SELECT. */
    String sourceSelect(KeyRange range) {
        return "SELECT " + columnList("src") + " FROM (" + sourceQuery + ") src WHERE "
                + range.condition("src.id", column(TransferTable.PRIMARY_KEY).type());
    }

    /** COPY of a query's rows out, in the format the table travels in. */
    String copyOut(String query) {
        return "COPY (" + query + ") TO STDOUT" + (binary ? " WITH (FORMAT binary)" : "");
    }

    /** COPY of rows into a table with these columns, in the format the table travels in. */
    String copyIn(String into) {
        return "COPY " + into + " (" + columnList(null) + ") FROM STDIN" + (binary ? " WITH (FORMAT binary)" : "");
    }
}
