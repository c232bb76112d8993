package dev.avatarbot.schema.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A data transfer that loaded tables in restore order (bare tables first, their indexes and foreign
 * keys after) and has not finished: the definitions it took down wait in its state table until the
 * transfer, run again, puts them back. Until then the schema is not what the revisions describe,
 * so status reports it and upgrades and downgrades refuse to run.
 *
 * @param startedAt when the transfer took the definitions down
 * @param tables    the tables still without some of their indexes or foreign keys
 * @param takenDown how many indexes and foreign keys are still down
 */
public record UnfinishedTransfer(OffsetDateTime startedAt, List<String> tables, int takenDown) {

    /** The state table; it exists only while a transfer is unfinished. */
    public static final String STATE_TABLE = "avatar_db_unfinished_transfer";

    public UnfinishedTransfer {
        tables = List.copyOf(tables);
    }

    /** The unfinished transfer in the connection's schema, if there is one. */
    public static Optional<UnfinishedTransfer> read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + STATE_TABLE + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (ResultSet state = statement.executeQuery("SELECT min(started_at), count(*),"
                    + " string_agg(DISTINCT table_name, ',' ORDER BY table_name) FROM " + STATE_TABLE)) {
                state.next();
                String tables = state.getString(3);
                return Optional.of(new UnfinishedTransfer(state.getObject(1, OffsetDateTime.class), tables == null
                        ? List.of() : Arrays.asList(tables.split(",")), state.getInt(2)));
            }
        }
    }

    /** One line in the library's terms: what is unfinished and what it means. */
    public String describe() {
        return "a data transfer begun " + (startedAt == null ? "earlier" : "at " + startedAt) + " is unfinished: "
                + takenDown + " index(es) and foreign key(s) of " + (tables.isEmpty() ? "its tables" : String.join(", ", tables))
                + " are taken down until it is run again";
    }

    /** An upgrade or downgrade asked for over an unfinished transfer. */
    public static final class Refused extends SchemaException.UserError {
        private final UnfinishedTransfer transfer;

        public Refused(String command, UnfinishedTransfer transfer) {
            super("Cannot " + command + ": " + transfer.describe() + ". Finish the data transfer first.");
            this.transfer = transfer;
        }

        public UnfinishedTransfer transfer() {
            return transfer;
        }
    }
}
