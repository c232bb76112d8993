package dev.avatarbot.schema.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.avatarbot.schema.core.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {

    private static SettingsLayer layer(String name, String... keyValues) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new SettingsLayer(name, values);
    }

    @Test
    void eachKeyComesFromTheStrongestLayerThatSetsIt() {
        SettingsResolver resolver = new SettingsResolver(List.of(
                layer("cli", "DB_NAME", "from_cli"),
                layer("env", "DB_HOST", "envhost", "DB_NAME", "from_env", "DB_USER", "env_user"),
                layer("dotenv", "DB_PORT", "6543", "DB_USER", "dotenv_user", "DB_PASSWORD", "pw")));

        ConnectionSettings settings = resolver.resolve(SettingsResolver.TARGET, 10).orElseThrow();

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://envhost:6543/from_cli");
        assertThat(settings.user()).isEqualTo("env_user");
        assertThat(settings.password()).isEqualTo("pw");
    }

    @Test
    void aHostGivenOnAStrongerLayerBeatsAUrlOnAWeakerOne() {
        SettingsResolver resolver = new SettingsResolver(List.of(
                layer("cli", "DB_HOST", "clihost", "DB_NAME", "db"),
                layer("dotenv", "DB_URL", "jdbc:postgresql://elsewhere/other")));
        assertThat(resolver.resolve(SettingsResolver.TARGET, 10).orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:postgresql://clihost:5432/db");
    }

    @Test
    void propertiesAndEnvironmentMapToTargetAndSourceKeys() {
        SettingsLayer properties = SettingsLayer.fromProperties("cli",
                Map.of("schema.url", "jdbc:postgresql://a/b", "schema.source.name", "old", "revision", "x"));
        assertThat(properties.values()).containsOnly(
                Map.entry("DB_URL", "jdbc:postgresql://a/b"), Map.entry("OLD_DB_NAME", "old"));
        SettingsLayer environment = SettingsLayer.fromEnvironment(Map.of("DB_HOST", "h", "PATH", "/bin", "OLD_DB_URL", "u"));
        assertThat(environment.values()).containsOnly(Map.entry("DB_HOST", "h"), Map.entry("OLD_DB_URL", "u"));
    }

    @Test
    void nothingConfiguredResolvesToEmptyAndAMissingNameIsNamed() {
        assertThat(new SettingsResolver(List.of(layer("env"))).resolve(SettingsResolver.TARGET, 10)).isEmpty();
        assertThatThrownBy(() -> new SettingsResolver(List.of(layer("env", "DB_HOST", "h")))
                .resolve(SettingsResolver.TARGET, 10))
                .isInstanceOf(SchemaException.UserError.class).hasMessageContaining("DB_NAME");
    }

    @Test
    void aBadPortIsNamedWithItsOrigin() {
        assertThatThrownBy(() -> new SettingsResolver(List.of(layer(".env", "DB_HOST", "h", "DB_NAME", "n",
                "DB_PORT", "fifty"))).resolve(SettingsResolver.TARGET, 10))
                .isInstanceOf(SchemaException.UserError.class).hasMessageContaining("fifty").hasMessageContaining(".env");
    }

    @Test
    void urlsAreMaskedWhereverThePasswordSits() {
        assertThat(ConnectionSettings.mask("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&ssl=true");
        assertThat(ConnectionSettings.mask("jdbc:postgresql://u:s3cret@h/db")).isEqualTo("jdbc:postgresql://u:****@h/db");
        ConnectionSettings settings = new ConnectionSettings(null, "h", null, "db", "u", "s3cret", 10);
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void aUrlThePostgresDriverCannotParseIsNamedWithoutItsPassword() {
        for (String url : List.of("jdbc:postgresql://127.0.0.1:54x32/db?user=u&password=s3cret",
                "jdbc:postgresql://u:pa/ss@127.0.0.1/db", "jdbc:postgresql://h:5432?password=s3cret",
                "jdbc:postgresql://h/db/x?password=s3cret")) {
            ConnectionSettings settings = new ConnectionSettings(url, null, null, null, null, null, 10);
            assertThatThrownBy(settings::dataSource).isInstanceOf(SchemaException.UserError.class)
                    .hasMessageStartingWith("The database URL jdbc:postgresql://")
                    .hasMessageNotContaining("s3cret").hasMessageNotContaining("pa/ss").hasNoCause();
        }
    }

    @Test
    void envFileIsReadAndABadLineIsNamedWithoutItsSecret(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.env"), "# comment\nDB_URL=jdbc:postgresql://h/db\nDB_PASSWORD=\"p w\"\n");
        assertThat(EnvFile.read(good).values()).containsEntry("DB_URL", "jdbc:postgresql://h/db")
                .containsEntry("DB_PASSWORD", "p w");

        Path bad = Files.writeString(dir.resolve("bad.env"), "DB_HOST=h\nDB_PASSWORD s3cret\n");
        assertThatThrownBy(() -> EnvFile.read(bad))
                .isInstanceOf(SchemaException.UserError.class)
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));

        assertThat(EnvFile.read(dir.resolve("missing.env")).values()).isEmpty();
    }
}
