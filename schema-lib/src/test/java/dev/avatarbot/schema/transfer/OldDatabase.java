package dev.avatarbot.schema.transfer;

import static dev.avatarbot.schema.testing.TestPostgres.execute;

import javax.sql.DataSource;

/**
 * Builds the old bot database a transfer reads: the five tables as the Python project left them
 * (no constraints, so bad rows can exist), filled with generated rows. With {@code users = U}:
 * U users, balances and states, 2U avatars, 10U photos.
 */
public final class OldDatabase {

    private OldDatabase() {
    }

    public static void createTables(DataSource dataSource) {
        execute(dataSource, """
                CREATE TABLE users (id bigint, telegram_id bigint, first_name varchar(255), last_name varchar(255),
                    username varchar(255), language_code varchar(16), is_premium boolean,
                    created_at timestamptz, updated_at timestamptz);
                CREATE TABLE user_balances (id bigint, user_id bigint, coins bigint,
                    created_at timestamptz, updated_at timestamptz);
                CREATE TABLE user_states (id bigint, user_id bigint, state_data jsonb,
                    created_at timestamptz, updated_at timestamptz);
                CREATE TABLE avatars (id uuid, user_id bigint, name varchar(255), gender varchar(32), status varchar(32),
                    is_draft boolean, avatar_data jsonb, created_at timestamptz, updated_at timestamptz);
                CREATE TABLE avatar_photos (id uuid, avatar_id uuid, minio_key varchar(1024), "order" integer,
                    created_at timestamptz, updated_at timestamptz)""");
    }

    /** Generated, valid rows; ids start at 1. */
    public static void fill(DataSource dataSource, int users) {
        execute(dataSource, """
                INSERT INTO users
                SELECT g, 3000000000 + g, 'Имя ' || g, CASE WHEN g %% 3 = 0 THEN NULL ELSE 'Last ' || g END,
                       'user_' || g, CASE WHEN g %% 2 = 0 THEN 'ru' ELSE 'en' END, g %% 5 = 0,
                       timestamptz '2025-01-01 00:00+00' + g * interval '1 second',
                       timestamptz '2025-02-01 00:00+00' + g * interval '1 second'
                FROM generate_series(1, %1$d) g;
                INSERT INTO user_balances
                SELECT g, g, g %% 1000, timestamptz '2025-01-01 00:00+00', timestamptz '2025-03-01 00:00+00'
                FROM generate_series(1, %1$d) g;
                INSERT INTO user_states
                SELECT g, g, jsonb_build_object('step', 'menu', 'n', g, 'prompt', 'Пришлите фото ' || g,
                                                'draft', jsonb_build_object('photos', jsonb_build_array(g, g + 1))),
                       timestamptz '2025-01-01 00:00+00', timestamptz '2025-03-01 00:00+00'
                FROM generate_series(1, %1$d) g;
                INSERT INTO avatars
                SELECT md5('avatar' || g)::uuid, (g - 1) %% %1$d + 1, 'Avatar ' || g,
                       CASE WHEN g %% 2 = 0 THEN 'female' ELSE 'male' END,
                       CASE WHEN g %% 4 = 0 THEN 'draft' ELSE 'ready' END, g %% 4 = 0,
                       jsonb_build_object('seed', g), timestamptz '2025-01-02 00:00+00', timestamptz '2025-03-02 00:00+00'
                FROM generate_series(1, 2 * %1$d) g;
                INSERT INTO avatar_photos
                SELECT md5('photo' || g)::uuid, md5('avatar' || ((g - 1) %% (2 * %1$d) + 1))::uuid,
                       'avatars/' || g || '.jpg', (g - 1) / (2 * %1$d),
                       timestamptz '2025-01-03 00:00+00', timestamptz '2025-03-03 00:00+00'
                FROM generate_series(1, 10 * %1$d) g""".formatted(users));
    }

    /**
     * The keys the Python project's Alembic revisions gave these tables (primary keys, the unique
     * {@code telegram_id} and {@code user_id}s, the foreign keys), for a source that has them.
     */
    public static void addKeys(DataSource dataSource) {
        execute(dataSource, """
                ALTER TABLE users ADD PRIMARY KEY (id), ADD UNIQUE (telegram_id);
                ALTER TABLE user_balances ADD PRIMARY KEY (id), ADD UNIQUE (user_id),
                    ADD FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE user_states ADD PRIMARY KEY (id), ADD UNIQUE (user_id),
                    ADD FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE avatars ADD PRIMARY KEY (id), ADD FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE avatar_photos ADD PRIMARY KEY (id), ADD FOREIGN KEY (avatar_id) REFERENCES avatars (id)""");
    }
}
