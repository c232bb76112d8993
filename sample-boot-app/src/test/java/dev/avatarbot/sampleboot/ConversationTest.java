package dev.avatarbot.sampleboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarbot.sampleboot.report.SpendingReportMapper;
import dev.avatarbot.sampleboot.report.SpendingRow;
import dev.avatarbot.schema.domain.InsufficientCoinsException;
import dev.avatarbot.schema.mapper.AvatarMapper;
import dev.avatarbot.schema.mapper.AvatarPhotoMapper;
import dev.avatarbot.schema.mapper.UserStateMapper;
import dev.avatarbot.schema.test.SchemaDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The conversation end to end, the manual's recipe (Using the jar from a service): one Spring context for the class, its DataSource the
 * test kit's (the static SchemaDatabase field is all it takes: no property, no bean), and still a
 * fresh database at head in each test (the second sees nothing of the first).
 */
@SpringBootTest(properties = "spring.main.banner-mode=off")
@TestMethodOrder(MethodOrderer.MethodName.class)
class ConversationTest {

    private static final long TELEGRAM_ID = 5_123_456_789L;

    @RegisterExtension
    static SchemaDatabase db = SchemaDatabase.atHead();

    @Autowired
    Conversation conversation;

    @Autowired
    SpendingReportMapper report;

    @Autowired
    AvatarMapper avatars;

    @Autowired
    AvatarPhotoMapper photos;

    @Autowired
    UserStateMapper states;

    @Autowired
    HealthContributorRegistry health;

    @Test
    void aUserBuildsAndPaysForOneAvatarAndIsRefusedTheSecond() throws Exception {
        long userId = conversation.userArrives(TELEGRAM_ID, "Анна", "ru");
        assertThat(conversation.userArrives(TELEGRAM_ID, "Анна", "ru")).isEqualTo(userId);

        UUID first = conversation.draftAvatar(userId, "Анна в космосе");
        assertThat(photos.findByAvatarId(first)).extracting(photo -> photo.getMinioKey().replaceAll(".*/", ""))
                .containsExactly("photo-3.jpg", "photo-1.jpg", "photo-2.jpg");
        conversation.finishAvatar(userId, first);

        UUID second = conversation.draftAvatar(userId, "Анна на луне");
        assertThatThrownBy(() -> conversation.finishAvatar(userId, second))
                .isInstanceOf(InsufficientCoinsException.class);
        assertThat(avatars.findById(second).getStatus()).as("rolled back with the refused payment").isEqualTo("draft");

        conversation.saveState(userId, new ObjectMapper().readTree("{\"step\":\"avatar_ready\"}"));
        assertThat(states.findByUserId(userId).getStateData().get("step").asText()).isEqualTo("avatar_ready");

        assertThat(report.spendingOf(TELEGRAM_ID)).isEqualTo(new SpendingRow(TELEGRAM_ID,
                Conversation.WELCOME_BONUS - Conversation.AVATAR_PRICE, 1, 1));
    }

    @Test
    void theNextTestStartsOnAnEmptyDatabaseAndTheSchemaIsHealthy() {
        assertThat(report.spendingOf(TELEGRAM_ID)).isNull();
        assertThat(((HealthIndicator) health.getContributor("schema")).health().getStatus()).isEqualTo(Status.UP);
    }
}
