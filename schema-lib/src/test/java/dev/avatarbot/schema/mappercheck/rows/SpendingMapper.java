package dev.avatarbot.schema.mappercheck.rows;

import java.time.OffsetDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Param;

/**
 * A service's report mapper whose result maps pass the result columns' types yet one cannot map a
 * real row: a timestamptz read into a LocalDate, which the driver refuses on a value.
 */
public interface SpendingMapper {

    /** Maps a real row. */
    List<JoinedRow> joinedSince(@Param("since") OffsetDateTime since);

    /** Cannot map a real row: joined_on is a timestamptz. */
    SpendingRow spendingOf(@Param("telegramId") long telegramId);

    /** Maps a real row of its own: the sample text 's1' is no label of the enum, which is the sample's fault. */
    List<StatusRow> statuses(@Param("userId") long userId);

    /** An avatar's status as a Java enum. */
    record StatusRow(long userId, Status status) {
    }

    /** The statuses a service knows. */
    enum Status { draft, ready }

    /** A row with a timestamptz. */
    record JoinedRow(long telegramId, OffsetDateTime joinedAt) {
    }
}
