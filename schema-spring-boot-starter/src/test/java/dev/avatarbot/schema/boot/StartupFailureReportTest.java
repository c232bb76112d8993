package dev.avatarbot.schema.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.avatarbot.schema.boot.fixture.AvatarService;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.test.SchemaDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an operator sees when the service meets a database at base: the service started as its own
 * JVM, as {@code java -jar} would, and its console read whole.
 */
class StartupFailureReportTest {

    @RegisterExtension
    static SchemaDatabase database = SchemaDatabase.atRevision(SchemaMigrations.BASE);

    @Test
    void aDatabaseAtBaseStopsTheServiceWithTheReportAndNoStackTrace() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                AvatarService.class.getName(), "--spring.main.banner-mode=off"));
        BootApp.datasourceProperties(database).forEach(line -> command.add("--" + line));
        Process service = new ProcessBuilder(command).redirectErrorStream(true).start();
        service.getOutputStream().close();
        byte[] output = service.getInputStream().readAllBytes();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String console = new String(output, StandardCharsets.UTF_8);

        String newest = new SchemaMigrations(database.dataSource()).status().pending().get(0);
        assertThat(service.exitValue()).as(console).isEqualTo(1);
        assertThat(console).contains("APPLICATION FAILED TO START")
                .contains("Description:\n\nThe database is at base (no revision applied); the newest revision of"
                        + " this service's schema-lib is " + newest + ". 1 revision(s) pending: " + newest + ".")
                .contains("Action:\n\n" + SchemaFailureAnalyzer.UPGRADE_ACTION)
                .doesNotContain("\tat ", "Caused by");
        assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace", Long.class)).isZero();
    }
}
