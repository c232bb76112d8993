package dev.avatarbot.schema.migration;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import dev.avatarbot.schema.catalog.CatalogSnapshot;
import liquibase.change.Change;
import liquibase.change.CheckSum;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;

/**
 * Applies, rolls back and reports the schema's revisions on one database.
 *
 * <p>A revision is a changelog file whose last changeset tags the database with the revision id,
 * so "up to revision R" is "up to tag R". Operations that change the schema hold a PostgreSQL
 * advisory lock for their whole run, so concurrent callers (two deploys, two builds) take turns
 * instead of racing on Liquibase's own tables. Liquibase types never appear in this API.
 */
public final class SchemaMigrations {

    /** The revision before the first one: an empty schema. */
    public static final String BASE = "base";

    /** File-local changelog property that holds a revision's message. */
    public static final String REVISION_MESSAGE_PROPERTY = "revision.message";

    private static final long ADVISORY_LOCK_KEY = 0x6176_6174_6172_6462L; // "avatardb"

    private final DataSource dataSource;
    private final ChangelogSource changelog;

    public SchemaMigrations(DataSource dataSource) {
        this(dataSource, ChangelogSource.classpath());
    }

    public SchemaMigrations(DataSource dataSource, ChangelogSource changelog) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.changelog = Objects.requireNonNull(changelog, "changelog");
    }

    public ChangelogSource changelogSource() {
        return changelog;
    }

    /** Every revision the changelog declares, oldest first, with what the database has applied. */
    public List<Revision> revisions() {
        return status().revisions();
    }

    /** The newest applied revision, or empty when the database is at base. */
    public Optional<String> currentRevision() {
        return Optional.ofNullable(status().current());
    }

    /** Revisions the changelog declares and the database has not applied, oldest first. */
    public List<String> pendingRevisions() {
        return status().revisions().stream().filter(r -> !r.applied()).map(Revision::id).toList();
    }

    /** Revisions (or changesets) the database has applied that this changelog does not declare. */
    public List<String> unknownApplied() {
        return status().unknownApplied();
    }

    /** Brings the database to the newest revision. */
    public MigrationResult upgrade() {
        return upgradeTo(null);
    }

    /** Applies every pending revision up to and including {@code revision} ({@code null}: all). */
    public MigrationResult upgradeTo(String revision) {
        if (revision != null) {
            requireDeclared(revision);
        }
        return withSchemaLock(() -> {
            SchemaStatus before = status();
            withLiquibase(liquibase -> {
                if (revision == null) {
                    liquibase.update(new Contexts(), new LabelExpression());
                } else {
                    liquibase.update(revision, new Contexts(), new LabelExpression());
                }
                return null;
            });
            return result(before, status());
        });
    }

    /**
     * Rolls back every revision applied after {@code revision}; {@link #BASE} rolls back all of them.
     *
     * @throws UnknownRevisionException     when the changelog has no such revision
     * @throws RevisionNotAppliedException  when the revision is declared but not applied
     */
    public MigrationResult downgradeTo(String revision) {
        if (revision == null || revision.isBlank()) {
            throw new SchemaException.UserError("Downgrade needs a target revision: one of "
                    + String.join(", ", declaredIds()) + ", or 'base' to roll back everything.");
        }
        return withSchemaLock(() -> {
            SchemaStatus before = status();
            if (BASE.equals(revision)) {
                int applied = before.appliedChangeSetCount();
                if (applied > 0) {
                    withLiquibase(liquibase -> {
                        liquibase.rollback(applied, null, new Contexts(), new LabelExpression());
                        return null;
                    });
                }
                return result(before, status());
            }
            Revision target = before.revisions().stream().filter(r -> r.id().equals(revision)).findFirst()
                    .orElseThrow(() -> new UnknownRevisionException(revision, declaredIds(before)));
            if (!target.applied()) {
                throw new RevisionNotAppliedException(revision, before.current());
            }
            withLiquibase(liquibase -> {
                liquibase.rollback(revision, new Contexts(), new LabelExpression());
                return null;
            });
            return result(before, status());
        });
    }

    /** Applied revisions oldest first, then rolled-back ones newest first (the order they were done). */
    private static MigrationResult result(SchemaStatus before, SchemaStatus after) {
        List<String> changed = new ArrayList<>();
        List<String> rolledBack = new ArrayList<>();
        for (int i = 0; i < before.revisions().size(); i++) {
            boolean wasApplied = before.revisions().get(i).applied();
            boolean isApplied = after.revisions().get(i).applied();
            if (!wasApplied && isApplied) {
                changed.add(before.revisions().get(i).id());
            } else if (wasApplied && !isApplied) {
                rolledBack.add(0, before.revisions().get(i).id());
            }
        }
        changed.addAll(rolledBack);
        return new MigrationResult(Objects.requireNonNullElse(before.current(), BASE),
                Objects.requireNonNullElse(after.current(), BASE), List.copyOf(changed));
    }

    /**
     * The SQL {@link #upgradeTo(String)} would run from the database's current revision, without
     * running it; with the statements that record the revisions in Liquibase's tables, so a DBA can
     * apply it with psql in place of the upgrade.
     */
    public SqlScript upgradeSql(String revision) {
        String to = revision == null ? head() : requireDeclaredId(revision);
        String from = currentRevision().orElse(BASE);
        StringWriter sql = new StringWriter();
        withLiquibase(liquibase -> {
            liquibase.update(to, new Contexts(), new LabelExpression(), sql);
            return null;
        });
        return new SqlScript(from, to, sql.toString());
    }

    /** The SQL {@link #downgradeTo(String)} would run, without running it. */
    public SqlScript downgradeSql(String revision) {
        SchemaStatus status = status();
        String from = Objects.requireNonNullElse(status.current(), BASE);
        StringWriter sql = new StringWriter();
        if (BASE.equals(revision)) {
            withLiquibase(liquibase -> {
                liquibase.rollback(status.appliedChangeSetCount(), null, new Contexts(), new LabelExpression(), sql);
                return null;
            });
        } else {
            Revision target = status.revisions().stream().filter(r -> r.id().equals(revision)).findFirst()
                    .orElseThrow(() -> new UnknownRevisionException(String.valueOf(revision), declaredIds(status)));
            if (!target.applied()) {
                throw new RevisionNotAppliedException(revision, status.current());
            }
            withLiquibase(liquibase -> {
                liquibase.rollback(revision, new Contexts(), new LabelExpression(), sql);
                return null;
            });
        }
        return new SqlScript(from, revision, sql.toString());
    }

    /**
     * The upgrade SQL from base, with no database at all ({@code DB_URL=offline}): for a DBA who
     * builds the schema by hand on a server this tool cannot reach.
     */
    public static SqlScript offlineUpgradeSql(ChangelogSource changelog, String revision) {
        Path history;
        try {
            history = Files.createTempFile("avatar-db-offline-history", ".csv");
            Files.delete(history); // Liquibase creates it: an empty history means "from base"
        } catch (IOException e) {
            throw new SchemaException("Cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            StringWriter sql = new StringWriter();
            String url = "offline:postgresql?outputLiquibaseSql=all&changeLogFile=" + history;
            String to = inLiquibase(changelog, () -> new OfflineConnection(url, changelog.resourceAccessor()),
                    liquibase -> {
                        List<DeclaredRevision> declared = declaredRevisions(liquibase.getDatabaseChangeLog().getChangeSets());
                        if (declared.isEmpty()) {
                            throw new SchemaException.UserError("The changelog declares no revision.");
                        }
                        String target = revision == null ? declared.get(declared.size() - 1).id() : revision;
                        if (declared.stream().noneMatch(d -> d.id().equals(target))) {
                            throw new UnknownRevisionException(target, declared.stream().map(DeclaredRevision::id).toList());
                        }
                        liquibase.update(target, new Contexts(), new LabelExpression(), sql);
                        return target;
                    });
            return new SqlScript(BASE, to, sql.toString());
        } finally {
            try {
                Files.deleteIfExists(history);
            } catch (IOException ignored) {
                // a temporary file left behind
            }
        }
    }

    private String head() {
        List<String> declared = declaredIds();
        if (declared.isEmpty()) {
            throw new SchemaException.UserError("The changelog declares no revision.");
        }
        return declared.get(declared.size() - 1);
    }

    private String requireDeclaredId(String revision) {
        requireDeclared(revision);
        return revision;
    }

    /**
     * Checks that the database is exactly at the newest revision this jar carries.
     *
     * @throws SchemaNotCurrentException when it is behind (pending revisions) or ahead (revisions
     *                                   this jar does not know), with what to do in the message
     */
    public void verifyCurrent() {
        SchemaStatus status = status();
        if (!status.unknownApplied().isEmpty()) {
            throw new SchemaNotCurrentException("The database has revisions this schema-lib does not know ("
                    + String.join(", ", status.unknownApplied()) + "): it is ahead of this jar. "
                    + "Use the schema-lib version that made them, or downgrade the database with that version.");
        }
        List<String> pending = status.revisions().stream().filter(r -> !r.applied()).map(Revision::id).toList();
        if (!pending.isEmpty()) {
            String at = status.current() == null ? "base (no revision applied)" : "revision " + status.current();
            throw new SchemaNotCurrentException("The database is at " + at + " and behind this schema-lib: "
                    + pending.size() + " pending revision(s) " + String.join(", ", pending)
                    + ". Run `mvn schema:upgrade` (or SchemaMigrations.upgrade()) against it first.");
        }
    }

    /**
     * Everything in which the live database departs from what the revisions describe: pending or
     * unknown revisions, changesets edited after they were applied, and catalog drift (a column,
     * index, constraint, trigger or function added, dropped or altered by hand). The expected
     * catalog is rebuilt in {@code scratch}, an empty database this method fills; empty: no drift.
     */
    public List<String> drift(DataSource scratch) {
        SchemaStatus status = status();
        List<String> differences = new ArrayList<>();
        status.unknownApplied().forEach(r -> differences.add("revision " + r + " is applied but not in the changelog"));
        status.revisions().stream().filter(r -> !r.applied())
                .forEach(r -> differences.add("revision " + r.id() + " is pending"));
        List<AppliedChangeSet> applied = appliedChangeSets();
        withLiquibase(liquibase -> {
            List<ChangeSet> changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
            Map<ChangeSet, String> revisionOf = revisionsOf(changeSets);
            for (ChangeSet changeSet : changeSets) {
                for (AppliedChangeSet ran : applied) {
                    if (ran.is(changeSet) && ran.checksum() != null
                            && !changeSet.isCheckSumValid(CheckSum.parse(ran.checksum()))) {
                        differences.add("revision " + revisionOf.getOrDefault(changeSet, "?") + ": changeset "
                                + changeSet.getId() + " was edited after it was applied (its checksum changed)");
                    }
                }
            }
            return null;
        });
        SchemaMigrations expected = new SchemaMigrations(scratch, changelog);
        if (status.current() != null) {
            expected.upgradeTo(status.current());
        }
        differences.addAll(CatalogSnapshot.read(dataSource).differencesFrom(CatalogSnapshot.read(scratch)));
        return differences;
    }

    /** Each changeset's revision: the tag that closes the run of changesets it belongs to. */
    private static Map<ChangeSet, String> revisionsOf(List<ChangeSet> changeSets) {
        Map<ChangeSet, String> revisionOf = new HashMap<>();
        List<ChangeSet> open = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            open.add(changeSet);
            String tag = tagOf(changeSet);
            if (tag != null) {
                open.forEach(c -> revisionOf.put(c, tag));
                open.clear();
            }
        }
        return revisionOf;
    }

    /**
     * Liquibase's lock, when someone holds it. A process killed during an upgrade leaves it held,
     * and every later upgrade then waits for it.
     */
    public Optional<LockHolder> lockHolder() {
        return lockQuery("SELECT lockedby, lockgranted AT TIME ZONE current_setting('TimeZone')"
                + " FROM databasechangeloglock WHERE locked");
    }

    /** Releases Liquibase's lock and says who held it; empty when nobody did. */
    public Optional<LockHolder> releaseLock() {
        return lockQuery("UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL"
                + " WHERE locked RETURNING (SELECT l.lockedby FROM databasechangeloglock l WHERE l.id = databasechangeloglock.id),"
                + " (SELECT l.lockgranted AT TIME ZONE current_setting('TimeZone') FROM databasechangeloglock l"
                + " WHERE l.id = databasechangeloglock.id)");
    }

    private Optional<LockHolder> lockQuery(String sql) {
        try (Connection connection = openConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('databasechangeloglock') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (ResultSet row = statement.executeQuery(sql)) {
                return row.next()
                        ? Optional.of(new LockHolder(row.getString(1), row.getObject(2, OffsetDateTime.class)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SchemaException("Could not read Liquibase's lock: " + e.getMessage(), e);
        }
    }

    private void requireDeclared(String revision) {
        List<String> declared = declaredIds();
        if (revision == null || !declared.contains(revision)) {
            throw new UnknownRevisionException(String.valueOf(revision), declared);
        }
    }

    private List<String> declaredIds() {
        return declaredRevisions().stream().map(DeclaredRevision::id).toList();
    }

    private static List<String> declaredIds(SchemaStatus status) {
        return status.revisions().stream().map(Revision::id).toList();
    }

    // --- reading the changelog and the database's history ---------------------------------------

    /** A revision as the changelog declares it: the tag changeset that closes it. */
    private record DeclaredRevision(String id, String message, ChangeSet tagChangeSet) {
    }

    private record AppliedChangeSet(String id, String author, String filename, OffsetDateTime executedAt, String tag,
                                    String checksum) {
        boolean is(ChangeSet changeSet) {
            return id.equals(changeSet.getId()) && author.equals(changeSet.getAuthor())
                    && filename.equals(changeSet.getStoredFilePath());
        }
    }

    private record SchemaStatus(List<Revision> revisions, String current, List<String> unknownApplied,
                                int appliedChangeSetCount) {
    }

    private List<DeclaredRevision> declaredRevisions() {
        return withLiquibase(liquibase -> declaredRevisions(liquibase.getDatabaseChangeLog().getChangeSets()));
    }

    private static List<DeclaredRevision> declaredRevisions(List<ChangeSet> changeSets) {
        List<DeclaredRevision> revisions = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            String tag = tagOf(changeSet);
            if (tag != null) {
                revisions.add(new DeclaredRevision(tag, revisionMessage(changeSet), changeSet));
            }
        }
        return revisions;
    }

    /** The tag a changeset sets, or null: a tagging changeset closes a revision. */
    private static String tagOf(ChangeSet changeSet) {
        for (Change change : changeSet.getChanges()) {
            if (change instanceof TagDatabaseChange tag) {
                return tag.getTag();
            }
        }
        return null;
    }

    /** The {@code revision.message} property of the changeset's file (local to that file). */
    private static String revisionMessage(ChangeSet changeSet) {
        DatabaseChangeLog file = changeSet.getChangeLog();
        Object message = file.getChangeLogParameters().getValue(REVISION_MESSAGE_PROPERTY, file);
        return message == null ? "" : message.toString().strip();
    }

    private SchemaStatus status() {
        return withLiquibase(liquibase -> {
            List<ChangeSet> changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
            List<AppliedChangeSet> applied = appliedChangeSets();
            String current = null;
            List<Revision> revisions = new ArrayList<>();
            for (DeclaredRevision declared : declaredRevisions(changeSets)) {
                AppliedChangeSet tag = applied.stream().filter(a -> a.is(declared.tagChangeSet())).findFirst()
                        .orElse(null);
                if (tag != null) {
                    current = declared.id();
                }
                revisions.add(new Revision(declared.id(), declared.message(),
                        tag == null ? null : tag.executedAt(), false));
            }
            String currentId = current;
            revisions.replaceAll(r -> r.id().equals(currentId)
                    ? new Revision(r.id(), r.message(), r.appliedAt(), true) : r);
            List<String> unknown = applied.stream()
                    .filter(a -> changeSets.stream().noneMatch(a::is))
                    .map(a -> a.tag() != null ? a.tag() : a.filename() + "::" + a.id())
                    .distinct().toList();
            return new SchemaStatus(List.copyOf(revisions), current, unknown, applied.size());
        });
    }

    /** Rows of Liquibase's history table; empty when the database has never been migrated. */
    private List<AppliedChangeSet> appliedChangeSets() {
        try (Connection connection = openConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return List.of();
                }
            }
            List<AppliedChangeSet> applied = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT id, author, filename,"
                    // Liquibase records local time of the session's zone in a column without zone.
                    + " dateexecuted AT TIME ZONE current_setting('TimeZone'), tag, md5sum"
                    + " FROM databasechangelog ORDER BY orderexecuted")) {
                while (rows.next()) {
                    applied.add(new AppliedChangeSet(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class),
                            rows.getString(5), rows.getString(6)));
                }
            }
            return applied;
        } catch (SQLException e) {
            throw new SchemaException("Could not read the revision history: " + e.getMessage(), e);
        }
    }

    // --- plumbing ------------------------------------------------------------------------------

    @FunctionalInterface
    private interface LiquibaseWork<T> {
        T run(Liquibase liquibase) throws Exception;
    }

    @FunctionalInterface
    private interface LockedWork<T> {
        T run() throws Exception;
    }

    private Connection openConnection() {
        return DatabaseConnections.open(dataSource);
    }

    /**
     * Runs the work while holding the schema's advisory lock, waiting for other holders. Holding
     * it, no other schema change of ours runs, so a Liquibase lock still held is one a killed
     * process left: say so at once rather than wait minutes for it.
     */
    private <T> T withSchemaLock(LockedWork<T> work) {
        try (Connection lock = openConnection(); Statement statement = lock.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK_KEY + ")");
            try {
                Optional<LockHolder> stuck = lockHolder();
                if (stuck.isPresent()) {
                    throw new SchemaException.UserError("Liquibase's lock on this database is held by "
                            + stuck.get().describe() + ", most likely by an upgrade"
                            + " that was killed. If no other tool is migrating this database, run schema:release-locks.");
                }
                return work.run();
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK_KEY + ")");
            }
        } catch (SchemaException e) {
            throw e;
        } catch (Exception e) {
            throw new SchemaException("Schema change failed: " + rootMessage(e), e);
        }
    }

    private <T> T withLiquibase(LiquibaseWork<T> work) {
        try (Connection connection = openConnection()) {
            return inLiquibase(changelog, () -> new JdbcConnection(connection), work);
        } catch (SQLException e) {
            throw new SchemaException("Could not close the connection: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface ConnectionOpener {
        DatabaseConnection open() throws Exception;
    }

    /**
     * Runs Liquibase with our class loader as the context class loader (inside a Maven plugin the
     * caller's would not see Liquibase's services or our changelogs), its log sent to SLF4J, its
     * console output routed into that log, and its usage analytics off.
     */
    private static <T> T inLiquibase(ChangelogSource changelog, ConnectionOpener connection, LiquibaseWork<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        ClassLoader ours = SchemaMigrations.class.getClassLoader();
        thread.setContextClassLoader(ours);
        try {
            Map<String, Object> scope = new HashMap<>();
            scope.put(Scope.Attr.classLoader.name(), ours);
            scope.put(Scope.Attr.logService.name(), new Slf4jLogService());
            scope.put(Scope.Attr.ui.name(), new LoggerUIService());
            scope.put("liquibase.analytics.enabled", false);
            return Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(connection.open());
                Liquibase liquibase = new Liquibase(ChangelogSource.MASTER_CHANGELOG,
                        changelog.resourceAccessor(), database);
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                return work.run(liquibase);
            });
        } catch (SchemaException e) {
            throw e;
        } catch (Exception e) {
            throw new SchemaException("Liquibase failed: " + rootMessage(e), e);
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.strip();
    }
}
