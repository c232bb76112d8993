package dev.avatarbot.schema.mapper;

import javax.sql.DataSource;

import dev.avatarbot.schema.domain.Avatar;
import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.migration.SchemaMigrations;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/** A schema at head and small builders shared by the mapper tests. */
final class MapperTestSupport {

    private static long nextTelegramId = 5_000_000_000L;

    private MapperTestSupport() {
    }

    static SqlSessionFactory migratedSessions(DataSource dataSource) {
        new SchemaMigrations(dataSource).upgrade();
        return SchemaSessions.sqlSessionFactory(dataSource);
    }

    static synchronized User newUser(String firstName) {
        User user = new User();
        user.setTelegramId(nextTelegramId++);
        user.setFirstName(firstName);
        user.setLanguageCode("ru");
        return user;
    }

    static User insertUser(SqlSession session, String firstName) {
        User user = newUser(firstName);
        session.getMapper(UserMapper.class).insert(user);
        return user;
    }

    static Avatar insertAvatar(SqlSession session, long userId, String status) {
        Avatar avatar = new Avatar();
        avatar.setUserId(userId);
        avatar.setName("Avatar " + status);
        avatar.setGender("female");
        avatar.setStatus(status);
        avatar.setDraft(true);
        session.getMapper(AvatarMapper.class).insert(avatar);
        return avatar;
    }
}
