package dev.avatarbot.schema.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.CreateIndexChange;
import liquibase.changelog.ChangeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes that changesets build, so that a failed {@code CREATE INDEX CONCURRENTLY} leaves nothing
 * behind: PostgreSQL keeps the half-built index, marked INVALID (a burden on every write, and a
 * name clash, or a silent no-op with {@code IF NOT EXISTS}, for the next try). Before an upgrade
 * and after a failed one, the INVALID indexes that its pending changesets build are dropped
 * concurrently, so the next attempt builds them again from scratch.
 */
final class ConcurrentIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentIndexes.class);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "create\\s+(?:unique\\s+)?index\\s+(?:concurrently\\s+)?(?:if\\s+not\\s+exists\\s+)?(?:\"?\\w+\"?\\.)?\"?(\\w+)\"?",
            Pattern.CASE_INSENSITIVE);

    private ConcurrentIndexes() {
    }

    /** The names of the indexes {@code changeSets} create, as written in them. */
    static Set<String> builtBy(List<ChangeSet> changeSets) {
        Set<String> names = new LinkedHashSet<>();
        for (ChangeSet changeSet : changeSets) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof CreateIndexChange index && index.getIndexName() != null) {
                    names.add(index.getIndexName());
                } else if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                    Matcher matcher = CREATE_INDEX.matcher(sql.getSql());
                    while (matcher.find()) {
                        String name = matcher.group(1);
                        // Unquoted names fold to lower case, as PostgreSQL folds them.
                        names.add(matcher.group(0).endsWith("\"") ? name : name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }

    /**
     * Drops, concurrently and outside any transaction, those of {@code names} that are INVALID
     * indexes in the session's search path. The session's auto-commit is restored afterwards.
     */
    static List<String> dropInvalid(Connection connection, Set<String> names) throws SQLException {
        if (names.isEmpty()) {
            return List.of();
        }
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.rollback(); // a failed changeset may have left its transaction aborted
            connection.setAutoCommit(true);
        }
        try {
            List<String> dropped = new ArrayList<>();
            for (String index : invalid(connection, names)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                }
                LOG.info("Dropped the INVALID index {} that a failed concurrent build left; it is built again.", index);
                dropped.add(index);
            }
            return dropped;
        } finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    /** The INVALID indexes among {@code names}, schema-qualified and quoted as needed. */
    private static List<String> invalid(Connection connection, Set<String> names) throws SQLException {
        List<String> invalid = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE NOT i.indisvalid AND c.relname = ANY (?) AND pg_table_is_visible(c.oid)""")) {
            Array array = connection.createArrayOf("text", names.toArray());
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    invalid.add(rows.getString(1));
                }
            }
        }
        return invalid;
    }
}
