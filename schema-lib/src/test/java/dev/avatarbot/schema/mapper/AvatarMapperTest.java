package dev.avatarbot.schema.mapper;

import static dev.avatarbot.schema.mapper.MapperTestSupport.insertAvatar;
import static dev.avatarbot.schema.mapper.MapperTestSupport.insertUser;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarbot.schema.domain.Avatar;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class AvatarMapperTest {

    private static SqlSessionFactory sessions;

    @BeforeAll
    static void migrate(DataSource dataSource) {
        sessions = MapperTestSupport.migratedSessions(dataSource);
    }

    @Test
    void insertGeneratesAUuidAndDefaultsTheDataToAnEmptyObject() {
        try (SqlSession session = sessions.openSession(true)) {
            long userId = insertUser(session, "Maker").getId();
            Avatar avatar = insertAvatar(session, userId, "draft");

            Avatar stored = session.getMapper(AvatarMapper.class).findById(avatar.getId());
            assertThat(stored.getId()).isEqualTo(avatar.getId());
            assertThat(stored.getAvatarData().isObject()).isTrue();
            assertThat(stored.getAvatarData().size()).isZero();
            assertThat(stored.isDraft()).isTrue();
            assertThat(stored.getCreatedAt()).isEqualTo(avatar.getCreatedAt());
        }
    }

    @Test
    void aUsersAvatarsComeBackAllOrByStatus() {
        try (SqlSession session = sessions.openSession(true)) {
            long userId = insertUser(session, "Collector").getId();
            long otherUserId = insertUser(session, "Other").getId();
            Avatar draft = insertAvatar(session, userId, "draft");
            Avatar ready = insertAvatar(session, userId, "ready");
            insertAvatar(session, otherUserId, "ready");
            AvatarMapper avatars = session.getMapper(AvatarMapper.class);

            assertThat(avatars.findByUserId(userId, null)).extracting(Avatar::getId)
                    .containsExactlyInAnyOrder(draft.getId(), ready.getId());
            assertThat(avatars.findByUserId(userId, "ready")).extracting(Avatar::getId)
                    .containsExactly(ready.getId());
            assertThat(avatars.findByUserId(userId, "failed")).isEmpty();
        }
    }

    @Test
    void finishingAnAvatarUpdatesStatusDraftFlagAndData() throws Exception {
        try (SqlSession session = sessions.openSession(true)) {
            long userId = insertUser(session, "Finisher").getId();
            Avatar avatar = insertAvatar(session, userId, "draft");
            AvatarMapper avatars = session.getMapper(AvatarMapper.class);
            Thread.sleep(20);

            avatar.setStatus("ready");
            avatar.setDraft(false);
            avatar.setAvatarData(new ObjectMapper().readTree("{\"model\": \"v2\", \"seed\": 42}"));
            assertThat(avatars.update(avatar)).isEqualTo(1);

            Avatar stored = avatars.findById(avatar.getId());
            assertThat(stored.getStatus()).isEqualTo("ready");
            assertThat(stored.isDraft()).isFalse();
            assertThat(stored.getAvatarData().get("seed").asInt()).isEqualTo(42);
            assertThat(stored.getUpdatedAt()).isAfter(avatar.getUpdatedAt());
            assertThat(avatars.deleteById(avatar.getId())).isEqualTo(1);
            assertThat(avatars.findById(avatar.getId())).isNull();
        }
    }
}
