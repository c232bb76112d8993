package dev.avatarbot.schema.plugin;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import dev.avatarbot.schema.core.TextTable;
import dev.avatarbot.schema.fleet.FleetListener;
import dev.avatarbot.schema.fleet.FleetReport;
import dev.avatarbot.schema.fleet.FleetRollout;
import dev.avatarbot.schema.fleet.TargetResult;
import dev.avatarbot.schema.migration.MigrationGuard;
import dev.avatarbot.schema.migration.SchemaStatus;
import dev.avatarbot.schema.migration.ServerInfo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Connects and reports the server, the database's revision and what is pending ({@code manage_db.py check}). */
@Mojo(name = "check", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractMigrationsMojo {

    /** Fail the build when any revision is pending (for release pipelines). */
    @Parameter(property = "schema.failOnPending", defaultValue = "false")
    private boolean failOnPending;

    /**
     * A fleet file: one target a line, {@code name = JDBC URL} ({@code #} starts a comment). With it
     * the goal prints one line per target (its revision and how many are pending, or why it is
     * unreachable) instead of checking the configured database.
     */
    @Parameter(property = "schema.fleet")
    private File fleet;

    /** With schema.fleet: how many targets are read at once. */
    @Parameter(property = "schema.fleet.parallel", defaultValue = "4")
    private int fleetParallel;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (fleet != null) {
            checkFleet();
            return;
        }
        withMigrations((migrations, database) -> {
            ServerInfo server = ServerInfo.of(database.dataSource());
            SchemaStatus status = migrations.status();
            List<String> pending = status.pending();
            getLog().info("Server:   PostgreSQL " + server.version());
            getLog().info("Database: " + server.database() + " as " + server.user());
            getLog().info("Current:  " + status.current().orElse("base (no revision applied)"));
            getLog().info("Pending:  " + (pending.isEmpty() ? "none" : String.join(", ", pending)));
            warnAboutUnknown(status);
            status.liquibaseLock().ifPresent(holder -> getLog().warn("Liquibase's lock is held by " + holder.describe()
                    + "; if no upgrade is running, run schema:release-locks."));
            status.unfinishedTransfer().ifPresent(transfer -> getLog().warn("Transfer: " + transfer.describe() + ". "
                    + MavenHint.RERUN_MIGRATE_DATA));
            publishCurrentRevision(status.currentOrBase());
            if (failOnPending && !pending.isEmpty()) {
                throw new MojoFailureException(pending.size() + " revision(s) pending (" + String.join(", ", pending)
                        + "): run schema:upgrade before this step.");
            }
        });
    }

    private void checkFleet() throws MojoFailureException {
        FleetReport report = new FleetRollout(changelogSource(), MigrationGuard.DEFAULT,
                new FleetRollout.Options(0, fleetParallel, true)).check(fleetTargets(fleet), FleetListener.NONE);
        List<String[]> rows = new ArrayList<>();
        for (TargetResult target : report.results()) {
            rows.add(target.status() == TargetResult.Status.UNREACHABLE
                    ? new String[] {target.name(), "unreachable", target.error()}
                    : new String[] {target.name(), target.from(), target.pending() + " pending"});
        }
        TextTable.align(rows).forEach(getLog()::info);
        writeFleetReport(report);
        List<String> behind = report.withStatus(TargetResult.Status.BEHIND).stream().map(TargetResult::name).toList();
        List<String> problems = new ArrayList<>();
        if (!report.failures().isEmpty()) {
            problems.add(report.failureSummary());
        }
        if (failOnPending && !behind.isEmpty()) {
            problems.add(behind.size() + " of " + report.results().size() + " targets have revisions pending ("
                    + String.join(", ", behind) + "): run schema:upgrade -Dschema.fleet=" + fleet + " before this step");
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException(String.join("; ", problems) + ".");
        }
    }
}
