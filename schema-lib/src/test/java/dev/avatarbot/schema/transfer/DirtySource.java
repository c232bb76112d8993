package dev.avatarbot.schema.transfer;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.avatarbot.schema.testing.TestPostgres;
import dev.avatarbot.schema.transfer.TransferModel.Row;
import dev.avatarbot.schema.transfer.TransferModel.Table;
import org.postgresql.PGConnection;

/**
 * A seeded, random old database full of what real ones hold: repeated ids and natural keys, orphans
 * (chains too: the photos of the avatars of a rejected user), nulls where the target needs a value
 * and where it has a default, JSON that does not parse, negative coins, cells a spreadsheet would
 * run. Built without keys (then anything goes) or with the Python project's keys (then only what
 * they allow), in the target's column types ({@code binary}: most tables travel in COPY's binary
 * format) or in other ones (every table travels as text), with or without filtering SELECTs.
 *
 * <p>Rows are written in list order, so a table's read order is that order (a sequential scan of a
 * fresh heap; the tables are far below {@code synchronize_seqscans}' size).
 *
 * <p>Entangled (the default), a row that repeats an earlier row's {@code telegram_id}/{@code user_id}
 * reuses another row's id half the time, anywhere in the table, so that "a rejected row holds
 * nothing" decides who keeps an id: a row rejected for a natural key an earlier row holds leaves
 * its id to a later twin, and a row rejected for an id leaves its natural key. Not entangled
 * ({@code -Dtransfer.model.entangled=false}: the sources the seeds had before), such a row has an id
 * no other row has, and a row that repeats an id with another natural key comes only after every
 * row holding that key.
 */
final class DirtySource {

    private static final String[] NAMES = {"Анна", "Bob", "=1+2", "@cmd", "-x", "+y", "'quoted", "tab\there",
            "line\nbreak", "back\\slash", "\"q\"", "a,b", "Zoë"};
    private static final String[] JSON = {"{}", "{\"step\": \"menu\"}", "{\"n\": 1, \"list\": [1, 2]}",
            "{\"prompt\": \"Пришлите фото\"}", "[]", "\"text\"", "{\"a\": {\"b\": null}}", "{\"b\":1,\"a\":2}"};
    private static final String[] BAD_JSON = {"{\"step\": broken", "not json", "{", "[1,]", "{'a': 1}", ""};

    final long seed;
    final boolean keyed;
    final boolean binary;
    /** The JSON columns kept as text in the source, which can hold documents that do not parse. */
    final Set<String> jsonAsText;
    /** Per table, the configured SELECT (filtering rows out) and the rows it lets through. */
    final Map<String, String> selects = new LinkedHashMap<>();
    private final Map<Table, Predicate<Row>> filters = new EnumMap<>(Table.class);
    final Map<Table, List<Row>> rows = new EnumMap<>(Table.class);

    private final Random random;
    private final boolean entangled;
    /** Some timestamps are null. */
    private boolean nullTimestamps;
    /** A table whose source has no created_at/updated_at columns at all (an older layout); null for none. */
    private Table withoutTimestamps;
    /** How many faults this source has, from none (the checks the source's keys spare are then skipped) to all. */
    private final double faults;

    DirtySource(long seed, boolean entangled) {
        this.seed = seed;
        this.random = new Random(seed);
        this.entangled = entangled;
        this.keyed = random.nextInt(3) == 0;
        this.faults = List.of(0.0, 0.3, 1.0, 1.0).get(random.nextInt(4));
        this.binary = random.nextBoolean();
        this.jsonAsText = binary ? (random.nextBoolean() ? Set.of("user_states.state_data") : Set.of())
                : Set.of("user_states.state_data", "avatars.avatar_data");
        generate();
        nullTimestamps(new Random(seed * 31 + 17));
        withoutTimestamps(new Random(seed * 37 + 5));
        if (keyed) {
            keepWhatKeysAllow();
        }
        chooseSelects();
    }

    /** What the transfer reads: each table's rows in read order, through its SELECT. */
    Map<Table, List<Row>> read() {
        Map<Table, List<Row>> read = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            read.put(table, rows.get(table).stream().filter(filters.getOrDefault(table, r -> true)).toList());
        }
        return read;
    }

    @Override
    public String toString() {
        return (keyed ? "source with keys" : "source without keys") + ", faults " + faults + ", "
                + (nullTimestamps ? "null timestamps, " : "")
                + (withoutTimestamps == null ? "" : "no timestamp columns in " + withoutTimestamps.name + ", ")
                + (binary ? "binary" : "text")
                + (jsonAsText.isEmpty() ? "" : ", JSON as text in " + jsonAsText)
                + (selects.isEmpty() ? "" : ", SELECTs for " + selects.keySet())
                + ", rows " + rows.values().stream().mapToInt(List::size).sum();
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A fault, as often as the seed's share of them has it: none, a few, or the full share. */
    private boolean fault(double p) {
        return chance(p * faults);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String timestamp() {
        return String.format("2025-%02d-%02d %02d:%02d:%02d+00", 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60));
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static Row row(Table table, Object... values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(table.columns.get(i), values[i] == null ? null : values[i].toString());
        }
        return new Row(map);
    }

    private static Row with(Row row, String column, String value) {
        Map<String, String> map = new LinkedHashMap<>(row.values());
        map.put(column, value);
        return new Row(map);
    }

    /**
     * Where a row that repeats {@code original}'s id with {@code value} in {@code column} may go from:
     * anywhere when it has the original's value (or when entangled), else only after the original
     * and after every row holding that value, so that it never takes the value from a row whose id
     * a later row repeats.
     */
    private int holderOf(List<Row> list, Row original, String column, String value) {
        if (entangled || java.util.Objects.equals(value, original.get(column))) {
            return -1;
        }
        int after = list.indexOf(original);
        for (int i = 0; i < list.size(); i++) {
            if (value != null && value.equals(list.get(i).get(column))) {
                after = Math.max(after, i);
            }
        }
        return after;
    }

    /** Inserts {@code extra} at a random place after position {@code after} (-1: anywhere). */
    private void insertAfter(List<Row> list, int after, Row extra) {
        int from = after + 1;
        list.add(from + random.nextInt(list.size() - from + 1), extra);
    }

    private void generate() {
        int users = 15 + random.nextInt(30);
        long nextId = 1000;
        // users
        List<Row> userRows = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            userRows.add(row(Table.USERS, i, 3_000_000_000L + i, fault(0.08) ? null : pick(NAMES) + " " + i,
                    chance(0.3) ? null : pick(NAMES), chance(0.3) ? null : "user_" + i,
                    fault(0.04) ? null : pick(List.of("ru", "en", "uk")),
                    chance(0.1) ? null : String.valueOf(random.nextBoolean()), timestamp(), timestamp()));
        }
        for (int i = 0; i < userRows.size(); i++) {
            if (fault(0.03)) {
                userRows.set(i, with(userRows.get(i), "telegram_id", null));
            }
        }
        List<Row> originals = List.copyOf(userRows);
        for (Row original : originals) {
            if (fault(0.1)) { // the same id again: its telegram_id, a new one or another user's
                String telegramId = switch (random.nextInt(3)) {
                    case 0 -> original.get("telegram_id");
                    case 1 -> String.valueOf(3_100_000_000L + random.nextInt(1_000_000));
                    default -> pick(originals).get("telegram_id");
                };
                insertAfter(userRows, holderOf(userRows, original, "telegram_id", telegramId),
                        with(with(original, "telegram_id", telegramId), "first_name",
                                chance(0.2) ? null : "Twin " + original.get("id")));
            }
            if (fault(0.08) && original.get("telegram_id") != null) { // the same telegram_id under another id
                String id = entangled && chance(0.5) ? pick(originals).get("id") : String.valueOf(nextId++);
                insertAfter(userRows, entangled ? -1 : userRows.indexOf(original),
                        with(with(original, "id", id), "first_name", "Other " + id));
            }
        }
        if (fault(0.3)) {
            userRows.add(random.nextInt(userRows.size()), with(originals.get(0), "id", null));
        }
        rows.put(Table.USERS, userRows);
        List<String> userIds = originals.stream().map(r -> r.get("id")).toList();

        // balances and states: one per user, and strays
        for (Table table : List.of(Table.USER_BALANCES, Table.USER_STATES)) {
            List<Row> list = new ArrayList<>();
            for (int i = 1; i <= users; i++) {
                Object value = table == Table.USER_BALANCES
                        ? (fault(0.08) ? String.valueOf(-1 - random.nextInt(50)) : chance(0.08) ? null
                                : String.valueOf(random.nextInt(1000)))
                        : stateData(table);
                list.add(row(table, i, fault(0.05) ? String.valueOf(users + 100 + i) : fault(0.02) ? null
                        : String.valueOf(i), value, timestamp(), timestamp()));
            }
            List<Row> own = List.copyOf(list);
            for (Row original : own) {
                if (fault(0.08)) { // the same id again, of its user or another
                    String userId = chance(0.5) ? original.get("user_id") : pick(userIds);
                    insertAfter(list, holderOf(list, original, "user_id", userId), with(original, "user_id", userId));
                }
                if (fault(0.06) && original.get("user_id") != null) { // the same user under another id
                    String id = entangled && chance(0.5) ? pick(own).get("id") : String.valueOf(nextId++);
                    insertAfter(list, entangled ? -1 : list.indexOf(original), with(original, "id", id));
                }
            }
            if (fault(0.2)) {
                list.add(random.nextInt(list.size()), with(own.get(0), "id", null));
            }
            rows.put(table, list);
        }

        // avatars: about two per user, some of missing users
        List<Row> avatars = new ArrayList<>();
        for (int i = 0; i < users * 2; i++) {
            String userId = fault(0.05) ? String.valueOf(users + 500 + i) : pick(userIds);
            avatars.add(row(Table.AVATARS, uuid(), fault(0.02) ? null : userId, fault(0.05) ? null : pick(NAMES),
                    fault(0.03) ? null : pick(List.of("male", "female")),
                    fault(0.03) ? null : pick(List.of("ready", "draft", "deleted")),
                    fault(0.03) ? null : String.valueOf(random.nextBoolean()), data(Table.AVATARS, "avatar_data"),
                    timestamp(), timestamp()));
        }
        List<Row> ownAvatars = List.copyOf(avatars);
        for (Row original : ownAvatars) {
            if (fault(0.06)) {
                insertAfter(avatars, -1, with(original, "user_id", pick(userIds)));
            }
        }
        rows.put(Table.AVATARS, avatars);

        // photos: a few per avatar, some of missing avatars
        List<Row> photos = new ArrayList<>();
        for (Row avatar : ownAvatars) {
            int count = random.nextInt(5);
            for (int n = 0; n < count; n++) {
                photos.add(row(Table.AVATAR_PHOTOS, uuid(), fault(0.03) ? uuid() : fault(0.01) ? null : avatar.get("id"),
                        fault(0.03) ? null : "avatars/" + avatar.get("id") + "/" + n + ".jpg",
                        fault(0.03) ? null : String.valueOf(n), timestamp(), timestamp()));
            }
        }
        java.util.Collections.shuffle(photos, random);
        List<Row> ownPhotos = List.copyOf(photos);
        for (Row original : ownPhotos) {
            if (fault(0.05)) {
                insertAfter(photos, -1, with(original, "minio_key", "again/" + original.get("minio_key")));
            }
        }
        rows.put(Table.AVATAR_PHOTOS, photos);
    }

    /**
     * In a third of the seeds, some {@code created_at}/{@code updated_at} are null (the target's
     * default then applies: one fixed time per target, which a rerun leaves alone). Drawn from a
     * random of its own, so that every seed's other rows stay as they were found.
     */
    private void nullTimestamps(Random own) {
        if (own.nextInt(3) != 0) {
            return;
        }
        for (Map.Entry<Table, List<Row>> table : rows.entrySet()) {
            List<Row> list = table.getValue();
            for (int i = 0; i < list.size(); i++) {
                for (String column : List.of("created_at", "updated_at")) {
                    if (own.nextDouble() < 0.05) {
                        list.set(i, with(list.get(i), column, null));
                    }
                }
            }
        }
        nullTimestamps = true;
    }

    /**
     * In a quarter of the seeds, one table's source has no {@code created_at}/{@code updated_at}
     * columns: the target fills them as it fills a null. Drawn from a random of its own, like the nulls.
     */
    private void withoutTimestamps(Random own) {
        own.nextLong(); // the first draws of Randoms seeded with near numbers are alike
        if (own.nextInt(100) >= 25) {
            return;
        }
        withoutTimestamps = Table.values()[own.nextInt(Table.values().length)];
        rows.put(withoutTimestamps, rows.get(withoutTimestamps).stream()
                .map(r -> with(with(r, "created_at", null), "updated_at", null))
                .collect(Collectors.toCollection(ArrayList::new)));
    }

    private Object stateData(Table table) {
        return data(table, "state_data");
    }

    private String data(Table table, String column) {
        if (chance(0.08)) {
            return null;
        }
        if (jsonAsText.contains(table.name + "." + column) && fault(0.1)) {
            return pick(BAD_JSON);
        }
        return pick(JSON);
    }

    /** A source with keys holds no null or repeated id, no repeated natural key, no row without its parent. */
    private void keepWhatKeysAllow() {
        for (Table table : Table.values()) {
            Set<String> ids = new java.util.HashSet<>();
            Set<String> natural = new java.util.HashSet<>();
            Set<String> parents = table.parentTable == null ? null : rows.get(Table.valueOf(table.parentTable.toUpperCase()))
                    .stream().map(r -> r.get("id")).collect(Collectors.toSet());
            rows.put(table, rows.get(table).stream().filter(r -> r.get("id") != null && ids.add(r.get("id"))
                    && (table.naturalKey == null || r.get(table.naturalKey) == null || natural.add(r.get(table.naturalKey)))
                    && (parents == null || r.get(table.parentColumn) == null || parents.contains(r.get(table.parentColumn))))
                    .collect(Collectors.toCollection(ArrayList::new)));
        }
    }

    private void chooseSelects() {
        if (chance(0.3)) {
            selects.put("users", "SELECT * FROM users WHERE id % 5 <> 2");
            filters.put(Table.USERS, r -> r.get("id") != null && Long.parseLong(r.get("id")) % 5 != 2);
        }
        if (chance(0.2)) {
            selects.put("user_balances", "SELECT * FROM user_balances WHERE coins IS NULL OR coins < 900");
            filters.put(Table.USER_BALANCES, r -> r.get("coins") == null || Long.parseLong(r.get("coins")) < 900);
        }
        if (chance(0.3)) {
            selects.put("avatars", "SELECT * FROM avatars WHERE status <> 'deleted'");
            filters.put(Table.AVATARS, r -> r.get("status") != null && !r.get("status").equals("deleted"));
        }
        if (chance(0.2)) {
            selects.put("avatar_photos", "SELECT * FROM avatar_photos WHERE \"order\" < 3");
            filters.put(Table.AVATAR_PHOTOS, r -> r.get("order") != null && Integer.parseInt(r.get("order")) < 3);
        }
    }

    /**
     * The old database changes rows after a transfer as the Python project did, without restamping
     * them (it has no trigger): every third user's last name and every third positive balance, in the
     * rows here and in {@code source} alike. No change makes a row a reject or takes it out of a
     * SELECT, so the kept rows stay the same rows, and the rows a rerun updates are the changed ones.
     */
    void changeWithoutRestamping(DataSource source) {
        rows.put(Table.USERS, rows.get(Table.USERS).stream().map(r -> everyThird(r)
                ? with(r, "last_name", "Changed " + r.get("id")) : r).collect(Collectors.toCollection(ArrayList::new)));
        rows.put(Table.USER_BALANCES, rows.get(Table.USER_BALANCES).stream().map(r -> everyThird(r)
                && r.get("coins") != null && Long.parseLong(r.get("coins")) > 0
                ? with(r, "coins", String.valueOf(Long.parseLong(r.get("coins")) - 1)) : r)
                .collect(Collectors.toCollection(ArrayList::new)));
        TestPostgres.execute(source, "UPDATE users SET last_name = 'Changed ' || id WHERE id % 3 = 0;"
                + " UPDATE user_balances SET coins = coins - 1 WHERE id % 3 = 0 AND coins > 0");
    }

    private static boolean everyThird(Row row) {
        return row.get("id") != null && Long.parseLong(row.get("id")) % 3 == 0;
    }

    /** Creates the tables in the source and writes the rows, in order; then the keys, for a keyed source. */
    void writeTo(DataSource source) throws SQLException {
        String json = binary ? "jsonb" : "text";
        try (Connection connection = source.getConnection()) {
            try (var statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TABLE users (id %s, telegram_id bigint, first_name varchar(255), last_name varchar(255),
                            username varchar(255), language_code varchar(16), is_premium boolean,
                            created_at timestamptz, updated_at timestamptz);
                        CREATE TABLE user_balances (id bigint, user_id bigint, coins %s,
                            created_at timestamptz, updated_at timestamptz);
                        CREATE TABLE user_states (id bigint, user_id bigint, state_data %s,
                            created_at timestamptz, updated_at timestamptz);
                        CREATE TABLE avatars (id uuid, user_id bigint, name varchar(255), gender varchar(32),
                            status varchar(32), is_draft boolean, avatar_data %s, created_at timestamptz,
                            updated_at timestamptz);
                        CREATE TABLE avatar_photos (id uuid, avatar_id uuid, minio_key varchar(1024), "order" %s,
                            created_at timestamptz, updated_at timestamptz)""".formatted(
                        binary ? "bigint" : "integer", binary ? "bigint" : "integer",
                        jsonAsText.contains("user_states.state_data") ? "text" : "jsonb",
                        jsonAsText.contains("avatars.avatar_data") ? "text" : json, binary ? "integer" : "smallint"));
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (Table table : Table.values()) {
                String text = rows.get(table).stream().map(DirtySource::copyLine).collect(Collectors.joining());
                try {
                    copy.copyIn("COPY " + table.name + " FROM STDIN", new StringReader(text));
                } catch (java.io.IOException e) {
                    throw new SQLException(e);
                }
            }
        }
        if (withoutTimestamps != null) {
            TestPostgres.execute(source, "ALTER TABLE " + withoutTimestamps.name + " DROP COLUMN created_at,"
                    + " DROP COLUMN updated_at");
        }
        if (keyed) {
            OldDatabase.addKeys(source);
        }
    }

    private static String copyLine(Row row) {
        return row.values().values().stream().map(v -> v == null ? "\\N" : v.replace("\\", "\\\\")
                .replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")).collect(Collectors.joining("\t")) + "\n";
    }
}
