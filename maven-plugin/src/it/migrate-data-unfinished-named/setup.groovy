import dev.avatarbot.schema.plugin.it.ItDatabase
def target = ItDatabase.create(adminUrl, basedir)
// What a transfer killed during its index build leaves behind (see DataTransferTest for the real kill).
ItDatabase.execute(target, """
        CREATE TABLE avatar_db_unfinished_transfer (position integer PRIMARY KEY, table_name text NOT NULL,
            kind text NOT NULL, name text NOT NULL, definition text NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO avatar_db_unfinished_transfer (position, table_name, kind, name, definition) VALUES
            (1, 'users', 'index', 'uq_users_telegram_id', 'CREATE UNIQUE INDEX uq_users_telegram_id ON users (telegram_id)')""")
ItDatabase.writeFile(basedir, '.env', "DB_URL=${target}\n")
return true
