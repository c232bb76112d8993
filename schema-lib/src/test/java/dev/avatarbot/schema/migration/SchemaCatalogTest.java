package dev.avatarbot.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import dev.avatarbot.schema.catalog.CatalogSnapshot;
import dev.avatarbot.schema.testing.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Revision 20250520_initial builds exactly the schema of SPEC.md section 1. */
@ExtendWith(FreshDatabase.class)
class SchemaCatalogTest {

    private static CatalogSnapshot catalog;

    @BeforeAll
    static void upgradeEmptyDatabase(DataSource dataSource) {
        new SchemaMigrations(dataSource).upgrade();
        catalog = CatalogSnapshot.read(dataSource);
    }

    @Test
    void createsTheFiveTablesAndNothingElse() {
        assertThat(catalog.tables())
                .containsExactly("avatar_photos", "avatars", "user_balances", "user_states", "users");
    }

    @Test
    void columnsHaveTheSpecifiedTypesNullabilityDefaultsAndIdentity() {
        String timestamps = "%1$s.created_at timestamp with time zone not null default now()\n"
                + "%1$s.updated_at timestamp with time zone not null default now()";
        assertThat(catalog.columns()).containsExactlyInAnyOrder(("""
                users.id bigint not null identity BY DEFAULT
                users.telegram_id bigint not null
                users.first_name text not null
                users.last_name text null
                users.username text null
                users.language_code text not null
                users.is_premium boolean not null default false
                user_balances.id bigint not null identity BY DEFAULT
                user_balances.user_id bigint not null
                user_balances.coins bigint not null default 0
                user_states.id bigint not null identity BY DEFAULT
                user_states.user_id bigint not null
                user_states.state_data jsonb not null default '{}'::jsonb
                avatars.id uuid not null
                avatars.user_id bigint not null
                avatars.name text not null
                avatars.gender text not null
                avatars.status text not null
                avatars.is_draft boolean not null
                avatars.avatar_data jsonb not null default '{}'::jsonb
                avatar_photos.id uuid not null
                avatar_photos.avatar_id uuid not null
                avatar_photos.minio_key text not null
                avatar_photos.order integer not null
                """ + String.join("\n",
                timestamps.formatted("users"), timestamps.formatted("user_balances"),
                timestamps.formatted("user_states"), timestamps.formatted("avatars"),
                timestamps.formatted("avatar_photos"))).split("\n"));
    }

    @Test
    void hasExactlyTheSevenIndexesBesideThePrimaryKeys() {
        assertThat(catalog.indexes()).containsExactlyInAnyOrder(
                "pk_users: CREATE UNIQUE INDEX pk_users ON users USING btree (id)",
                "pk_user_balances: CREATE UNIQUE INDEX pk_user_balances ON user_balances USING btree (id)",
                "pk_user_states: CREATE UNIQUE INDEX pk_user_states ON user_states USING btree (id)",
                "pk_avatars: CREATE UNIQUE INDEX pk_avatars ON avatars USING btree (id)",
                "pk_avatar_photos: CREATE UNIQUE INDEX pk_avatar_photos ON avatar_photos USING btree (id)",
                "uq_users_telegram_id: CREATE UNIQUE INDEX uq_users_telegram_id ON users USING btree (telegram_id)",
                "uq_user_balances_user_id: CREATE UNIQUE INDEX uq_user_balances_user_id ON user_balances USING btree (user_id)",
                "uq_user_states_user_id: CREATE UNIQUE INDEX uq_user_states_user_id ON user_states USING btree (user_id)",
                "ix_avatars_user_id: CREATE INDEX ix_avatars_user_id ON avatars USING btree (user_id)",
                "ix_avatars_status: CREATE INDEX ix_avatars_status ON avatars USING btree (status)",
                "ix_avatar_photos_avatar_id: CREATE INDEX ix_avatar_photos_avatar_id ON avatar_photos USING btree (avatar_id)",
                "ix_avatar_photos_order: CREATE INDEX ix_avatar_photos_order ON avatar_photos USING btree (\"order\")");
    }

    @Test
    void hasPrimaryKeysCascadingForeignKeysAndTheCoinsCheck() {
        assertThat(catalog.constraints()).containsExactlyInAnyOrder(
                "pk_users on users: PRIMARY KEY (id)",
                "pk_user_balances on user_balances: PRIMARY KEY (id)",
                "pk_user_states on user_states: PRIMARY KEY (id)",
                "pk_avatars on avatars: PRIMARY KEY (id)",
                "pk_avatar_photos on avatar_photos: PRIMARY KEY (id)",
                "fk_user_balances_user_id on user_balances: FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE",
                "fk_user_states_user_id on user_states: FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE",
                "fk_avatars_user_id on avatars: FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE",
                "fk_avatar_photos_avatar_id on avatar_photos: FOREIGN KEY (avatar_id) REFERENCES avatars(id) ON DELETE CASCADE",
                "ck_user_balances_coins_not_negative on user_balances: CHECK ((coins >= 0))");
    }

    @Test
    void everyTableHasTheUpdatedAtTrigger() {
        assertThat(catalog.triggers()).containsExactlyInAnyOrder(
                "trg_users_updated_at: CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
                "trg_user_balances_updated_at: CREATE TRIGGER trg_user_balances_updated_at BEFORE UPDATE ON user_balances FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
                "trg_user_states_updated_at: CREATE TRIGGER trg_user_states_updated_at BEFORE UPDATE ON user_states FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
                "trg_avatars_updated_at: CREATE TRIGGER trg_avatars_updated_at BEFORE UPDATE ON avatars FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
                "trg_avatar_photos_updated_at: CREATE TRIGGER trg_avatar_photos_updated_at BEFORE UPDATE ON avatar_photos FOR EACH ROW EXECUTE FUNCTION set_updated_at()");
        assertThat(catalog.functions()).hasSize(1).allMatch(f -> f.startsWith("set_updated_at(): "));
    }
}
