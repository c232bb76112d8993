package dev.avatarbot.schema.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.testing.TempChangelog;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The trace measures locks (pg_locks) and rewrites (relfilenode) on a scratch database. */
class LintTraceTest {

    @Test
    void theTraceMeasuresLocksAndRewritesAndMarksWhatContradictsTheStaticFindings() {
        ChangelogSource changelog = TempChangelog.copyOfSources().withRevision("20261125_traced", """
                    <changeSet id="seen-at" author="test">
                        <sql>ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT now()</sql>
                        <rollback/>
                    </changeSet>
                    <changeSet id="ix" author="test" runInTransaction="false">
                        <sql>CREATE INDEX CONCURRENTLY ix_users_username ON users (username)</sql>
                        <rollback/>
                    </changeSet>
                    <changeSet id="name-type" author="test">
                        <sql>ALTER TABLE avatars ALTER COLUMN name TYPE varchar</sql>
                        <rollback/>
                    </changeSet>
                    <changeSet id="order-type" author="test">
                        <sql>ALTER TABLE avatar_photos ALTER COLUMN "order" TYPE bigint</sql>
                        <rollback/>
                    </changeSet>
                """).source();
        PGSimpleDataSource scratch = TestPostgres.createDatabase();
        List<TracedChangeSet> traced;
        try {
            traced = LintTrace.trace(changelog, scratch, "20250520_initial");
        } finally {
            TestPostgres.dropDatabase(scratch);
        }

        assertThat(traced).extracting(TracedChangeSet::changeSet)
                .containsExactly("seen-at", "ix", "name-type", "order-type", "20261125_traced-tag");
        assertThat(traced.get(0).line()).isEqualTo("TRACE 20261125_traced/seen-at: ACCESS EXCLUSIVE on users;"
                + " no table rewritten.");
        assertThat(traced.get(1).strongestOn("users")).isEqualTo("SHARE UPDATE EXCLUSIVE");
        assertThat(traced.get(2).strongestOn("avatars")).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(traced.get(2).rewritten()).isEmpty();
        assertThat(traced.get(3).rewritten()).containsExactly("avatar_photos");

        LintReport report = SchemaLint.lint(changelog, LintOptions.defaults()).withTrace(traced);
        assertThat(report.findings()).extracting(f -> f.changeSet() + " " + f.rule().id() + " " + f.contradicted())
                .containsExactly("name-type column-type-rewrite true", "order-type column-type-rewrite false");
        assertThat(report.findings().get(0).line())
                .endsWith("CONTRADICTED by the trace: ACCESS EXCLUSIVE on avatars, no rewrite.");
        assertThat(report.findings().get(1).line())
                .endsWith("Trace: ACCESS EXCLUSIVE on avatar_photos, rewrote it.");
    }
}
