package dev.avatarbot.schema.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.avatarbot.schema.domain.User;
import dev.avatarbot.schema.mapper.SchemaSessions;
import dev.avatarbot.schema.mapper.UserMapper;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forty tests in a row insert the same telegram_id: each passes only in a database of its own. */
class FreshDatabasePerTestTest {

    @RegisterExtension
    static SchemaDatabase db = SchemaDatabase.atHead();

    /** Built once over {@link SchemaDatabase#dataSource()}, which reaches each test's own database. */
    private static final SqlSessionFactory SESSIONS = SchemaSessions.sqlSessionFactory(db.dataSource());
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    @RepeatedTest(40)
    void theSameTelegramIdIsNewInEveryTest() {
        USED.add(db.databaseName());
        try (SqlSession session = SESSIONS.openSession()) {
            UserMapper users = session.getMapper(UserMapper.class);
            assertThat(users.findByTelegramId(777L)).isNull();
            User user = new User();
            user.setTelegramId(777L);
            user.setFirstName("Anna");
            user.setLanguageCode("en");
            users.insert(user);
            session.commit();
        }
    }

    @AfterAll
    static void everyTestHadItsOwnDatabaseAndNoneIsLeft() throws SQLException {
        assertThat(USED).hasSize(40);
        TestDatabases.awaitDrops();
        try (Connection connection = TestServer.admin().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM pg_database WHERE datname = ANY (?)")) {
            Array names = connection.createArrayOf("text", USED.toArray());
            query.setArray(1, names);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isZero();
            }
        }
    }
}
