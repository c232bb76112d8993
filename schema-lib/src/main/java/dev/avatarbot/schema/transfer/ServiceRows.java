package dev.avatarbot.schema.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The target's rows its service wrote: those whose {@code updated_at} (stamped on every update by
 * the {@code set_updated_at} trigger, and now() on insert) is later than when the last transfer
 * finished ({@link TransferRun#lastFinished()}), or, live, than when this one began or than the
 * source row's. A merge never changes them, the verification leaves them out on both sides, and
 * the summary counts them. The transfer's own rows never look so: it writes the source's stamps (a
 * null or a missing one as the run's fixed time, {@link FinishedTransfers#stampForNulls}), and a
 * row it merges keeps the source's stamp though the trigger stamps now() ({@link BatchWriter}).
 */
final class ServiceRows {

    private ServiceRows() {
    }

    /**
     * A condition (beginning with AND) that spares the service's rows of alias {@code target}; empty
     * when there are none. Live, with {@code sourceStamp} (the source row's typed {@code updated_at},
     * null when the source has none), a row the target holds newer than the source's is the
     * service's too: it may have signed a user up with an id the old database has.
     */
    static String notTheService(String target, OffsetDateTime since, String sourceStamp) {
        String condition = since == null ? "" : " AND " + target + ".updated_at <= " + literal(since);
        return sourceStamp == null ? condition : condition + " AND " + target + ".updated_at <= " + sourceStamp;
    }

    /** The condition on a target row (alias {@code target}) that {@link #notTheService} negates. */
    static String theService(String target, OffsetDateTime since, String sourceStamp) {
        String spared = notTheService(target, since, sourceStamp);
        return spared.isEmpty() ? "false" : "NOT (true" + spared + ")";
    }

    /** The keys of the service's rows, as text. */
    static List<String> keys(Connection dst, TableLayout layout, OffsetDateTime since) throws SQLException {
        List<String> keys = new ArrayList<>();
        if (since == null) {
            return keys;
        }
        try (PreparedStatement query = dst.prepareStatement("SELECT CAST(id AS text) FROM " + layout.table().table
                + " WHERE updated_at > " + literal(since)); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private static String literal(OffsetDateTime since) {
        return FinishedTransfers.literal(since);
    }
}
