package dev.avatarbot.schema.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.avatarbot.schema.migration.Revision;
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
                .doesNotContain("databasechangelog")
                .doesNotContain("Revision history");
    }

    @Test
    void theHistoryListsEveryRevisionNewestFirstWithTheCurrentOneMarked(DataSource dataSource, @TempDir Path out)
            throws IOException {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);
        migrations.upgrade();
        List<Revision> revisions = migrations.status().revisions();

        String html = Files.readString(SchemaDocs.write(dataSource, "avatar-db schema", out, revisions));

        assertThat(html).contains("<h2 id=\"revision-history\">Revision history</h2>");
        List<String> shown = Pattern.compile("<tr data-revision=\"([^\"]+)\"").matcher(html).results()
                .map(m -> m.group(1)).toList();
        List<String> newestFirst = new ArrayList<>(migrations.status().declared());
        Collections.reverse(newestFirst);
        assertThat(shown).isNotEmpty().isEqualTo(newestFirst);
        Revision newest = revisions.get(revisions.size() - 1);
        assertThat(html).contains("<tr data-revision=\"" + newest.id() + "\" class=\"current\"><td>&#8594; current</td>"
                        + "<td><code>" + newest.id() + "</code></td><td>" + SchemaDocs.escape(newest.message()) + "</td><td>")
                .containsOnlyOnce("class=\"current\"");
        assertThat(html.indexOf("Revision history")).isLessThan(html.indexOf("id=\"er-diagram\""));
    }
}
