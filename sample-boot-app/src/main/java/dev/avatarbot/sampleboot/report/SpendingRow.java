package dev.avatarbot.sampleboot.report;

/** One user's coins left and avatars by state. */
public record SpendingRow(long telegramId, long coins, int readyAvatars, int draftAvatars) {
}
