package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.avatarbot.schema.core.SchemaException;
import dev.avatarbot.schema.migration.ChangelogSource;
import dev.avatarbot.schema.migration.SchemaMigrations;
import dev.avatarbot.schema.migration.SchemaNotCurrentException;

/**
 * Moves the bot's data from an old database into one at the newest revision ({@code migrate_data.py}).
 *
 * <p>The run, in pg_restore's sections, each in a class of its own: the run's connections are taken
 * ({@link RunSessions}, each target one a {@link TargetSession}), the target claimed and checked for
 * other sessions ({@link LiveTarget}), the source's layout matched with the target's
 * ({@link LayoutDiscovery}) and its snapshot exported ({@link SourceSnapshot}); then
 * {@link PreData} (an unfinished earlier run finished, the keys and indexes of the empty tables
 * recorded and taken down), {@link LoadPlan} (the data: per table, parents first, streamed in
 * committed batches by {@link TableLoad} and {@link BatchWriter}, rejects marked by {@link RowChecks}
 * and written by {@link RejectFiles}), {@link PostData} (the keys, indexes and foreign keys back) and
 * {@link Verification} (each table's counts and checksum against the source's). Everything the run
 * shares travels in one {@link TransferRun}.
 */
public final class DataTransfer {

    /** The session-level advisory lock a transfer holds on its target ("avdbxfer"). */
    private static final long TRANSFER_LOCK_KEY = 0x6176_6462_7866_6572L;

    private final DataSource source;
    private final DataSource target;
    private final ChangelogSource changelog;
    private final TransferOptions options;
    private final TransferListener listener;

    /** A transfer into a target that must be at the newest revision of this jar's changelog. */
    public DataTransfer(DataSource source, DataSource target, TransferOptions options, TransferListener listener) {
        this(source, target, ChangelogSource.classpath(), options, listener);
    }

    /** A transfer into a target that must be at the newest revision of {@code changelog}. */
    public DataTransfer(DataSource source, DataSource target, ChangelogSource changelog, TransferOptions options,
                        TransferListener listener) {
        this.source = source;
        this.target = target;
        this.changelog = changelog;
        this.options = options;
        this.listener = listener;
    }

    public TransferReport run() {
        Timeline timeline = new Timeline();
        Instant checking = Instant.now();
        try {
            new SchemaMigrations(target, changelog).verifyRevisions();
        } catch (SchemaNotCurrentException e) {
            throw new SchemaNotCurrentException("The target is not ready for the data: " + e.getMessage(), e.status());
        }
        timeline.add("checking the target's revision", checking, Instant.now());
        // A dry run works on its one target connection; a run, on jobs worker pairs and two more for the verifiers.
        int wantedWorkers = options.dryRun() ? 0 : options.jobs() + (options.verify() ? 2 : 0);
        Instant opening = Instant.now();
        try (RunSessions sessions = RunSessions.open(source, target, options.guard(), wantedWorkers)) {
            timeline.add("opening " + (sessions.workers() + 1) + " connections per side", opening, Instant.now());
            TargetSession dst = sessions.target();
            String main = Timeline.on(dst);
            timeline.time("claiming the target", "", main, () -> {
                claimTarget(dst);
                if (!options.dryRun() && !options.live()) {
                    LiveTarget.refuseIfInUse(dst, List.copyOf(sessions.targetPids()));
                }
            });
            int jobs = fitJobs(sessions);
            RejectFiles rejectFiles = new RejectFiles(options.rejectDirectory());
            List<Path> earlierRejectFiles = rejectFiles.keepEarlier();
            String snapshot = timeline.time("exporting the source's snapshot", "", main,
                    () -> SourceSnapshot.export(sessions.source()));
            TransferRun run = new TransferRun(options, listener, sessions, rejectFiles, snapshot, jobs,
                    FinishedTransfers.lastFinished(dst.connection()), FinishedTransfers.now(dst.connection()), timeline);
            dst.connection().commit();
            return transfer(run, earlierRejectFiles);
        } catch (SQLException e) {
            throw new SchemaException("The data transfer failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SchemaException("Could not write a reject file under " + options.rejectDirectory() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * One transfer at a time into a target, held for the session: a second would take the first's
     * state table and half-loaded tables for its own. A killed run's session ends, and its claim with it.
     */
    private static void claimTarget(TargetSession dst) throws SQLException {
        if (!dst.tryAdvisoryLock(TRANSFER_LOCK_KEY)) {
            throw new SchemaException.UserError("Another data transfer into this database is running: let it finish"
                    + " (or stop it), then run the transfer again.");
        }
    }

    /** The jobs the run works with: fewer than asked when the pools gave fewer worker connections, said in one line. */
    private int fitJobs(RunSessions sessions) {
        if (options.dryRun()) {
            return 1;
        }
        if (sessions.workers() == 0) {
            throw new SchemaException.UserError("The transfer needs at least two connections to the source and two to"
                    + " the target, and got one of each: give its data sources a larger pool.");
        }
        int jobs = Math.min(options.jobs(), sessions.workers());
        if (jobs < options.jobs()) {
            listener.note("The connection pools gave " + (sessions.workers() + 1) + " connections per side of the "
                    + (options.jobs() + 3) + " that jobs " + options.jobs() + " use: working with jobs " + jobs + ".");
        }
        return jobs;
    }

    private TransferReport transfer(TransferRun run, List<Path> earlierRejectFiles) throws SQLException, IOException {
        TargetSession dst = run.sessions().target();
        Connection src = run.sessions().source();
        Timeline timeline = run.timeline();
        String main = Timeline.on(dst);
        List<TableLayout> layouts = new ArrayList<>();
        OffsetDateTime nullsStamp = FinishedTransfers.stampForNulls(dst.connection(), run.startedAt());
        for (TransferTable table : TransferTable.values()) {
            layouts.add(timeline.time("discovering the layout", table.table, main,
                    () -> LayoutDiscovery.describe(src, dst.connection(), table, options.selects(), nullsStamp)));
        }
        RowChecks.createHelpers(dst.connection());
        if (options.dryRun()) {
            PreData.refuseDryRunOverUnfinished(dst);
            DryRunTables.shadow(dst.connection());
            try {
                List<TableResult> results = new LoadPlan(run).run(layouts, List.of(), null, null);
                return new TransferReport(results, true, false, List.of(), earlierRejectFiles, timeline);
            } finally {
                dst.connection().rollback();
            }
        }
        List<String> restoreOrder = timeline.time("pre-data: keys and indexes down", "", main,
                () -> PreData.run(run, layouts));
        try (Verification verification = new Verification(run); PostData postData = new PostData(run)) {
            List<TableResult> results = new LoadPlan(run).run(layouts, restoreOrder, verification, postData);
            // Before the keys are made: making one locks its table against the verification's read.
            List<String> mismatches = timeline.time("waiting for the verification", "", "", verification::mismatches);
            postData.restore();
            timeline.time("moving the identity sequences", "", main,
                    () -> moveIdentitySequences(dst.connection(), layouts));
            FinishedTransfers.record(dst.connection(), nullsStamp);
            src.commit();
            return new TransferReport(results, false, options.verify(), mismatches, earlierRejectFiles, timeline);
        }
    }

    /** Past the largest id, and never backwards: a live service may have drawn ids already. */
    private static void moveIdentitySequences(Connection dst, List<TableLayout> layouts) throws SQLException {
        for (TableLayout layout : layouts) {
            String table = layout.table().table;
            Sequences.movePast(dst, table, "SELECT max(id) FROM " + table);
        }
        dst.commit();
    }
}
