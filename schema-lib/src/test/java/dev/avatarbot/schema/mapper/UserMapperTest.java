package dev.avatarbot.schema.mapper;

import static dev.avatarbot.schema.mapper.MapperTestSupport.insertAvatar;
import static dev.avatarbot.schema.mapper.MapperTestSupport.insertUser;
import static dev.avatarbot.schema.mapper.MapperTestSupport.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.avatarbot.schema.domain.Avatar;
import dev.avatarbot.schema.domain.AvatarPhoto;
import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class UserMapperTest {

    private static SqlSessionFactory sessions;

    @BeforeAll
    static void migrate(DataSource dataSource) {
        sessions = MapperTestSupport.migratedSessions(dataSource);
    }

    @Test
    void insertAssignsIdAndTimestampsAndFindersReturnTheRow() {
        try (SqlSession session = sessions.openSession(true)) {
            UserMapper users = session.getMapper(UserMapper.class);
            User user = newUser("Анна");
            user.setLastName("Петрова");
            user.setUsername("anna_p");
            user.setPremium(true);
            users.insert(user);

            assertThat(user.getId()).isNotNull();
            assertThat(user.getCreatedAt()).isNotNull();
            User byId = users.findById(user.getId());
            assertThat(byId).usingRecursiveComparison().isEqualTo(user);
            assertThat(users.findByTelegramId(user.getTelegramId())).usingRecursiveComparison().isEqualTo(user);
        }
    }

    @Test
    void aTelegramIdAboveTwoToThe31KeepsAllItsBits() {
        try (SqlSession session = sessions.openSession(true)) {
            UserMapper users = session.getMapper(UserMapper.class);
            User user = newUser("Big");
            user.setTelegramId(7_123_456_789L);
            users.insert(user);
            assertThat(users.findByTelegramId(7_123_456_789L).getId()).isEqualTo(user.getId());
        }
    }

    @Test
    void upsertInsertsOnceThenRefreshesTheProfileKeepingTheId() {
        try (SqlSession session = sessions.openSession(true)) {
            UserMapper users = session.getMapper(UserMapper.class);
            User first = newUser("Old name");
            users.upsertByTelegramId(first);

            User again = newUser("New name");
            again.setTelegramId(first.getTelegramId());
            again.setUsername("renamed");
            users.upsertByTelegramId(again);

            assertThat(again.getId()).isEqualTo(first.getId());
            User stored = users.findById(first.getId());
            assertThat(stored.getFirstName()).isEqualTo("New name");
            assertThat(stored.getUsername()).isEqualTo("renamed");
        }
    }

    @Test
    void updateMovesUpdatedAtButNotCreatedAt() throws InterruptedException {
        try (SqlSession session = sessions.openSession(true)) {
            UserMapper users = session.getMapper(UserMapper.class);
            User user = insertUser(session, "Before");
            Thread.sleep(20);
            user.setFirstName("After");
            assertThat(users.update(user)).isEqualTo(1);

            User stored = users.findById(user.getId());
            assertThat(stored.getFirstName()).isEqualTo("After");
            assertThat(stored.getCreatedAt()).isEqualTo(user.getCreatedAt());
            assertThat(stored.getUpdatedAt()).isAfter(user.getUpdatedAt());
        }
    }

    @Test
    void aSecondUserWithTheSameTelegramIdIsRefused() {
        try (SqlSession session = sessions.openSession(true)) {
            User user = insertUser(session, "One");
            User twin = newUser("Two");
            twin.setTelegramId(user.getTelegramId());
            assertThatThrownBy(() -> session.getMapper(UserMapper.class).insert(twin))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageContaining("uq_users_telegram_id");
        }
    }

    @Test
    void deletingAUserCascadesToBalanceStateAvatarsAndPhotos() {
        try (SqlSession session = sessions.openSession(true)) {
            User user = insertUser(session, "Doomed");
            long userId = user.getId();
            session.getMapper(UserBalanceMapper.class).credit(userId, 10);
            session.getMapper(UserStateMapper.class).replaceState(userId, JsonNodeFactory.instance.objectNode());
            Avatar avatar = insertAvatar(session, userId, "draft");
            AvatarPhoto photo = new AvatarPhoto();
            photo.setAvatarId(avatar.getId());
            photo.setMinioKey("photos/doomed.jpg");
            session.getMapper(AvatarPhotoMapper.class).insert(photo);

            assertThat(session.getMapper(UserMapper.class).deleteById(userId)).isEqualTo(1);

            assertThat(session.getMapper(UserMapper.class).findById(userId)).isNull();
            assertThat(session.getMapper(UserBalanceMapper.class).findByUserId(userId)).isNull();
            assertThat(session.getMapper(UserStateMapper.class).findByUserId(userId)).isNull();
            assertThat(session.getMapper(AvatarMapper.class).findByUserId(userId, null)).isEmpty();
            assertThat(session.getMapper(AvatarPhotoMapper.class).findById(photo.getId())).isNull();
        }
    }

    @Test
    void rolledBackSessionLeavesNoUser() {
        long telegramId;
        try (SqlSession session = sessions.openSession(false)) {
            User user = insertUser(session, "Ghost");
            telegramId = user.getTelegramId();
            session.rollback();
        }
        try (SqlSession session = sessions.openSession(true)) {
            assertThat(session.getMapper(UserMapper.class).findByTelegramId(telegramId)).isNull();
        }
    }
}
