package dev.avatarbot.schema.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.UnfinishedTransfer;

/**
 * Applies, rolls back and reports the schema's revisions on one database: a façade over one class
 * per command ({@link StatusReader}, {@link Upgrade}, {@link Downgrade}, {@link DriftCheck},
 * {@link LiquibaseLock}), each run on one connection of the caller's pool ({@link LiquibaseSession}),
 * so a pool of one is enough.
 *
 * <p>A revision is a changelog file whose last changeset tags the database with the revision id,
 * so "up to revision R" is "up to tag R". Operations that change the schema hold a PostgreSQL
 * advisory lock for their whole run, so concurrent callers (two deploys, two builds) take turns
 * instead of racing on Liquibase's own tables. The changelog is parsed once per instance; an
 * instance is for one thread at a time. Liquibase types never appear in this API.
 */
public final class SchemaMigrations {

    /** The revision before the first one: an empty schema. */
    public static final String BASE = "base";

    /** File-local changelog property that holds a revision's message. */
    public static final String REVISION_MESSAGE_PROPERTY = "revision.message";

    private final DataSource dataSource;
    private final ParsedChangelog changelog;
    private final MigrationGuard guard;

    public SchemaMigrations(DataSource dataSource) {
        this(dataSource, ChangelogSource.classpath());
    }

    public SchemaMigrations(DataSource dataSource, ChangelogSource changelog) {
        this(dataSource, new ParsedChangelog(Objects.requireNonNull(changelog, "changelog")));
    }

    private SchemaMigrations(DataSource dataSource, ParsedChangelog changelog) {
        this(dataSource, changelog, MigrationGuard.DEFAULT);
    }

    private SchemaMigrations(DataSource dataSource, ParsedChangelog changelog, MigrationGuard guard) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.changelog = changelog;
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * The same migrations (same database, same parsed changelog) with {@code guard}'s lock timeout,
     * retries and statement timeout for upgrades and downgrades instead of {@link MigrationGuard#DEFAULT}.
     */
    public SchemaMigrations withGuard(MigrationGuard guard) {
        return new SchemaMigrations(dataSource, changelog, guard);
    }

    /**
     * The same changelog, parsed once and shared, and the same guard on another database: what a
     * fleet rollout uses for each of its targets. The instances may run in parallel threads.
     */
    public SchemaMigrations on(DataSource other) {
        return new SchemaMigrations(other, changelog, guard);
    }

    public MigrationGuard guard() {
        return guard;
    }

    public ChangelogSource changelogSource() {
        return changelog.source();
    }

    /** The whole status, read once: declared and applied revisions, current, pending, unknown, Liquibase's lock. */
    public SchemaStatus status() {
        return inSession(session -> StatusReader.read(session).status());
    }

    /**
     * Checks that the database is exactly at the newest revision this schema-lib carries and fit
     * for use, and returns its status.
     *
     * @throws SchemaNotCurrentException   when it is behind (pending revisions) or ahead (revisions
     *                                     this schema-lib does not know)
     * @throws UnfinishedTransfer.Refused  when a data transfer has taken its indexes and foreign keys
     *                                     down and not put them back yet
     */
    public SchemaStatus verifyCurrent() {
        SchemaStatus status = verifyRevisions();
        status.refuseOverUnfinishedTransfer("use the database");
        return status;
    }

    /**
     * Checks only that the database is exactly at the newest revision: what a data transfer, which
     * finishes an unfinished one, needs of its target.
     *
     * @throws SchemaNotCurrentException when it is behind or ahead
     */
    public SchemaStatus verifyRevisions() {
        SchemaStatus status = status();
        if (!status.isCurrent()) {
            throw new SchemaNotCurrentException(status);
        }
        return status;
    }

    /** Brings the database to the newest revision. */
    public MigrationResult upgrade() {
        return upgradeTo(null);
    }

    /**
     * Applies every pending revision up to and including {@code revision} ({@code null}: all), each
     * changeset under the {@link #guard()}.
     *
     * @throws LockTimeoutException   when a changeset got no lock in any attempt (it is rolled back)
     * @throws PartlyAppliedException when a changeset outside a transaction got no lock after some of
     *                                its statements committed (not retried; it names them)
     */
    public MigrationResult upgradeTo(String revision) {
        return inSession(session -> Upgrade.run(session, revision, guard));
    }

    /**
     * Rolls back every revision applied after {@code revision}; {@link #BASE} rolls back all of them.
     *
     * @throws UnknownRevisionException    when the changelog has no such revision
     * @throws RevisionNotAppliedException when the revision is declared but not applied
     * @throws LockTimeoutException        when a changeset's rollback got no lock in any attempt
     * @throws PartlyAppliedException      when a rollback outside a transaction got no lock part-way
     */
    public MigrationResult downgradeTo(String revision) {
        return inSession(session -> Downgrade.run(session, revision, guard));
    }

    /**
     * The SQL {@link #upgradeTo(String)} would run from the database's current revision, without
     * running it; with the statements that record the revisions in Liquibase's tables, so a DBA can
     * apply it with psql in place of the upgrade.
     */
    public SqlScript upgradeSql(String revision) {
        return inSession(session -> Upgrade.sql(session, revision));
    }

    /** The SQL {@link #downgradeTo(String)} would run, without running it. */
    public SqlScript downgradeSql(String revision) {
        return inSession(session -> Downgrade.sql(session, revision));
    }

    /**
     * The upgrade SQL from base, with no database at all: for a DBA who builds the schema by hand
     * on a server this tool cannot reach.
     */
    public static SqlScript offlineUpgradeSql(ChangelogSource changelog, String revision) {
        return Upgrade.offlineSql(changelog, revision);
    }

    /**
     * Every changeset of {@code changelog}, in order, with its revision and the SQL PostgreSQL would
     * be sent for it, read without a database: for tools that review revisions (schema:lint).
     */
    public static List<DeclaredChangeSet> declaredChangeSets(ChangelogSource changelog) {
        return DeclaredChangeSets.read(changelog);
    }

    /**
     * Everything in which the live database departs from what the revisions describe: pending or
     * unknown revisions, changesets edited after they were applied, and catalog drift (a column,
     * index, constraint, trigger or function added, dropped or altered by hand). The expected
     * catalog is rebuilt in {@code scratch}, an empty database this method fills; empty: no drift.
     */
    public List<String> drift(DataSource scratch) {
        return DriftCheck.run(this, new SchemaMigrations(scratch, changelog));
    }

    /**
     * Liquibase's lock, when someone holds it. A process killed during an upgrade leaves it held,
     * and every later upgrade then refuses to start.
     */
    public Optional<LockHolder> lockHolder() {
        return inSession(session -> LiquibaseLock.holder(session.connection()));
    }

    /** Releases Liquibase's lock and says who held it; empty when nobody did. */
    public Optional<LockHolder> releaseLock() {
        return inSession(session -> LiquibaseLock.release(session.connection()));
    }

    DataSource dataSource() {
        return dataSource;
    }

    <T> T inSession(LiquibaseSession.Work<T> work) {
        return LiquibaseSession.open(dataSource, changelog, work);
    }
}
