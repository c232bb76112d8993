package dev.avatarbot.sample;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * One conversation of the avatar bot, as a service would write it: each step a transaction.
 * A Telegram user arrives, gets a welcome bonus (once), builds an avatar from three photos, pays for it,
 * tries to overspend, and leaves its conversation state behind. Then it prints what is stored.
 */
public final class BotFlow {

    public static final long WELCOME_BONUS = 100;
    public static final long AVATAR_PRICE = 60;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlSessionFactory sessions;
    private final PrintStream out;

    public BotFlow(SqlSessionFactory sessions, PrintStream out) {
        this.sessions = sessions;
        this.out = out;
    }

    /** Runs the flow for one Telegram user; returns the user's id. */
    public long run(long telegramId) {
        long userId = userArrives(telegramId);
        UUID avatarId = startDraftAvatar(userId);
        uploadAndReorderPhotos(avatarId);
        finishAvatar(userId, avatarId);
        saveConversationState(userId, avatarId);
        printStored(userId);
        return userId;
    }

    private long userArrives(long telegramId) {
        try (SqlSession session = sessions.openSession()) {
            User user = new User();
            user.setTelegramId(telegramId);
            user.setFirstName("Анна");
            user.setUsername("anna_avatar");
            user.setLanguageCode("ru");
            session.getMapper(UserMapper.class).upsertByTelegramId(user);
            boolean newcomer = session.getMapper(UserBalanceMapper.class).openIfMissing(user.getId(), WELCOME_BONUS) == 1;
            session.commit();
            out.printf("1. Telegram user %d arrives as user %d, %s%n", telegramId, user.getId(),
                    newcomer ? "welcome bonus " + WELCOME_BONUS + " coins" : "welcome back (the bonus was given before)");
            return user.getId();
        }
    }

    private UUID startDraftAvatar(long userId) {
        try (SqlSession session = sessions.openSession()) {
            Avatar avatar = new Avatar();
            avatar.setUserId(userId);
            avatar.setName("Анна в космосе");
            avatar.setGender("female");
            avatar.setStatus("draft");
            avatar.setDraft(true);
            session.getMapper(AvatarMapper.class).insert(avatar);
            session.commit();
            out.printf("2. Draft avatar %s started%n", avatar.getId());
            return avatar.getId();
        }
    }

    private void uploadAndReorderPhotos(UUID avatarId) {
        try (SqlSession session = sessions.openSession()) {
            AvatarPhotoMapper photos = session.getMapper(AvatarPhotoMapper.class);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AvatarPhoto photo = new AvatarPhoto();
                photo.setAvatarId(avatarId);
                photo.setMinioKey("avatars/" + avatarId + "/photo-" + (i + 1) + ".jpg");
                photo.setOrder(i);
                photos.insert(photo);
                ids.add(photo.getId());
            }
            // The user drags the last photo to the front.
            photos.reorder(avatarId, List.of(ids.get(2), ids.get(0), ids.get(1)));
            session.commit();
            out.println("3. Three photos uploaded (keys only) and reordered: photo-3 first");
        }
    }

    private void finishAvatar(long userId, UUID avatarId) {
        try (SqlSession session = sessions.openSession()) {
            UserBalanceMapper balances = session.getMapper(UserBalanceMapper.class);
            balances.debit(userId, AVATAR_PRICE);
            AvatarMapper avatars = session.getMapper(AvatarMapper.class);
            Avatar avatar = avatars.findById(avatarId);
            avatar.setStatus("ready");
            avatar.setDraft(false);
            ObjectNode data = JSON.createObjectNode().put("style", "space").put("model", "v2");
            avatar.setAvatarData(data);
            avatars.update(avatar);
            session.commit();
            out.printf("4. Avatar finished (status ready, no longer a draft), %d coins spent%n", AVATAR_PRICE);
        }
        try (SqlSession session = sessions.openSession()) {
            session.getMapper(UserBalanceMapper.class).debit(userId, AVATAR_PRICE);
            session.commit();
            out.println("5. Second avatar paid (unexpected)");
        } catch (InsufficientCoinsException e) {
            out.println("5. Second avatar refused: " + e.getMessage());
        }
    }

    private void saveConversationState(long userId, UUID avatarId) {
        try (SqlSession session = sessions.openSession()) {
            ObjectNode state = JSON.createObjectNode();
            state.put("step", "avatar_ready");
            state.put("last_avatar", avatarId.toString());
            state.putObject("menu").put("title", "Ваш аватар готов!").putArray("buttons").add("Ещё").add("Поделиться");
            session.getMapper(UserStateMapper.class).replaceState(userId, state);
            session.commit();
            out.println("6. Conversation state saved as JSON");
        }
    }

    private void printStored(long userId) {
        try (SqlSession session = sessions.openSession()) {
            User user = session.getMapper(UserMapper.class).findById(userId);
            out.println();
            out.println("In the database now:");
            out.printf("  user      #%d  telegram %d  %s (@%s, %s)%n", user.getId(), user.getTelegramId(),
                    user.getFirstName(), user.getUsername(), user.getLanguageCode());
            out.printf("  balance   %d coins%n", session.getMapper(UserBalanceMapper.class).findByUserId(userId).getCoins());
            out.printf("  state     %s%n", session.getMapper(UserStateMapper.class).findByUserId(userId).getStateData());
            for (Avatar avatar : session.getMapper(AvatarMapper.class).findByUserId(userId, null)) {
                out.printf("  avatar    %s  \"%s\"  status %s  draft %s  data %s%n", avatar.getId(), avatar.getName(),
                        avatar.getStatus(), avatar.isDraft(), avatar.getAvatarData());
                for (AvatarPhoto photo : session.getMapper(AvatarPhotoMapper.class).findByAvatarId(avatar.getId())) {
                    out.printf("    photo   %d  %s%n", photo.getOrder(), photo.getMinioKey());
                }
            }
        }
    }
}
