package dev.avatarbot.schema.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import dev.avatarbot.schema.mappercheck.MapperSources;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.TempChangelog;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

/** schema:lint's rules, one fixture revision each, over a copy of the changelog sources. */
class SchemaLintTest {

    @Test
    void theInitialRevisionLintsClean() {
        LintReport report = SchemaLint.lint(ChangelogSource.directory(Path.of("src/main/resources")),
                LintOptions.defaults());
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary()).isEqualTo("1 revision, 10 changesets: 0 errors, 0 warnings, 0 allowed.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            index-not-concurrent   | true  | CREATE INDEX ix_users_username ON users (username)
            constraint-not-valid   | true  | ALTER TABLE avatars ADD CONSTRAINT ck_avatars_name CHECK (length(name) > 0)
            constraint-not-valid   | true  | ALTER TABLE avatars ADD CONSTRAINT fk_x FOREIGN KEY (user_id) REFERENCES users (id)
            set-not-null           | true  | ALTER TABLE users ALTER COLUMN username SET NOT NULL
            column-type-rewrite    | true  | ALTER TABLE users ALTER COLUMN first_name TYPE varchar(100)
            volatile-default       | true  | ALTER TABLE avatars ADD COLUMN token uuid DEFAULT gen_random_uuid()
            unique-not-using-index | true  | ALTER TABLE users ADD CONSTRAINT uq_users_username UNIQUE (username)
            mapper-uses-dropped    | true  | ALTER TABLE users DROP COLUMN username
            mapper-uses-dropped    | true  | ALTER TABLE avatar_photos RENAME COLUMN minio_key TO object_key
            unbatched-dml          | true  | UPDATE users SET is_premium = false WHERE is_premium IS NULL
            unbatched-dml          | false | UPDATE users SET is_premium = false WHERE is_premium IS NULL
            unbatched-dml          | false | DELETE FROM avatars WHERE is_draft
            index-not-concurrent   | false | CREATE INDEX ix_users_username ON users (username)
            non-transactional-multi-statement | false | CREATE INDEX CONCURRENTLY ix_a ON users (username); CREATE INDEX CONCURRENTLY ix_b ON avatars (name)
            """)
    void eachRuleNamesItselfTheChangesetAndTheRecipe(String rule, boolean inTransaction, String sql) {
        LintReport report = lint(changeSet("fixture-01", inTransaction, sql));
        assertThat(report.findings()).extracting(f -> f.rule().id()).containsExactly(rule);
        Finding finding = report.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(finding.line()).startsWith("ERROR " + rule + " 20261125_fixture/fixture-01"
                        + (rule.startsWith("non-transactional") ? ": " : " on "))
                .contains("Lock: " + finding.rule().lock()).contains("Safe recipe: " + finding.rule().recipe());
        assertThat(report.fails(FailOn.ERROR)).isTrue();
        assertThat(report.fails(FailOn.NONE)).isFalse();
    }

    @Test
    void theSafeRecipesPass() {
        LintReport report = lint(
                changeSet("ix", false, "CREATE INDEX CONCURRENTLY ix_users_username ON users (username)")
                + changeSet("ck", true, "ALTER TABLE users ADD CONSTRAINT ck_users_username_nn CHECK (username IS NOT NULL)"
                        + " NOT VALID")
                + changeSet("validate", true, "ALTER TABLE users VALIDATE CONSTRAINT ck_users_username_nn")
                + changeSet("not-null", true, "ALTER TABLE users ALTER COLUMN username SET NOT NULL")
                + changeSet("uq-ix", false, "CREATE UNIQUE INDEX CONCURRENTLY uq_users_username ON users (username)")
                + changeSet("uq", true, "ALTER TABLE users ADD CONSTRAINT uq_users_username UNIQUE USING INDEX uq_users_username")
                + changeSet("col", true, "ALTER TABLE avatars ADD COLUMN style text DEFAULT 'plain'")
                + changeSet("drop-unused", true, "ALTER TABLE avatars DROP COLUMN style"));
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void aBatchedBackfillIsTheDocumentedExceptionWithItsReasons() {
        String batches = "UPDATE users SET is_premium = false WHERE is_premium IS NULL AND id BETWEEN 1 AND 10000;\n"
                + "UPDATE users SET is_premium = false WHERE is_premium IS NULL AND id BETWEEN 10001 AND 20000";
        LintReport unexplained = lint(changeSet("backfill", false, batches));
        assertThat(unexplained.findings()).extracting(f -> f.rule().id() + " " + f.severity())
                .containsExactly("non-transactional-multi-statement ERROR", "unbatched-dml ERROR", "unbatched-dml ERROR");
        assertThat(unexplained.findings().get(0).line()).startsWith("ERROR non-transactional-multi-statement"
                + " 20261125_fixture/backfill: runInTransaction=\"false\" with 2 statements: each commits on its own");

        LintReport allowed = lint(changeSet("backfill", false,
                "-- lint:allow non-transactional-multi-statement a batched backfill: each batch commits, and runs again harmlessly\n"
                        + "-- lint:allow unbatched-dml each statement is one batch of at most 10000 ids\n" + batches));
        assertThat(allowed.findings()).extracting(Finding::severity).containsOnly(Finding.Severity.ALLOWED).hasSize(3);
        assertThat(allowed.fails(FailOn.WARNING)).isFalse();
    }

    @Test
    void tablesCreatedInTheSameRevisionAreExempt() {
        LintReport report = lint(changeSet("t", true, "CREATE TABLE styles (id bigint, name text)")
                + changeSet("ix", true, "CREATE INDEX ix_styles_name ON styles (name)")
                + changeSet("nn", true, "ALTER TABLE styles ALTER COLUMN name SET NOT NULL"));
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void anAllowWithAReasonPassesWithoutOneOrForAnUnknownRuleItFails() {
        LintReport allowed = lint(changeSet("fixture-01", true,
                "-- lint:allow index-not-concurrent users is tiny in every deployment\n"
                        + "CREATE INDEX ix_users_username ON users (username)"));
        assertThat(allowed.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.ALLOWED);
            assertThat(f.line()).endsWith("Allowed: users is tiny in every deployment");
        });
        assertThat(allowed.fails(FailOn.WARNING)).isFalse();

        LintReport noReason = lint(changeSet("fixture-01", true,
                "-- lint:allow index-not-concurrent\nCREATE INDEX ix_users_username ON users (username)"));
        assertThat(noReason.findings()).extracting(f -> f.rule().id())
                .containsExactly("invalid-allow", "index-not-concurrent");
        assertThat(noReason.findings().get(0).line())
                .startsWith("ERROR invalid-allow 20261125_fixture/fixture-01: lint:allow index-not-concurrent gives no reason.");

        LintReport unknown = lint(changeSet("fixture-01", true,
                "-- lint:allow no-such-rule because\nCREATE INDEX CONCURRENTLY ix_users_username ON users (username)"));
        assertThat(unknown.findings()).singleElement()
                .satisfies(f -> assertThat(f.line()).contains("lint:allow names an unknown rule id 'no-such-rule'."));
    }

    @Test
    void aLockingStatementWithoutLockTimeoutIsFoundWhenNoGuardApplies() {
        String sql = changeSet("col", true, "ALTER TABLE avatars ADD COLUMN style text")
                + changeSet("col2", true, "SET lock_timeout = '5s';\nALTER TABLE avatars ADD COLUMN mood text");
        LintOptions unguarded = new LintOptions(TableStats.none(), LintOptions.DEFAULT_SMALL_TABLE, false);
        LintReport report = SchemaLint.lint(changelog(sql), unguarded);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(LintRule.NO_LOCK_TIMEOUT);
            assertThat(f.changeSet()).isEqualTo("col");
        });
        assertThat(lint(sql).findings()).isEmpty();
    }

    @Test
    void aSmallTableMakesAWarningAndAStatsFileClaimingItLargeAnErrorAgain() throws Exception {
        PGSimpleDataSource dataSource = TestPostgres.createDatabase();
        try {
            new SchemaMigrations(dataSource).upgrade();
            TestPostgres.execute(dataSource, "INSERT INTO users (telegram_id, first_name, language_code)"
                    + " SELECT g, 'n', 'ru' FROM generate_series(1, 50) g");
            TableStats live;
            try (Connection connection = dataSource.getConnection()) {
                live = TableStats.read(connection);
            }
            assertThat(live.rows("users")).hasValue(50);
            ChangelogSource changelog = changelog(changeSet("fixture-01", true,
                    "CREATE INDEX ix_users_username ON users (username)"));
            LintReport small = SchemaLint.lint(changelog, new LintOptions(live, 10_000, true));
            assertThat(small.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.line()).startsWith("WARNING index-not-concurrent 20261125_fixture/fixture-01 on users (~50 rows)");
            });
            assertThat(small.fails(FailOn.ERROR)).isFalse();
            assertThat(small.fails(FailOn.WARNING)).isTrue();

            Path file = Files.createTempFile("stats", ".properties");
            live.writeFile(file);
            Files.writeString(file, Files.readString(file).replace("users.rows=50", "users.rows=5000000"));
            LintReport large = SchemaLint.lint(changelog, new LintOptions(TableStats.readFile(file), 10_000, true));
            assertThat(large.findings()).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR));
        } finally {
            TestPostgres.dropDatabase(dataSource);
        }
    }

    @Test
    void liquibaseChangeTypesAreLintedAsTheirSql() {
        LintReport report = lint("""
                    <changeSet id="ix" author="test">
                        <createIndex tableName="users" indexName="ix_users_username">
                            <column name="username"/>
                        </createIndex>
                    </changeSet>
                    <changeSet id="drop" author="test">
                        <dropColumn tableName="users" columnName="language_code"/>
                    </changeSet>
                """);
        assertThat(report.findings()).extracting(f -> f.rule().id() + " " + f.changeSet())
                .containsExactly("index-not-concurrent ix", "mapper-uses-dropped drop");
        assertThat(report.findings().get(1).detail()).contains("UserMapper.insert");
    }

    @Test
    void aServicesOwnMapperIsReadInEveryBranch() {
        ChangelogSource changelog = changelog(changeSet("drop", true, "ALTER TABLE avatars DROP COLUMN created_at"));
        // The fixture's byUsers reads created_at only in its <choose>'s <otherwise>.
        MapperSources withService = MapperSources.with(List.of("dev.avatarbot.schema.mappercheck.fixture"),
                getClass().getClassLoader(), List.of());
        assertThat(SchemaLint.lint(changelog, withService, LintOptions.defaults()).findings())
                .singleElement().satisfies(finding -> assertThat(finding.detail()).contains("AvatarReportMapper.byUsers"));
        assertThat(SchemaLint.lint(changelog, LintOptions.defaults()).findings())
                .allSatisfy(finding -> assertThat(finding.detail()).doesNotContain("AvatarReportMapper"));
    }

    private static LintReport lint(String changeSets) {
        return SchemaLint.lint(changelog(changeSets), LintOptions.defaults());
    }

    private static ChangelogSource changelog(String changeSets) {
        return TempChangelog.copyOfSources().withRevision("20261125_fixture", changeSets).source();
    }

    private static String changeSet(String id, boolean inTransaction, String sql) {
        return """
                    <changeSet id="%s" author="test" runInTransaction="%s">
                        <sql><![CDATA[%s]]></sql>
                        <rollback/>
                    </changeSet>
                """.formatted(id, inTransaction, sql);
    }
}
