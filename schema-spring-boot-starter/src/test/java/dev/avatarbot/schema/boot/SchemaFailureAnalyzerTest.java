package dev.avatarbot.schema.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import dev.avatarbot.schema.core.UnfinishedTransfer;
import dev.avatarbot.schema.migration.Revision;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;
import dev.avatarbot.schema.migration.SchemaStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The report for each way the schema is refused at startup, found under Spring's own exception as Boot finds it. */
class SchemaFailureAnalyzerTest {

    private static final OffsetDateTime APPLIED = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    private final SchemaFailureAnalyzer analyzer = new SchemaFailureAnalyzer();

    @Test
    void behindNamesCurrentNewestAndPendingAndSaysHowToUpgrade() {
        SchemaStatus behind = status(List.of(new Revision("r1", "one", APPLIED, true), new Revision("r2", "two", null, false)),
                List.of(), Optional.empty());
        FailureAnalysis analysis = analyze(new SchemaNotCurrentException(behind));
        assertThat(analysis.getDescription()).isEqualTo("The database is at revision r1; the newest revision of this"
                + " service's schema-lib is r2. 1 revision(s) pending: r2.");
        assertThat(analysis.getAction()).isEqualTo(SchemaFailureAnalyzer.UPGRADE_ACTION);
    }

    @Test
    void aheadNamesTheUnknownRevisionsAndSaysNotToUpgrade() {
        SchemaStatus ahead = status(List.of(new Revision("r1", "one", APPLIED, true)), List.of("r9"), Optional.empty());
        FailureAnalysis analysis = analyze(new SchemaNotCurrentException(ahead));
        assertThat(analysis.getDescription()).contains("revision r1", "newest revision of this service's schema-lib is r1",
                "does not know (r9)", "ahead of this service");
        assertThat(analysis.getAction()).contains("schema-lib version that made those revisions")
                .doesNotContain("mode=upgrade");
    }

    @Test
    void anUnfinishedTransferSaysToFinishIt() {
        UnfinishedTransfer transfer = new UnfinishedTransfer(APPLIED, List.of("users"), 4);
        FailureAnalysis analysis = analyze(new UnfinishedTransfer.Refused("use the database", transfer));
        assertThat(analysis.getDescription()).contains("4 index(es) and foreign key(s) of users");
        assertThat(analysis.getAction()).contains("mvn schema:migrate-data");
    }

    private FailureAnalysis analyze(Exception cause) {
        return analyzer.analyze(new BeanCreationException("schemaInitializer", "Invocation of init method failed", cause));
    }

    private static SchemaStatus status(List<Revision> revisions, List<String> unknown, Optional<UnfinishedTransfer> transfer) {
        return new SchemaStatus(revisions, unknown, Optional.empty(), transfer);
    }
}
