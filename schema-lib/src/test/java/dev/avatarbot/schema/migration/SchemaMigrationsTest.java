package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.testing.FreshDatabase;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The revision API on one database, walked from base to head and back, in order. */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaMigrationsTest {

    private static final String INITIAL = "20250520_initial";

    @Test
    @Order(1)
    void anEmptyDatabaseIsAtBaseWithEveryRevisionPending(DataSource dataSource) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);

        assertThat(migrations.status().current()).isEmpty();
        assertThat(migrations.status().pending()).containsExactly(INITIAL);
        assertThat(migrations.status().revisions()).singleElement().satisfies(revision -> {
            assertThat(revision.id()).isEqualTo(INITIAL);
            assertThat(revision.message()).startsWith("Initial schema");
            assertThat(revision.applied()).isFalse();
            assertThat(revision.current()).isFalse();
        });
    }

    @Test
    @Order(2)
    void verifyCurrentRefusesAnEmptyDatabaseInTermsFitForAService(DataSource dataSource) {
        assertThatThrownBy(() -> new SchemaMigrations(dataSource).verifyCurrent())
                .isInstanceOf(SchemaNotCurrentException.class)
                .hasMessage("The database is at base (no revision applied) and behind this schema-lib: 1 pending"
                        + " revision(s) " + INITIAL + ". Upgrade it before use.")
                .satisfies(e -> assertThat(((SchemaNotCurrentException) e).behind()).isTrue());
    }

    @Test
    @Order(3)
    void anUnknownRevisionIsRefusedWithTheKnownOnes(DataSource dataSource) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);

        assertThatThrownBy(() -> migrations.upgradeTo("20990101_nope"))
                .isInstanceOf(UnknownRevisionException.class)
                .hasMessageContaining("20990101_nope").hasMessageContaining(INITIAL);
        assertThatThrownBy(() -> migrations.downgradeTo("20990101_nope"))
                .isInstanceOf(UnknownRevisionException.class);
        assertThat(migrations.status().current()).isEmpty();
    }

    @Test
    @Order(4)
    void downgradeToARevisionNotAppliedIsRefused(DataSource dataSource) {
        assertThatThrownBy(() -> new SchemaMigrations(dataSource).downgradeTo(INITIAL))
                .isInstanceOf(RevisionNotAppliedException.class)
                .hasMessageContaining("not applied").hasMessageNotContaining("schema:");
    }

    @Test
    @Order(5)
    void downgradeWithoutARevisionIsRefused(DataSource dataSource) {
        assertThatThrownBy(() -> new SchemaMigrations(dataSource).downgradeTo(" "))
                .isInstanceOf(SchemaException.UserError.class)
                .hasMessageContaining("base");
    }

    @Test
    @Order(6)
    void upgradeToARevisionAppliesItAndRecordsWhen(DataSource dataSource) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);
        OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);

        migrations.upgradeTo(INITIAL);

        assertThat(migrations.status().current()).contains(INITIAL);
        assertThat(migrations.status().pending()).isEmpty();
        Revision initial = migrations.status().revisions().get(0);
        assertThat(initial.current()).isTrue();
        assertThat(initial.appliedAt()).isAfter(before).isBefore(OffsetDateTime.now().plusMinutes(1));
    }

    @Test
    @Order(7)
    void verifyCurrentPassesAtHeadAndUpgradeAgainChangesNothing(DataSource dataSource) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);
        migrations.verifyCurrent();
        migrations.upgrade();
        assertThat(migrations.status().current()).contains(INITIAL);
    }

    @Test
    @Order(8)
    void aDatabaseAheadOfTheJarIsNamedByVerifyCurrentAndUnknownApplied(DataSource dataSource) {
        TestPostgres.execute(dataSource, "INSERT INTO databasechangelog (id, author, filename, dateexecuted,"
                + " orderexecuted, exectype, tag) VALUES ('20990101_future-tag', 'someone', 'revisions/20990101_future.xml',"
                + " now(), 99, 'EXECUTED', '20990101_future')");
        SchemaMigrations migrations = new SchemaMigrations(dataSource);

        assertThat(migrations.status().unknownApplied()).containsExactly("20990101_future");
        assertThatThrownBy(migrations::verifyCurrent).isInstanceOf(SchemaNotCurrentException.class)
                .hasMessageContaining("20990101_future").hasMessageContaining("ahead");
        TestPostgres.execute(dataSource, "DELETE FROM databasechangelog WHERE tag = '20990101_future'");
    }

    @Test
    @Order(9)
    void downgradeToBaseEmptiesTheSchema(DataSource dataSource) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);
        migrations.downgradeTo(SchemaMigrations.BASE);
        assertThat(migrations.status().current()).isEmpty();
        assertThat(migrations.status().pending()).containsExactly(INITIAL);
    }
}
