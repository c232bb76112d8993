package dev.avatarbot.schema.catalog;

import static dev.avatarbot.schema.testing.TestPostgres.execute;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.avatarbot.schema.catalog.Catalog.Column;
import dev.avatarbot.schema.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The one catalog model, read from a real schema that is not {@code public}, and its departures from another. */
class CatalogTest {

    private static final String SCHEMA = """
            CREATE SCHEMA app;
            CREATE TABLE public.shop (id int);
            SET search_path = app;
            CREATE TYPE mood AS ENUM ('calm', 'happy', 'sad');
            CREATE TYPE look AS ENUM ('photo', 'cartoon');
            CREATE TABLE shop (
                id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_shop PRIMARY KEY,
                code varchar(32) NOT NULL,
                price numeric(10,2) DEFAULT 0,
                tags integer[],
                mood mood NOT NULL DEFAULT 'calm',
                opened_at timestamptz(0),
                net numeric,
                gross numeric GENERATED ALWAYS AS (net * 1.2) STORED
            );
            CREATE TABLE item (
                number serial,
                shop_id bigint CONSTRAINT fk_item_shop_id REFERENCES shop (id)
            );
            ALTER TABLE item ADD CONSTRAINT ck_item_number CHECK (number > 0) NOT VALID;
            CREATE UNIQUE INDEX uq_shop_code ON shop (lower(code)) WHERE price > 0;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER trg_shop_touch BEFORE UPDATE ON shop FOR EACH ROW EXECUTE FUNCTION touch();
            """;

    private PGSimpleDataSource database;

    @BeforeEach
    void createSchema() {
        database = TestPostgres.createDatabase();
        execute(database, SCHEMA);
        database.setCurrentSchema("app");
    }

    @AfterEach
    void dropDatabase() {
        TestPostgres.dropDatabase(database);
    }

    @Test
    void readsTheCurrentSchemaWithExactTypesEnumsIdentityGenerationAndOwnedSequences() {
        Catalog catalog = Catalog.read(database);

        assertThat(catalog.schema()).isEqualTo("app");
        assertThat(catalog.tables()).containsOnlyKeys("item", "shop");
        assertThat(catalog.tables().get("shop").columns().values()).containsExactly(
                new Column("shop", "id", "bigint", true, null, "a", null),
                new Column("shop", "code", "character varying(32)", true, null, "", null),
                new Column("shop", "price", "numeric(10,2)", false, "0", "", null),
                new Column("shop", "tags", "integer[]", false, null, "", null),
                new Column("shop", "mood", "mood", true, "'calm'::mood", "", null),
                new Column("shop", "opened_at", "timestamp(0) with time zone", false, null, "", null),
                new Column("shop", "net", "numeric", false, null, "", null),
                new Column("shop", "gross", "numeric", false, null, "", "(net * 1.2)"));
        assertThat(catalog.enums()).containsEntry("mood", List.of("calm", "happy", "sad"))
                .containsEntry("look", List.of("photo", "cartoon")).hasSize(2);
        assertThat(catalog.sequences().values()).containsExactly(new Catalog.Sequence("item_number_seq", "integer", 1, 1,
                1, Integer.MAX_VALUE, false, "item.number"));
        assertThat(catalog.indexes().get("uq_shop_code").definition())
                .isEqualTo("CREATE UNIQUE INDEX uq_shop_code ON shop USING btree (lower((code)::text)) WHERE (price > (0)::numeric)");
        assertThat(catalog.indexes().get("pk_shop").constraint()).isTrue();
        assertThat(catalog.ownIndexes()).containsOnlyKeys("uq_shop_code");
        assertThat(catalog.constraints().get("item.fk_item_shop_id")).isEqualTo(new Catalog.Constraint("fk_item_shop_id",
                "item", 'f', "FOREIGN KEY (shop_id) REFERENCES shop(id)", true, List.of("shop_id"), "shop", List.of("id")));
        assertThat(catalog.constraints().get("item.ck_item_number").validated()).isFalse();
        assertThat(catalog.primaryKey("shop").columns()).containsExactly("id");
        assertThat(catalog.triggers().get("shop.trg_shop_touch").definition())
                .isEqualTo("CREATE TRIGGER trg_shop_touch BEFORE UPDATE ON shop FOR EACH ROW EXECUTE FUNCTION touch()");
        assertThat(catalog.functions()).containsOnlyKeys("touch()");
    }

    @Test
    void theSnapshotIsTheModelsComparableLines() {
        assertThat(CatalogSnapshot.read(database).lines()).contains(
                "table shop",
                "column shop.id bigint not null identity ALWAYS",
                "column shop.opened_at timestamp(0) with time zone null",
                "column shop.gross numeric null generated always as ((net * 1.2)) stored",
                "enum type mood: calm, happy, sad",
                "sequence item_number_seq: integer start 1 increment 1 min 1 max 2147483647 owned by item.number",
                "constraint ck_item_number on item: CHECK ((number > 0)) NOT VALID");
    }

    @Test
    void eachDepartureIsNamedWithTheValuesOnBothSides() {
        Catalog expected = Catalog.read(database);
        execute(database, """
                SET search_path = app;
                ALTER TABLE shop ALTER COLUMN opened_at TYPE timestamptz;
                ALTER TABLE shop ALTER COLUMN code TYPE varchar(64);
                ALTER TABLE shop ALTER COLUMN price TYPE numeric(12,2);
                ALTER TABLE shop ALTER COLUMN tags TYPE bigint[];
                ALTER TABLE shop ALTER COLUMN mood DROP DEFAULT;
                ALTER TABLE shop ALTER COLUMN mood TYPE look USING 'photo';
                ALTER TABLE shop ALTER COLUMN id DROP IDENTITY;
                ALTER TYPE mood ADD VALUE 'angry' BEFORE 'sad';
                """);
        execute(database, "ALTER SEQUENCE app.item_number_seq INCREMENT BY 2");

        assertThat(Catalog.read(database).differencesFrom(expected)).containsExactlyInAnyOrder(
                "column shop.opened_at was altered: its type is timestamp with time zone, the revisions have timestamp(0) with time zone",
                "column shop.code was altered: its type is character varying(64), the revisions have character varying(32)",
                "column shop.price was altered: its type is numeric(12,2), the revisions have numeric(10,2)",
                "column shop.tags was altered: its type is bigint[], the revisions have integer[]",
                "column shop.mood was altered: its type is look, the revisions have mood",
                "column shop.mood was altered: its default is none, the revisions have 'calm'::mood",
                "column shop.id was altered: it has no identity, the revisions have GENERATED ALWAYS AS IDENTITY",
                "enum type mood was altered: its labels are 'calm', 'happy', 'angry', 'sad', the revisions have 'calm', 'happy', 'sad' (added 'angry')",
                "sequence item_number_seq was altered: it is 'integer start 1 increment 2 min 1 max 2147483647 owned by item.number',"
                        + " the revisions have 'integer start 1 increment 1 min 1 max 2147483647 owned by item.number'");
    }

    @Test
    void anEmptySchemaIsEmpty() {
        PGSimpleDataSource empty = TestPostgres.createDatabase();
        try {
            assertThat(Catalog.read(empty).isEmpty()).isTrue();
            assertThat(Catalog.read(empty).schema()).isEqualTo("public");
        } finally {
            TestPostgres.dropDatabase(empty);
        }
    }
}
