package dev.avatarbot.schema.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarbot.schema.migration.SchemaMigrations;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.health.contributor.Status;

/** A database that cannot be reached: health DOWN and info says why; neither throws. */
class SchemaHealthIndicatorTest {

    private final SchemaStatusProbe unreachable = new SchemaStatusProbe(new SchemaMigrations(nowhere()));

    @Test
    void anUnreachableDatabaseIsDownNotAnError() {
        assertThat(new SchemaHealthIndicator(unreachable).health().getStatus()).isEqualTo(Status.DOWN);

        Info.Builder info = new Info.Builder();
        new SchemaInfoContributor(unreachable).contribute(info);
        assertThat(info.build().get("schema")).asString().contains("error");
    }

    private static PGSimpleDataSource nowhere() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        return dataSource;
    }
}
