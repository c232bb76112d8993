package dev.avatarbot.sampleboot;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avatarbot.schema.domain.Avatar;
import dev.avatarbot.schema.domain.AvatarPhoto;
import dev.avatarbot.schema.domain.InsufficientCoinsException;
import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.mapper.AvatarMapper;
import dev.avatarbot.schema.mapper.AvatarPhotoMapper;
import dev.avatarbot.schema.mapper.UserBalanceMapper;
import dev.avatarbot.schema.mapper.UserMapper;
import dev.avatarbot.schema.mapper.UserStateMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * sample-app's conversation of the bot with schema-lib's mappers as beans: each step one
 * {@code @Transactional} method, so a refused payment rolls back with nothing written.
 */
@Service
public class Conversation {

    public static final long WELCOME_BONUS = 100;
    public static final long AVATAR_PRICE = 60;

    private final UserMapper users;
    private final UserBalanceMapper balances;
    private final UserStateMapper states;
    private final AvatarMapper avatars;
    private final AvatarPhotoMapper photos;

    public Conversation(UserMapper users, UserBalanceMapper balances, UserStateMapper states, AvatarMapper avatars,
                        AvatarPhotoMapper photos) {
        this.users = users;
        this.balances = balances;
        this.states = states;
        this.avatars = avatars;
        this.photos = photos;
    }

    /** The Telegram user arrives (or comes back); the welcome bonus is paid once. Returns the user's id. */
    @Transactional
    public long userArrives(long telegramId, String firstName, String languageCode) {
        User user = new User();
        user.setTelegramId(telegramId);
        user.setFirstName(firstName);
        user.setLanguageCode(languageCode);
        users.upsertByTelegramId(user);
        balances.openIfMissing(user.getId(), WELCOME_BONUS);
        return user.getId();
    }

    /** A draft avatar with three photos, the last one dragged to the front. */
    @Transactional
    public UUID draftAvatar(long userId, String name) {
        Avatar avatar = new Avatar();
        avatar.setUserId(userId);
        avatar.setName(name);
        avatar.setGender("female");
        avatar.setStatus("draft");
        avatar.setDraft(true);
        avatars.insert(avatar);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AvatarPhoto photo = new AvatarPhoto();
            photo.setAvatarId(avatar.getId());
            photo.setMinioKey("avatars/" + avatar.getId() + "/photo-" + (i + 1) + ".jpg");
            photo.setOrder(i);
            photos.insert(photo);
            ids.add(photo.getId());
        }
        photos.reorder(avatar.getId(), List.of(ids.get(2), ids.get(0), ids.get(1)));
        return avatar.getId();
    }

    /**
     * Pays for the avatar and makes it ready, in one transaction.
     *
     * @throws InsufficientCoinsException when the balance is short; nothing is changed then
     */
    @Transactional
    public void finishAvatar(long userId, UUID avatarId) {
        Avatar avatar = avatars.findById(avatarId);
        avatar.setStatus("ready");
        avatar.setDraft(false);
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("style", "space").put("model", "v2");
        avatar.setAvatarData(data);
        avatars.update(avatar);
        balances.debit(userId, AVATAR_PRICE);
    }

    @Transactional
    public void saveState(long userId, JsonNode state) {
        states.replaceState(userId, state);
    }
}
