package dev.avatarbot.schema.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.avatarbot.schema.catalog.Catalog.Column;
import org.junit.jupiter.api.Test;

/** The one rename rule of the diff and compat. */
class ColumnRenamesTest {

    private static Column column(String table, String name, String type) {
        return new Column(table, name, type, false, null, "", null);
    }

    @Test
    void oneDroppedAndOneAddedOfTheSameTableAndTypeIsARename() {
        Column lastName = column("users", "last_name", "text");
        Column surname = column("users", "surname", "text");
        ColumnRenames pairing = ColumnRenames.pair(List.of(lastName), List.of(surname, column("users", "age", "integer")));
        assertThat(pairing.renames()).containsExactly(new ColumnRenames.Rename(lastName, surname));
        assertThat(pairing.ambiguous()).isEmpty();
    }

    @Test
    void twoCandidatesAreAmbiguousAndNamed() {
        Column lastName = column("users", "last_name", "text");
        ColumnRenames pairing = ColumnRenames.pair(List.of(lastName),
                List.of(column("users", "bio", "text"), column("users", "nickname", "text")));
        assertThat(pairing.renames()).isEmpty();
        assertThat(pairing.ambiguityOf(lastName)).hasValueSatisfying(a -> assertThat(a.describe())
                .isEqualTo("users.last_name (text) was dropped while bio, nickname of that type were added"));
    }

    @Test
    void twoDroppedForOneAddedAreAmbiguousToo() {
        Column bio = column("users", "bio", "text");
        ColumnRenames pairing = ColumnRenames.pair(List.of(column("users", "first_name", "text"),
                column("users", "last_name", "text")), List.of(bio));
        assertThat(pairing.renames()).isEmpty();
        assertThat(pairing.ambiguityOf(bio)).hasValueSatisfying(a -> assertThat(a.describe())
                .isEqualTo("users.first_name, last_name (text) were dropped while bio of that type was added"));
    }

    @Test
    void anotherTypeOrTableIsNoCandidate() {
        ColumnRenames pairing = ColumnRenames.pair(List.of(column("users", "last_name", "text")),
                List.of(column("users", "born", "date"), column("avatars", "nickname", "text")));
        assertThat(pairing.renames()).isEmpty();
        assertThat(pairing.ambiguous()).isEmpty();
    }
}
