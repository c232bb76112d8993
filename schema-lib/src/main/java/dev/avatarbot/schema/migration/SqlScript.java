package dev.avatarbot.schema.migration;

import java.io.StringWriter;
import java.io.Writer;

/**
 * SQL that would move a database between two revisions, for review or to run by hand.
 *
 * @param from the revision it starts at, or {@code base}
 * @param to   the revision it ends at, or {@code base}
 */
public record SqlScript(String from, String to, String sql) {

    /** The file name the goals write it under: {@code <from>__<to>.sql}. */
    public String fileName() {
        return from + "__" + to + ".sql";
    }

    @FunctionalInterface
    interface Writing {
        void into(Writer sql) throws Exception;
    }

    /** What {@code writing} writes, as a string. */
    static String capture(Writing writing) throws Exception {
        StringWriter sql = new StringWriter();
        writing.into(sql);
        return sql.toString();
    }
}
