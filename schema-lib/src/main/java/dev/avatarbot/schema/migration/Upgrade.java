package dev.avatarbot.schema.migration;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.avatarbot.schema.core.SchemaException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.OfflineConnection;

/** Applies pending revisions, all of them or up to and including one; or writes the SQL that would. */
final class Upgrade {

    private Upgrade() {
    }

    /**
     * Under the schema lock: applies, and says what changed. When everything is applied already,
     * Liquibase is not asked (nor its lock table touched): a no-op upgrade costs one status read.
     */
    static MigrationResult run(LiquibaseSession session, String revision, MigrationGuard guard) throws Exception {
        if (revision != null) {
            session.changelog().requireDeclared(revision);
        }
        return session.underSchemaLock(locked -> {
            StatusReader.Reading before = StatusReader.read(locked);
            before.status().refuseOverUnfinishedTransfer("upgrade");
            if (nothingToRun(locked.changelog(), before.history(), revision)) {
                return MigrationResult.between(before.status(), before.status());
            }
            Set<String> indexes = ConcurrentIndexes.builtBy(pending(locked, revision));
            GuardedApply.run(locked, guard, () -> applyLeavingNoInvalidIndex(locked, revision, indexes),
                    () -> firstPending(locked, revision));
            return MigrationResult.between(before.status(), StatusReader.read(locked).status());
        });
    }

    /**
     * Applies; an INVALID index that a concurrent build of {@code indexes} left, before (a killed
     * run) or now, is dropped, so that the next attempt builds it afresh.
     */
    private static void applyLeavingNoInvalidIndex(LiquibaseSession session, String revision, Set<String> indexes)
            throws Exception {
        ConcurrentIndexes.dropInvalid(session.connection(), indexes);
        try {
            apply(session.liquibase(), revision, null);
        } catch (Exception e) {
            try {
                ConcurrentIndexes.dropInvalid(session.connection(), indexes);
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The changesets up to {@code revision} that have not run. */
    private static List<ChangeSet> pending(LiquibaseSession session, String revision) throws Exception {
        History history = History.read(session.connection());
        return session.changelog().changeSetsUpTo(revision).stream().filter(c -> history.of(c) == null).toList();
    }

    /** The changeset an attempt stopped at: the first one that has not run. */
    private static String firstPending(LiquibaseSession session, String revision) throws Exception {
        ParsedChangelog changelog = session.changelog();
        return pending(session, revision).stream().findFirst()
                .map(c -> "revision " + changelog.revisionOf(c) + ", changeset " + c.getId())
                .orElse("the upgrade");
    }

    /** The SQL {@link #run} would execute from the current revision, with the history bookkeeping. */
    static SqlScript sql(LiquibaseSession session, String revision) throws Exception {
        String to = revision == null ? session.changelog().head() : session.changelog().requireDeclared(revision);
        String from = session.connection() == null ? SchemaMigrations.BASE
                : StatusReader.read(session).status().currentOrBase();
        return new SqlScript(from, to, SqlScript.capture(sql -> apply(session.liquibase(), to, sql)));
    }

    /**
     * The upgrade SQL from base, with no database at all: Liquibase's offline mode, its history kept
     * in a temporary file that does not exist yet (an empty history means "from base").
     */
    static SqlScript offlineSql(ChangelogSource source, String revision) {
        Path history;
        try {
            history = Files.createTempFile("avatar-db-offline-history", ".csv");
            Files.delete(history); // Liquibase creates it
        } catch (IOException e) {
            throw new SchemaException("Cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            String url = "offline:postgresql?outputLiquibaseSql=all&changeLogFile=" + history;
            return LiquibaseSession.offline(new OfflineConnection(url, source.resourceAccessor()),
                    new ParsedChangelog(source), session -> sql(session, revision));
        } finally {
            try {
                Files.deleteIfExists(history);
            } catch (IOException ignored) {
                // a temporary file left behind
            }
        }
    }

    /** Runs Liquibase's update to {@code revision} ({@code null}: everything), into {@code sql} when given. */
    static void apply(Liquibase liquibase, String revision, Writer sql) throws Exception {
        if (sql != null) {
            liquibase.update(revision, new Contexts(), new LabelExpression(), sql);
        } else if (revision == null) {
            liquibase.update(new Contexts(), new LabelExpression());
        } else {
            liquibase.update(revision, new Contexts(), new LabelExpression());
        }
    }

    /**
     * Whether Liquibase would find nothing to do: every changeset up to the target has run and is
     * unchanged (an edited one is left to Liquibase, which refuses it), and none asks to run again.
     */
    private static boolean nothingToRun(ParsedChangelog changelog, History history, String revision) {
        for (ChangeSet changeSet : changelog.changeSetsUpTo(revision)) {
            if (history.of(changeSet) == null || history.edited(changeSet)
                    || changeSet.isAlwaysRun() || changeSet.isRunOnChange()) {
                return false;
            }
        }
        return true;
    }
}
