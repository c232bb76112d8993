package dev.avatarbot.schema.mapper;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The parameter of an {@code <update>} whose SQL also answers with a row (a CTE that writes, then
 * SELECTs): {@link ReturnedRowPlugin} hands it the statement's rows after the statement ran.
 * MyBatis itself reads rows only from a {@code <select>}, and a {@code <select>} does not mark the
 * session dirty, so its {@code commit()} would not commit the write.
 */
public interface ReturnedRow {

    /**
     * Called by {@link ReturnedRowPlugin} before the statement runs: its rows will be read. A
     * statement can make its write depend on it, so that in a configuration without the plugin it
     * writes nothing rather than something nobody sees.
     */
    void willBeRead();

    /** Reads the statement's rows (none when the SQL answered none); called once, right after it ran. */
    void read(ResultSet rows) throws SQLException;
}
