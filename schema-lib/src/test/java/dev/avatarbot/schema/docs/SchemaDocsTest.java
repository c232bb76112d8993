package dev.avatarbot.schema.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FreshDatabase.class)
class SchemaDocsTest {

    @Test
    void thePageDescribesEveryTableAndDrawsThemWithTheirForeignKeys(DataSource dataSource, @TempDir Path out)
            throws IOException {
        new SchemaMigrations(dataSource).upgrade();

        String html = Files.readString(SchemaDocs.write(dataSource, "avatar-db schema", out));

        for (String table : new String[] {"users", "user_balances", "user_states", "avatars", "avatar_photos"}) {
            assertThat(html).contains("<g class=\"table\" data-table=\"" + table + "\">", "<h2 id=\"" + table + "\">");
        }
        assertThat(html.split("<path class=\"fk\"", -1)).hasSize(5);
        assertThat(html).contains("fk_avatar_photos_avatar_id: FOREIGN KEY (avatar_id) REFERENCES avatars(id) ON DELETE CASCADE")
                .contains("CREATE UNIQUE INDEX uq_users_telegram_id ON users USING btree (telegram_id)")
                .contains("<td class=\"pk\">id (PK)</td><td>bigint (identity by default)</td><td>no</td>")
                .contains("<td>state_data</td><td>jsonb</td><td>no</td><td><code>&#39;{}&#39;::jsonb</code>".replace("&#39;", "'"))
                .contains("ck_user_balances_coins_not_negative: CHECK ((coins &gt;= 0))")
                .doesNotContain("databasechangelog");
    }
}
