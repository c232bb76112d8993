package dev.avatarbot.schema.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarbot.schema.core.SchemaException;
import org.junit.jupiter.api.Test;

class FleetFileTest {

    @Test
    void readsTargetsInOrderSkippingCommentsAndBlankLines() {
        var entries = FleetFile.parse("fleet.txt", """
                \uFEFF# staging first
                staging = jdbc:postgresql://db-staging:5432/avatar_bot

                eu-1=jdbc:postgresql://db-eu-1/avatar_bot?sslmode=require   # the canary's neighbour
                  us_2.a = jdbc:postgresql://db-us-2/avatar_bot
                """);

        assertThat(entries).extracting(FleetFile.Entry::name, FleetFile.Entry::url, FleetFile.Entry::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("staging", "jdbc:postgresql://db-staging:5432/avatar_bot", 2),
                org.assertj.core.groups.Tuple.tuple("eu-1", "jdbc:postgresql://db-eu-1/avatar_bot?sslmode=require", 4),
                org.assertj.core.groups.Tuple.tuple("us_2.a", "jdbc:postgresql://db-us-2/avatar_bot", 5));
    }

    @Test
    void aMalformedLineIsNamedWithItsPasswordMasked() {
        assertThatThrownBy(() -> FleetFile.parse("fleet.txt", """
                a = jdbc:postgresql://h/a
                b jdbc:postgresql://h/b?password=s3cret
                """))
                .isInstanceOf(SchemaException.UserError.class)
                .hasMessageStartingWith("fleet.txt line 2: expected name = JDBC URL")
                .hasMessageContaining("password=****")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aUrlThatIsNotPostgresIsNamed() {
        assertThatThrownBy(() -> FleetFile.parse("fleet.txt", "a = mysql://u:s3cret@h/a\n"))
                .hasMessageStartingWith("fleet.txt line 1: the URL of a must be a PostgreSQL JDBC URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aNameUsedTwiceIsNamedWithBothLines() {
        assertThatThrownBy(() -> FleetFile.parse("fleet.txt", "a = jdbc:postgresql://h/a\n# x\na = jdbc:postgresql://h/b\n"))
                .hasMessage("fleet.txt line 3: the name a is already used on line 1: give each target its own name.");
    }

    @Test
    void aFileWithoutTargetsIsRefused() {
        assertThatThrownBy(() -> FleetFile.parse("fleet.txt", "# nothing yet\n"))
                .hasMessageStartingWith("fleet.txt names no target");
    }
}
