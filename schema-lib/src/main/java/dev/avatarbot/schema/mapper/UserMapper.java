package dev.avatarbot.schema.mapper;

import dev.avatarbot.schema.domain.User;

/** Table {@code users}. */
public interface UserMapper {

    /** Inserts the user; the assigned id and the timestamps are filled in. */
    void insert(User user);

    /**
     * Inserts the user or, when its {@code telegram_id} is known, refreshes the profile fields
     * Telegram sends with every update. One statement, safe when two updates race. The user's id
     * and timestamps are filled in either way.
     */
    void upsertByTelegramId(User user);

    User findById(long id);

    User findByTelegramId(long telegramId);

    /** Writes every profile field of the user with this id; returns the rows changed (0 or 1). */
    int update(User user);

    /** Deletes the user and, by cascade, its balance, state, avatars and their photos. */
    int deleteById(long id);
}
