package dev.avatarbot.schema.plugin;

import java.io.File;
import java.util.List;

import dev.avatarbot.schema.fleet.FleetReport;
import dev.avatarbot.schema.fleet.FleetTarget;
import dev.avatarbot.schema.fleet.FleetRollout;
import dev.avatarbot.schema.migration.MigrationGuard;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when the live database differs from what the revisions describe: a pending or
 * unknown revision, a changeset edited after it was applied, or a column, index, constraint,
 * trigger or function added, dropped or altered by hand. Each difference is named. With
 * {@code schema.fleet}, every target of the fleet file, each one's drift named.
 */
@Mojo(name = "verify", configurator = MaskedParameterConfigurator.HINT, aggregator = true, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractScratchMojo {

    @Override
    protected boolean quietOnSuccess() {
        return true;
    }

    /**
     * A fleet file: one target a line, {@code name = JDBC URL} ({@code #} starts a comment). With it
     * the goal verifies every target (each against the schema its own revision describes) and names
     * each one's drift, instead of verifying the configured database.
     */
    @Parameter(property = "schema.fleet")
    private File fleet;

    /** With schema.fleet: how many targets are verified at once. */
    @Parameter(property = "schema.fleet.parallel", defaultValue = "4")
    private int fleetParallel;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (fleet != null) {
            verifyFleet();
            return;
        }
        withMigrations((migrations, database) -> {
            List<String> differences = withScratchDatabase(migrations::drift);
            if (!differences.isEmpty()) {
                String fix = migrations.status().unfinishedTransfer().isPresent() ? MavenHint.RERUN_MIGRATE_DATA
                        : "Upgrade it, or undo the hand-made changes (or make them a revision with schema:create).";
                throw new MojoFailureException("The database differs from the revisions in " + differences.size()
                        + " way(s):\n  - " + String.join("\n  - ", differences) + "\n" + fix);
            }
            getLog().info("Verified: " + database.describe() + " is exactly revision "
                    + migrations.status().currentOrBase() + " as the revisions describe it.");
        });
    }

    /** Each target against the schema its own revision describes, rebuilt in a scratch database of its own. */
    private void verifyFleet() throws MojoExecutionException, MojoFailureException {
        List<FleetTarget> targets = fleetTargets(fleet);
        FleetRollout rollout = new FleetRollout(changelogSource(), MigrationGuard.DEFAULT,
                new FleetRollout.Options(0, fleetParallel, true));
        FleetReport report = withScratchHost(host -> rollout.verify(targets, host::createScratch, fleetProgress()));
        report.table().forEach(getLog()::info);
        writeFleetReport(report);
        if (!report.failures().isEmpty()) {
            throw new MojoFailureException(report.failureSummary() + ". Upgrade them, or undo the hand-made changes"
                    + " (or make them a revision with schema:create).");
        }
    }
}
