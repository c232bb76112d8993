package dev.avatarbot.schema.mapper;

import static dev.avatarbot.schema.mapper.MapperTestSupport.insertUser;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarbot.schema.domain.UserState;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class UserStateMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SqlSessionFactory sessions;

    @BeforeAll
    static void migrate(DataSource dataSource) {
        sessions = MapperTestSupport.migratedSessions(dataSource);
    }

    @Test
    void nestedStateWithCyrillicTextRoundTripsUnchanged() throws Exception {
        JsonNode state = JSON.readTree("""
                {"step": "upload_photos",
                 "prompt": "Загрузите три фотографии — лицо крупным планом",
                 "draft": {"name": "Аватар №1", "photos": ["a/1.jpg", "a/2.jpg"], "style": {"age": 30, "tags": []}},
                 "flags": [true, false, null], "emoji": "🙂"}""");
        try (SqlSession session = sessions.openSession(true)) {
            long userId = insertUser(session, "Ира").getId();
            UserStateMapper states = session.getMapper(UserStateMapper.class);
            states.replaceState(userId, state);

            UserState stored = states.findByUserId(userId);
            assertThat(stored.getStateData()).isEqualTo(state);
            assertThat(stored.getStateData().at("/draft/name").asText()).isEqualTo("Аватар №1");
        }
    }

    @Test
    void replaceStateOverwritesTheWholeDocumentAndMovesUpdatedAt() throws Exception {
        try (SqlSession session = sessions.openSession(true)) {
            long userId = insertUser(session, "Replacer").getId();
            UserStateMapper states = session.getMapper(UserStateMapper.class);
            states.replaceState(userId, JSON.readTree("{\"a\": 1, \"b\": 2}"));
            UserState first = states.findByUserId(userId);
            Thread.sleep(20);
            states.replaceState(userId, JSON.readTree("{\"c\": 3}"));

            UserState second = states.findByUserId(userId);
            assertThat(second.getId()).isEqualTo(first.getId());
            assertThat(second.getStateData()).isEqualTo(JSON.readTree("{\"c\": 3}"));
            assertThat(second.getUpdatedAt()).isAfter(first.getUpdatedAt());
        }
    }

    @Test
    void insertFindByIdAndDelete() throws Exception {
        try (SqlSession session = sessions.openSession(true)) {
            long userId = insertUser(session, "Plain").getId();
            UserStateMapper states = session.getMapper(UserStateMapper.class);
            UserState state = new UserState();
            state.setUserId(userId);
            state.setStateData(JSON.readTree("{}"));
            states.insert(state);

            assertThat(states.findById(state.getId())).usingRecursiveComparison().isEqualTo(state);
            assertThat(states.deleteById(state.getId())).isEqualTo(1);
            assertThat(states.findByUserId(userId)).isNull();
        }
    }
}
