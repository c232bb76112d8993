package dev.avatarbot.schema.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void aUrlPasswordParameterIsMasked() {
        assertThat(Secrets.mask("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=****&ssl=true");
        assertThat(Secrets.mask("URL invalid jdbc:postgresql://h:54x32/db?PASSWORD=s3cret"))
                .isEqualTo("URL invalid jdbc:postgresql://h:54x32/db?PASSWORD=****");
    }

    @Test
    void userInfoIsMaskedWhateverThePasswordHolds() {
        assertThat(Secrets.mask("jdbc:postgresql://u:s3cret@h/db")).isEqualTo("jdbc:postgresql://u:****@h/db");
        assertThat(Secrets.mask("jdbc:postgresql://u:pa/ss@h/db")).isEqualTo("jdbc:postgresql://u:****@h/db");
        assertThat(Secrets.mask("jdbc:postgresql://u:p:a@s/s@h:5432/db now"))
                .isEqualTo("jdbc:postgresql://u:****@h:5432/db now");
    }

    @Test
    void aLineWhoseKeyNamesAPasswordKeepsOnlyItsKey() {
        assertThat(Secrets.mask("DB_PASSWORD hunter2")).isEqualTo("DB_PASSWORD ****");
        assertThat(Secrets.mask("OLD_DB_PASSWORD=hunter2 x")).isEqualTo("OLD_DB_PASSWORD=****");
        assertThat(Secrets.mask("DB_URL jdbc:postgresql://u:hunter2@h/db")).isEqualTo("DB_URL jdbc:postgresql://u:****@h/db");
    }

    @Test
    void anSqlPasswordLiteralIsMasked() {
        assertThat(Secrets.mask("ALTER ROLE app PASSWORD 'it''s secret' VALID UNTIL 'infinity'"))
                .isEqualTo("ALTER ROLE app PASSWORD '****' VALID UNTIL 'infinity'");
    }

    @Test
    void aTextWithoutSecretsIsUnchanged() {
        String text = "jdbc:postgresql://localhost:5432/avatar_bot and the password of user x is checked";
        assertThat(Secrets.mask(text)).isEqualTo(text);
    }
}
