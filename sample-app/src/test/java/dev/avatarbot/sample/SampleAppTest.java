package dev.avatarbot.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.avatarbot.schema.domain.AvatarPhoto;
import dev.avatarbot.schema.mapper.AvatarMapper;
import dev.avatarbot.schema.mapper.AvatarPhotoMapper;
import dev.avatarbot.schema.mapper.SchemaSessions;
import dev.avatarbot.schema.mapper.UserBalanceMapper;
import dev.avatarbot.schema.mapper.UserStateMapper;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;
import dev.avatarbot.schema.testing.TestPostgres;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Each test has a database of its own, so none depends on what another did or on their order. */
class SampleAppTest {

    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createDatabase() {
        dataSource = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        TestPostgres.dropDatabase(dataSource);
    }

    @Test
    void refusesToStartOnADatabaseThatIsBehindInAServicesTerms() {
        // An empty database: no revision applied yet.
        assertThatThrownBy(() -> SampleApp.start(dataSource, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(SchemaNotCurrentException.class)
                .hasMessageContaining("behind this schema-lib").hasMessageContaining("Upgrade it before use.")
                .hasMessageNotContaining("mvn");
    }

    @Test
    void runsTheBotsFlowAndLeavesItsResultInTheDatabase() {
        new SchemaMigrations(dataSource).upgrade();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        SampleApp.start(dataSource, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Schema is current: 20250520_initial", "Second avatar refused",
                "In the database now:", "Ваш аватар готов!", "Report (the service's own mapper):");
        assertThat(output).containsPattern("\"[^\"]+\"  ready  3 photos, first avatars/[^ ]+/photo-3\\.jpg");
        try (SqlSession session = SchemaSessions.sqlSessionFactory(dataSource).openSession()) {
            long userId = Long.parseLong(output.replaceAll("(?s).*arrives as user (\\d+),.*", "$1"));
            assertThat(session.getMapper(UserBalanceMapper.class).findByUserId(userId).getCoins())
                    .isEqualTo(BotFlow.WELCOME_BONUS - BotFlow.AVATAR_PRICE);
            var avatar = session.getMapper(AvatarMapper.class).findByUserId(userId, "ready").get(0);
            assertThat(avatar.isDraft()).isFalse();
            assertThat(session.getMapper(AvatarPhotoMapper.class).findByAvatarId(avatar.getId()))
                    .extracting(AvatarPhoto::getMinioKey)
                    .allMatch(key -> key.startsWith("avatars/" + avatar.getId()))
                    .extracting(key -> key.substring(key.lastIndexOf('/') + 1))
                    .containsExactly("photo-3.jpg", "photo-1.jpg", "photo-2.jpg");
            assertThat(session.getMapper(UserStateMapper.class).findByUserId(userId).getStateData()
                    .at("/menu/title").asText()).isEqualTo("Ваш аватар готов!");
        }
    }
}
