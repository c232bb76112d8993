package it.consumer.report;

import java.time.LocalDate;

/** One user's coins left and the day they joined. */
public record SpendingRow(long telegramId, long coins, LocalDate joinedOn) {
}
