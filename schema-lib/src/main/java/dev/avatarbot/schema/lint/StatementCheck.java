package dev.avatarbot.schema.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SQL statements, one at a time in changelog order, and says which rules each breaks. It
 * remembers what earlier statements did that later ones depend on: NOT NULL checks added and
 * validated (so that a SET NOT NULL after them is safe).
 */
final class StatementCheck {

    /** A rule broken by a statement, on a table. */
    record Hit(LintRule rule, String table, String detail) {
    }

    private static final String NAME = "((?:\"[^\"]+\"|\\w+)(?:\\.(?:\"[^\"]+\"|\\w+))?)";
    private static final Pattern QUALIFIED = Pattern.compile("^(?:\"[^\"]+\"|\\w+)\\.(.+)$");
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME, FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?.*?\\sON\\s+(?:ONLY\\s+)?" + NAME, FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME + "\\s+(.*)$", FLAGS);
    private static final Pattern DROP_TABLE = Pattern.compile("^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(.*)$", FLAGS);
    private static final Pattern UPDATE = Pattern.compile("^UPDATE\\s+(?:ONLY\\s+)?" + NAME, FLAGS);
    private static final Pattern DELETE = Pattern.compile("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?" + NAME, FLAGS);
    private static final Pattern LOCK_TIMEOUT = Pattern.compile(
            "^SET\\s+(?:LOCAL\\s+)?lock_timeout\\b|set_config\\s*\\(\\s*'lock_timeout'", FLAGS);
    private static final Pattern LOCKING = Pattern.compile(
            "^(?:ALTER\\s+TABLE|CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?!CONCURRENTLY)|DROP\\s+(?:TABLE|INDEX\\s+(?!CONCURRENTLY))"
                    + "|TRUNCATE|LOCK\\s)", FLAGS);

    private static final Pattern RENAME_TABLE = Pattern.compile("^RENAME\\s+TO\\s+" + NAME, FLAGS);
    private static final Pattern RENAME_COLUMN = Pattern.compile("^RENAME\\s+(?:COLUMN\\s+)?" + NAME + "\\s+TO\\s", FLAGS);
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(?!CONSTRAINT\\s)" + NAME, FLAGS);
    private static final Pattern SET_NOT_NULL = Pattern.compile(
            "^ALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+SET\\s+NOT\\s+NULL", FLAGS);
    private static final Pattern ALTER_TYPE = Pattern.compile(
            "^ALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\s", FLAGS);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "^ADD\\s+(?:CONSTRAINT\\s+" + NAME + "\\s+)?(FOREIGN\\s+KEY|CHECK|UNIQUE|PRIMARY\\s+KEY)\\b(.*)$", FLAGS);
    private static final Pattern NOT_NULL_CHECK = Pattern.compile(
            "^\\s*\\(\\s*" + NAME + "\\s+IS\\s+NOT\\s+NULL\\s*\\)", FLAGS);
    private static final Pattern VALIDATE = Pattern.compile("^VALIDATE\\s+CONSTRAINT\\s+" + NAME, FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + "\\s+(.*)$", FLAGS);
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
            "\\bDEFAULT\\s+.*\\b(random|gen_random_uuid|uuid_generate_v\\w*|clock_timestamp|timeofday|nextval"
                    + "|txid_current|statement_timestamp)\\s*\\(", FLAGS);

    private final Map<String, Set<String>> mapperTexts;
    private final Map<String, String> notNullChecks = new HashMap<>();
    private final Set<String> validatedNotNull = new HashSet<>();

    /** @param mapperStatements each mapper statement's SQL, keyed by its name */
    StatementCheck(Map<String, String> mapperStatements) {
        this.mapperTexts = new HashMap<>();
        mapperStatements.forEach((name, sql) -> mapperTexts.put(name, words(sql)));
    }

    /** The table {@code statement} creates, or null. */
    static String createdTable(String statement) {
        Matcher create = CREATE_TABLE.matcher(statement);
        return create.find() ? table(create.group(1)) : null;
    }

    /** Whether {@code statement} sets the lock timeout. */
    static boolean setsLockTimeout(String statement) {
        return LOCK_TIMEOUT.matcher(statement).find();
    }

    /** The table {@code statement} locks when it takes a lock that queues readers or writers, or null. */
    static String lockedTable(String statement) {
        if (!LOCKING.matcher(statement).find()) {
            return null;
        }
        Matcher alter = ALTER_TABLE.matcher(statement);
        if (alter.find()) {
            return table(alter.group(1));
        }
        Matcher index = CREATE_INDEX.matcher(statement);
        return index.find() ? table(index.group(2)) : "";
    }

    List<Hit> check(String statement) {
        List<Hit> hits = new ArrayList<>();
        String quoted = "\"" + excerpt(statement) + "\"";
        Matcher index = CREATE_INDEX.matcher(statement);
        if (index.find() && index.group(1) == null) {
            hits.add(new Hit(LintRule.INDEX_NOT_CONCURRENT, table(index.group(2)),
                    quoted + " builds an index without CONCURRENTLY."));
        }
        Matcher alter = ALTER_TABLE.matcher(statement);
        if (alter.find()) {
            String table = table(alter.group(1));
            for (String action : actions(alter.group(2))) {
                alterAction(table, action.strip(), quoted, hits);
            }
        }
        Matcher drop = DROP_TABLE.matcher(statement);
        if (drop.find()) {
            for (String name : drop.group(1).replaceAll("(?i)\\s+(CASCADE|RESTRICT)\\s*$", "").split(",")) {
                String table = table(name.strip());
                mapperUse(table, null).ifPresent(users -> hits.add(new Hit(LintRule.MAPPER_USES_DROPPED, table,
                        quoted + " drops table " + table + ", which " + users + " still use.")));
            }
        }
        for (Pattern dml : List.of(UPDATE, DELETE)) {
            Matcher matcher = dml.matcher(statement);
            if (matcher.find()) {
                // Autocommitted or not: one statement is one transaction, its rows locked until it ends.
                hits.add(new Hit(LintRule.UNBATCHED_DML, table(matcher.group(1)),
                        quoted + " changes every matching row in one transaction."));
            }
        }
        return hits;
    }

    private void alterAction(String table, String action, String quoted, List<Hit> hits) {
        Matcher matcher;
        if ((matcher = RENAME_TABLE.matcher(action)).find()) {
            mapperUse(table, null).ifPresent(users -> hits.add(new Hit(LintRule.MAPPER_USES_DROPPED, table,
                    quoted + " renames table " + table + ", which " + users + " still use.")));
        } else if ((matcher = RENAME_COLUMN.matcher(action)).find()) {
            String column = table(matcher.group(1));
            mapperUse(table, column).ifPresent(users -> hits.add(new Hit(LintRule.MAPPER_USES_DROPPED, table,
                    quoted + " renames column " + table + "." + column + ", which " + users + " still use.")));
        } else if ((matcher = DROP_COLUMN.matcher(action)).find()) {
            String column = table(matcher.group(1));
            mapperUse(table, column).ifPresent(users -> hits.add(new Hit(LintRule.MAPPER_USES_DROPPED, table,
                    quoted + " drops column " + table + "." + column + ", which " + users + " still use.")));
        } else if ((matcher = SET_NOT_NULL.matcher(action)).find()) {
            String column = table(matcher.group(1));
            if (!validatedNotNull.contains(table + "." + column)) {
                hits.add(new Hit(LintRule.SET_NOT_NULL, table, quoted + " sets " + table + "." + column
                        + " NOT NULL with no validated CHECK (" + column + " IS NOT NULL) before it."));
            }
        } else if ((matcher = ALTER_TYPE.matcher(action)).find()) {
            hits.add(new Hit(LintRule.COLUMN_TYPE_REWRITE, table, quoted + " changes the type of " + table + "."
                    + table(matcher.group(1)) + ", which rewrites the table unless the types are binary-compatible."));
        } else if ((matcher = ADD_CONSTRAINT.matcher(action)).find()) {
            addConstraint(table, matcher, quoted, hits);
        } else if ((matcher = VALIDATE.matcher(action)).find()) {
            String column = notNullChecks.get(table(matcher.group(1)));
            if (column != null) {
                validatedNotNull.add(column);
            }
        } else if ((matcher = ADD_COLUMN.matcher(action)).find()) {
            Matcher volatileDefault = VOLATILE_DEFAULT.matcher(matcher.group(2));
            if (volatileDefault.find()) {
                hits.add(new Hit(LintRule.VOLATILE_DEFAULT, table, quoted + " adds " + table + "."
                        + table(matcher.group(1)) + " with a volatile default (" + volatileDefault.group(1)
                        + "()), which rewrites the table."));
            }
        }
    }

    private void addConstraint(String table, Matcher matcher, String quoted, List<Hit> hits) {
        String name = matcher.group(1) == null ? null : table(matcher.group(1));
        String kind = matcher.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String rest = matcher.group(3);
        boolean notValid = rest.toUpperCase(Locale.ROOT).matches("(?s).*\\bNOT\\s+VALID\\b.*");
        if (kind.equals("FOREIGN KEY") || kind.equals("CHECK")) {
            if (kind.equals("CHECK")) {
                Matcher notNull = NOT_NULL_CHECK.matcher(rest);
                if (notNull.find()) {
                    String column = table + "." + table(notNull.group(1));
                    if (name != null) {
                        notNullChecks.put(name, column);
                    }
                    if (!notValid) {
                        validatedNotNull.add(column);
                    }
                }
            }
            if (!notValid) {
                hits.add(new Hit(LintRule.CONSTRAINT_NOT_VALID, table, quoted + " adds a " + kind
                        + " constraint without NOT VALID, checking every row under the lock."));
            }
        } else if (!rest.toUpperCase(Locale.ROOT).matches("(?s)^\\s*USING\\s+INDEX\\b.*")) {
            hits.add(new Hit(LintRule.UNIQUE_NOT_USING_INDEX, table, quoted + " adds a " + kind
                    + " constraint that builds its index under the lock."));
        }
    }

    /** The mapper statements that use {@code table} (and {@code column}, when given), or empty. */
    private java.util.Optional<String> mapperUse(String table, String column) {
        List<String> users = mapperTexts.entrySet().stream()
                .filter(e -> e.getValue().contains(table) && (column == null || e.getValue().contains(column)))
                .map(Map.Entry::getKey).sorted().toList();
        return users.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", users));
    }

    /** The actions of an ALTER TABLE, split at top-level commas. */
    private static List<String> actions(String text) {
        List<String> actions = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                actions.add(text.substring(start, i));
                start = i + 1;
            }
        }
        actions.add(text.substring(start));
        return actions;
    }

    /** A name as PostgreSQL resolves it, without its schema: quoted kept, unquoted folded to lower case. */
    static String table(String name) {
        Matcher qualified = QUALIFIED.matcher(name.strip());
        String last = qualified.matches() ? qualified.group(1) : name.strip();
        return last.startsWith("\"") && last.endsWith("\"") && last.length() > 1
                ? last.substring(1, last.length() - 1) : last.toLowerCase(Locale.ROOT);
    }

    private static Set<String> words(String sql) {
        Set<String> words = new HashSet<>();
        for (String word : sql.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String excerpt(String statement) {
        return statement.length() <= 100 ? statement : statement.substring(0, 97) + "...";
    }
}
