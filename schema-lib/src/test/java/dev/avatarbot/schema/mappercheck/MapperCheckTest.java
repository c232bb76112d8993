package dev.avatarbot.schema.mappercheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The mapper check on real PostgreSQL. The first test is this repository's gate: a revision that
 * breaks one of schema-lib's mappers fails {@code mvn verify} here, naming the statement.
 */
class MapperCheckTest {

    private static final String FIXTURE = "dev.avatarbot.schema.mappercheck.fixture";
    private static final String FIXTURE_ROWS = "dev.avatarbot.schema.mappercheck.rows";

    @Test
    void schemaLibMappersWorkOnTheSchemaAtHead() {
        onSchemaAtHead(database -> {
            MapperReport report = new MapperCheck(database).run(MapperSources.schemaLib()).orThrow();
            assertThat(report.statements()).isGreaterThanOrEqualTo(29);
            // findByUserId's <if> both ways, reorder's <foreach> with one and with two photos
            assertThat(report.branchesRun()).isGreaterThan(report.statements());
            assertThat(report.branchesSkipped()).isZero();
        });
    }

    @Test
    void renamedColumnFailsNamingTheStatementsAndTheColumn() {
        onSchemaAtHead(database -> {
            TestPostgres.execute(database, "ALTER TABLE users RENAME COLUMN username TO nickname");
            MapperReport report = new MapperCheck(database).run(MapperSources.schemaLib());
            assertThat(report.failures()).contains(
                    "UserMapper.findByTelegramId: column \"username\" does not exist (SQLSTATE 42703)",
                    "UserMapper.insert: column \"username\" of relation \"users\" does not exist (SQLSTATE 42703)");
            assertThat(report.failures()).allMatch(line -> line.startsWith("UserMapper."));
            assertThatThrownBy(report::orThrow).isInstanceOf(MapperCheckException.class)
                    .isInstanceOf(SchemaException.UserError.class)
                    .hasMessageContaining("UserMapper.findById: column \"username\" does not exist");
        });
    }

    @Test
    void aRequiredColumnTheInsertsLeaveOutFailsThem() {
        onSchemaAtHead(database -> {
            TestPostgres.execute(database, "ALTER TABLE users ADD COLUMN country text NOT NULL");
            MapperReport report = new MapperCheck(database).run(MapperSources.schemaLib());
            assertThat(report.failures()).containsExactly(
                    "UserMapper.insert: null value in column \"country\" of relation \"users\" violates not-null constraint"
                            + " (SQLSTATE 23502)",
                    "UserMapper.upsertByTelegramId: null value in column \"country\" of relation \"users\" violates"
                            + " not-null constraint (SQLSTATE 23502)");
        });
    }

    @Test
    void aServicesOwnMapperIsCheckedBranchByBranch() {
        onSchemaAtHead(database -> {
            MapperReport report = new MapperCheck(database).run(
                    MapperSources.with(List.of(FIXTURE), getClass().getClassLoader(), List.of()));
            assertThat(report.failures()).containsExactlyInAnyOrder(
                    "AvatarReportMapper.byStatus [status != null]: column \"stauts\" does not exist (SQLSTATE 42703)",
                    "AvatarReportMapper.withTypo: column \"naem\" does not exist (SQLSTATE 42703)",
                    "AvatarReportMapper.missingColumn: the result has no column \"status\" for AvatarRow.status",
                    "AvatarReportMapper.wrongType: column \"user_id\" is text, which does not convert to AvatarRow.userId (long)");
        });
    }

    @Test
    void aResultMapThatCannotMapARealRowFailsNamingTheColumnAndTheProperty() {
        onSchemaAtHead(database -> {
            MapperReport report = new MapperCheck(database).run(
                    MapperSources.with(List.of(FIXTURE_ROWS), getClass().getClassLoader(), List.of()));
            // joinedSince and statuses (text into a Java enum, not judged on the sample 's1') pass
            assertThat(report.failures()).hasSize(1).first().asString().startsWith(
                    "SpendingMapper.spendingOf: a real row does not map: column \"joined_on\" into"
                            + " SpendingRow(argument 3: LocalDate): ").contains("TIMESTAMPTZ", "LocalDate");
            assertThat(report.skipped()).as("every table got its sample row").isEmpty();
            // the sample rows are rolled back with the check
            assertThat(TestPostgres.query(database, "SELECT count(*) FROM users")).isEqualTo("0");
        });
    }

    @Test
    void overTheBudgetTheSkippedBranchesAreReported() {
        onSchemaAtHead(database -> {
            // byUsers: foreach x2, <if> x2, <choose> x3 = 12 combinations
            MapperReport report = new MapperCheck(database).budget(4).run(
                    MapperSources.with(List.of(FIXTURE), getClass().getClassLoader(), List.of()));
            assertThat(report.skipped()).contains("AvatarReportMapper.byUsers: 8 of 12 branch combinations skipped (budget 4)");
        });
    }

    /** Runs {@code test} on a database of its own at the newest revision, dropped afterwards. */
    private static void onSchemaAtHead(Consumer<PGSimpleDataSource> test) {
        PGSimpleDataSource database = TestPostgres.createDatabase();
        try {
            new SchemaMigrations(database).upgrade();
            test.accept(database);
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    @Test
    void anEntryThatMatchesNoMapperIsAUserError() {
        assertThatThrownBy(() -> new MapperCheck(TestPostgres.adminDataSource()).run(
                MapperSources.with(List.of("com.example.nothing"), getClass().getClassLoader(), List.of())))
                .isInstanceOf(SchemaException.UserError.class)
                .hasMessageStartingWith("The mapper entry 'com.example.nothing' matched no mapped statement");
    }
}
