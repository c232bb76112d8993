package dev.avatarbot.schema.mapper;

import static dev.avatarbot.schema.mapper.MapperTestSupport.insertAvatar;
import static dev.avatarbot.schema.mapper.MapperTestSupport.insertUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.avatarbot.schema.domain.Avatar;
import dev.avatarbot.schema.domain.AvatarPhoto;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class AvatarPhotoMapperTest {

    private static SqlSessionFactory sessions;

    @BeforeAll
    static void migrate(DataSource dataSource) {
        sessions = MapperTestSupport.migratedSessions(dataSource);
    }

    private static AvatarPhoto addPhoto(SqlSession session, UUID avatarId, String key, int order) {
        AvatarPhoto photo = new AvatarPhoto();
        photo.setAvatarId(avatarId);
        photo.setMinioKey(key);
        photo.setOrder(order);
        session.getMapper(AvatarPhotoMapper.class).insert(photo);
        return photo;
    }

    private static Avatar newAvatar(SqlSession session) {
        return insertAvatar(session, insertUser(session, "Photographer").getId(), "draft");
    }

    @Test
    void photosComeBackInOrderWhateverTheInsertOrder() {
        try (SqlSession session = sessions.openSession(true)) {
            Avatar avatar = newAvatar(session);
            addPhoto(session, avatar.getId(), "c.jpg", 2);
            addPhoto(session, avatar.getId(), "a.jpg", 0);
            addPhoto(session, avatar.getId(), "b.jpg", 1);

            assertThat(session.getMapper(AvatarPhotoMapper.class).findByAvatarId(avatar.getId()))
                    .extracting(AvatarPhoto::getMinioKey).containsExactly("a.jpg", "b.jpg", "c.jpg");
        }
    }

    @Test
    void reorderRenumbersTheAvatarsPhotosInOneStatement() {
        try (SqlSession session = sessions.openSession(true)) {
            Avatar avatar = newAvatar(session);
            Avatar otherAvatar = newAvatar(session);
            AvatarPhoto a = addPhoto(session, avatar.getId(), "a.jpg", 0);
            AvatarPhoto b = addPhoto(session, avatar.getId(), "b.jpg", 1);
            AvatarPhoto c = addPhoto(session, avatar.getId(), "c.jpg", 2);
            AvatarPhoto foreign = addPhoto(session, otherAvatar.getId(), "x.jpg", 7);
            AvatarPhotoMapper photos = session.getMapper(AvatarPhotoMapper.class);

            int renumbered = photos.reorder(avatar.getId(), List.of(c.getId(), a.getId(), b.getId(), foreign.getId()));

            assertThat(renumbered).as("the other avatar's photo is not touched").isEqualTo(3);
            assertThat(photos.findByAvatarId(avatar.getId())).extracting(AvatarPhoto::getMinioKey)
                    .containsExactly("c.jpg", "a.jpg", "b.jpg");
            assertThat(photos.findById(foreign.getId()).getOrder()).isEqualTo(7);
        }
    }

    @Test
    void updateMovesUpdatedAtAndDeleteRemoves() throws InterruptedException {
        try (SqlSession session = sessions.openSession(true)) {
            Avatar avatar = newAvatar(session);
            AvatarPhoto photo = addPhoto(session, avatar.getId(), "old.jpg", 0);
            AvatarPhotoMapper photos = session.getMapper(AvatarPhotoMapper.class);
            Thread.sleep(20);
            photo.setMinioKey("new.jpg");
            assertThat(photos.update(photo)).isEqualTo(1);

            AvatarPhoto stored = photos.findById(photo.getId());
            assertThat(stored.getMinioKey()).isEqualTo("new.jpg");
            assertThat(stored.getUpdatedAt()).isAfter(photo.getUpdatedAt());
            assertThat(photos.deleteById(photo.getId())).isEqualTo(1);
            assertThat(photos.findByAvatarId(avatar.getId())).isEmpty();
        }
    }
}
