package dev.avatarbot.schema.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The transfer's documented rules (the manual's page "Moving the data"; SPEC 5), written
 * as plainly as they read, with none of the transfer's own code: given each table's rows in the
 * source's read order, which rows arrive (with the target's defaults for nulls) and which are
 * rejected, with which reason.
 *
 * <p>Tables go parents first. Each row, in read order, is rejected for the first of these that holds:
 * <ol>
 * <li>its id is null: {@code id is null};</li>
 * <li>a column the target needs and has no default for is null: {@code first_name is null};</li>
 * <li>a JSON column read as text does not parse: {@code invalid JSON in state_data};</li>
 * <li>its coins are negative: {@code negative coins};</li>
 * <li>its parent did not arrive: {@code orphan: user_id 17 is not in users};</li>
 * <li>a row kept before it has its id: {@code id 5 appears more than once in the source};</li>
 * <li>a row kept before it has its {@code telegram_id}/{@code user_id}:
 *     {@code telegram_id 3000000001 is already used by another id}.</li>
 * </ol>
 * Otherwise it is kept. Only the rows kept so far hold an id or a natural key: a rejected row, for
 * any reason, holds nothing, so a later row with its id or natural key can still be kept (users read
 * as (1, 10), (2, 10), (2, 20): the second is rejected for telegram_id 10, the third keeps id 2).
 */
final class TransferModel {

    /** A column's value that the target fills itself ({@code now()}): any value matches it. */
    static final String ANY = "\u0000any";

    /** One of the five tables, with what the rules need to know about it. */
    enum Table {
        USERS("users", List.of("id", "telegram_id", "first_name", "last_name", "username", "language_code",
                "is_premium", "created_at", "updated_at"), null, null, "telegram_id",
                List.of("telegram_id", "first_name", "language_code"), Map.of("is_premium", "false")),
        USER_BALANCES("user_balances", List.of("id", "user_id", "coins", "created_at", "updated_at"), "user_id",
                "users", "user_id", List.of("user_id"), Map.of("coins", "0")),
        USER_STATES("user_states", List.of("id", "user_id", "state_data", "created_at", "updated_at"), "user_id",
                "users", "user_id", List.of("user_id"), Map.of("state_data", "{}")),
        AVATARS("avatars", List.of("id", "user_id", "name", "gender", "status", "is_draft", "avatar_data",
                "created_at", "updated_at"), "user_id", "users", null,
                List.of("user_id", "name", "gender", "status", "is_draft"), Map.of("avatar_data", "{}")),
        AVATAR_PHOTOS("avatar_photos", List.of("id", "avatar_id", "minio_key", "order", "created_at", "updated_at"),
                "avatar_id", "avatars", null, List.of("avatar_id", "minio_key", "order"), Map.of());

        final String name;
        final List<String> columns;
        final String parentColumn;
        final String parentTable;
        final String naturalKey;
        /** Not null in the target and no default there, in the target's column order. */
        final List<String> required;
        /** What a null becomes, besides the timestamps' {@code now()}. */
        final Map<String, String> defaults;

        Table(String name, List<String> columns, String parentColumn, String parentTable, String naturalKey,
              List<String> required, Map<String, String> defaults) {
            this.name = name;
            this.columns = columns;
            this.parentColumn = parentColumn;
            this.parentTable = parentTable;
            this.naturalKey = naturalKey;
            this.required = required;
            this.defaults = defaults;
        }

        boolean json(String column) {
            return column.endsWith("_data");
        }
    }

    /** A row as text, column by column in the table's order; null is SQL's NULL. */
    record Row(Map<String, String> values) {
        String get(String column) {
            return values.get(column);
        }
    }

    /**
     * A rejected row: its key (the id as read, null for none), reason, and the row as read (the reject
     * line shows it so: a null as a null, never the target's default).
     */
    record Reject(String key, String reason, Row asRead) {
        /** What two rejects that count as the same reject share: the key and the reason. */
        String keyAndReason() {
            return key + ": " + reason;
        }

        @Override
        public String toString() {
            return keyAndReason();
        }
    }

    /** One table's outcome: the kept rows by id (as the target holds them), the rejects in read order. */
    record TableOutcome(int read, Map<String, Row> kept, List<Reject> rejects) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS);

    private TransferModel() {
    }

    /**
     * The outcome for every table; {@code read} has each table's rows in read order,
     * {@code jsonAsText} the JSON columns the source keeps as text (checked for valid JSON).
     */
    static Map<Table, TableOutcome> run(Map<Table, List<Row>> read, Set<String> jsonAsText) {
        Map<Table, TableOutcome> outcome = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            Set<String> parents = table.parentTable == null ? Set.of()
                    : outcome.get(Table.valueOf(table.parentTable.toUpperCase())).kept().keySet();
            outcome.put(table, run(table, read.get(table), parents, jsonAsText));
        }
        return outcome;
    }

    private static TableOutcome run(Table table, List<Row> rows, Set<String> parents, Set<String> jsonAsText) {
        Map<String, Row> kept = new LinkedHashMap<>();
        Set<String> naturalKeys = new HashSet<>();
        List<Reject> rejects = new ArrayList<>();
        for (Row row : rows) {
            String reason = reason(table, row, parents, kept.keySet(), naturalKeys, jsonAsText);
            if (reason != null) {
                rejects.add(new Reject(row.get("id"), reason, row));
                continue;
            }
            kept.put(row.get("id"), withDefaults(table, row));
            if (table.naturalKey != null) {
                naturalKeys.add(row.get(table.naturalKey));
            }
        }
        return new TableOutcome(rows.size(), kept, rejects);
    }

    private static String reason(Table table, Row row, Set<String> parents, Set<String> keptIds,
                                 Set<String> naturalKeys, Set<String> jsonAsText) {
        String id = row.get("id");
        if (id == null) {
            return "id is null";
        }
        for (String column : table.required) {
            if (row.get(column) == null) {
                return column + " is null";
            }
        }
        for (String column : table.columns) {
            String value = row.get(column);
            if (table.json(column) && jsonAsText.contains(table.name + "." + column) && value != null && !isJson(value)) {
                return "invalid JSON in " + column;
            }
        }
        if (table == Table.USER_BALANCES && row.get("coins") != null && Long.parseLong(row.get("coins")) < 0) {
            return "negative coins";
        }
        if (table.parentColumn != null && !parents.contains(row.get(table.parentColumn))) {
            return "orphan: " + table.parentColumn + " " + row.get(table.parentColumn) + " is not in " + table.parentTable;
        }
        if (keptIds.contains(id)) {
            return "id " + id + " appears more than once in the source";
        }
        if (table.naturalKey != null && naturalKeys.contains(row.get(table.naturalKey))) {
            return table.naturalKey + " " + row.get(table.naturalKey) + " is already used by another id";
        }
        return null;
    }

    private static Row withDefaults(Table table, Row row) {
        Map<String, String> values = new LinkedHashMap<>(row.values());
        for (String column : table.columns) {
            if (values.get(column) == null) {
                values.put(column, column.endsWith("_at") ? ANY : table.defaults.get(column));
            }
        }
        return new Row(values);
    }

    static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return !text.isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    /** Two JSON documents that PostgreSQL's jsonb takes for the same value. */
    static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (Exception e) {
            return false;
        }
    }

    /** How many times each key and reason occurs: the order of a reject file is not a rule. */
    static Map<String, Integer> counted(List<Reject> rejects) {
        Map<String, Integer> counts = new HashMap<>();
        rejects.forEach(r -> counts.merge(r.keyAndReason(), 1, Integer::sum));
        return counts;
    }
}
