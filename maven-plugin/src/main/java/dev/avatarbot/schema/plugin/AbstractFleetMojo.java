package dev.avatarbot.schema.plugin;

import java.io.File;

import dev.avatarbot.schema.fleet.FleetRollout;
import dev.avatarbot.schema.migration.MigrationGuard;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A guarded goal that can also change a whole fleet of databases ({@code schema.fleet}): upgrade
 * and downgrade, the canaries first, then waves, stopping on a failure, each target waiting for its
 * standbys to replay its change.
 */
public abstract class AbstractFleetMojo extends AbstractGuardedMojo {

    /**
     * A fleet file: one target a line, {@code name = JDBC URL}, in rollout order ({@code #} starts a
     * comment). With it the goal works on every target in one run instead of on the configured database.
     */
    @Parameter(property = "schema.fleet")
    private File fleet;

    /** With schema.fleet: how many targets go first, one at a time, before the waves. */
    @Parameter(property = "schema.fleet.canary", defaultValue = "1")
    private int fleetCanary;

    /** With schema.fleet: how many targets a wave runs at once; a wave starts when every target of the one before succeeded. */
    @Parameter(property = "schema.fleet.parallel", defaultValue = "4")
    private int fleetParallel;

    /** With schema.fleet: keep starting waves after a target failed (the goal still fails at the end). */
    @Parameter(property = "schema.fleet.continueOnFailure", defaultValue = "false")
    private boolean fleetContinueOnFailure;

    /**
     * With schema.fleet: after a target's change, how long to wait for every standby streaming from
     * its server to replay it (written like 500ms, 30s, 2min; 0 does not wait). A standby that does
     * not catch up fails the target.
     */
    @Parameter(property = "schema.fleet.maxReplicaLag", defaultValue = "30s")
    private String fleetMaxReplicaLag;

    /** The fleet file, or null to work on the configured database. */
    protected File fleetFile() {
        return fleet;
    }

    /** The rollout of this goal's changelog under its guard and fleet options. */
    protected FleetRollout fleetRollout() {
        return new FleetRollout(changelogSource(), guard(),
                new FleetRollout.Options(fleetCanary, fleetParallel, fleetContinueOnFailure,
                        MigrationGuard.duration("schema.fleet.maxReplicaLag", fleetMaxReplicaLag)));
    }
}
