package dev.avatarbot.schema.fleet;

/** Progress of a fleet run, called from the threads that work on the targets. */
public interface FleetListener {

    FleetListener NONE = new FleetListener() {
    };

    /** A wave is about to start: the canary targets one at a time, then waves of up to the parallel count. */
    default void waveStarting(int wave, java.util.List<String> targets) {
    }

    default void targetFinished(TargetResult result) {
    }

    /** Targets that will not start because one before them failed. */
    default void stopped(java.util.List<String> skipped) {
    }
}
