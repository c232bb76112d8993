package dev.avatarbot.schema.mappercheck.rows;

import java.time.LocalDate;

/** One user's coins and the day they joined. */
public record SpendingRow(long telegramId, long coins, LocalDate joinedOn) {
}
