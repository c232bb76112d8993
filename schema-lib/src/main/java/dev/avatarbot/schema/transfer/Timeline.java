package dev.avatarbot.schema.transfer;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.avatarbot.schema.core.TextTable;

/**
 * Where a run's time went: when each step began and ended, per table and per connection, to compare
 * with {@code pg_restore -v}. A step that is no table's has an empty {@code table}; {@code connection}
 * is the target session that did the work ({@code "pid 1234"}, as {@code pg_stat_activity} names it;
 * empty when the step is no one connection's). Steps from outside the run (the Maven goal's start-up) can be added by
 * their instants; {@link #lines()} shows every step in seconds from the earliest.
 */
public final class Timeline {

    /** One step, in seconds from when the run began (negative: before it). */
    public record Step(String name, String table, String connection, double start, double end) {

        public double seconds() {
            return end - start;
        }
    }

    /** Work that a step times. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException, IOException;
    }

    /** Work without a result. */
    @FunctionalInterface
    interface Action {
        void run() throws SQLException, IOException;
    }

    private final Instant began = Instant.now();
    private final long origin = System.nanoTime();
    private final List<Step> steps = new ArrayList<>();

    /** Times {@code work} as the step {@code name} of {@code table} on {@code connection}; recorded if it fails too. */
    <T> T time(String name, String table, String connection, Work<T> work) throws SQLException, IOException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            record(name, table, connection, seconds(start), seconds(System.nanoTime()));
        }
    }

    void time(String name, String table, String connection, Action action) throws SQLException, IOException {
        time(name, table, connection, () -> {
            action.run();
            return null;
        });
    }

    /** A step the run did not time itself, by its instants (the goal's start-up, say). */
    public void add(String name, Instant start, Instant end) {
        add(name, "", "", start, end);
    }

    void add(String name, String table, String connection, Instant start, Instant end) {
        record(name, table, connection, secondsFromBegin(start), secondsFromBegin(end));
    }

    public synchronized List<Step> steps() {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(Step::start).thenComparingDouble(Step::end));
        return sorted;
    }

    /** The steps as a table in the order they began, from the earliest at 0.00. */
    public List<String> lines() {
        List<Step> sorted = steps();
        double zero = sorted.isEmpty() ? 0 : sorted.get(0).start();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"from", "to", "seconds", "connection", "table", "step"});
        for (Step step : sorted) {
            rows.add(new String[] {format(step.start() - zero), format(step.end() - zero), format(step.seconds()),
                    step.connection(), step.table(), step.name()});
        }
        return TextTable.align(rows);
    }

    private synchronized void record(String name, String table, String connection, double start, double end) {
        steps.add(new Step(name, table, connection, start, end));
    }

    private double seconds(long nanoTime) {
        return (nanoTime - origin) / 1e9;
    }

    private double secondsFromBegin(Instant instant) {
        return Duration.between(began, instant).toNanos() / 1e9;
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    /** How a step names its connection: the target session's pid. */
    static String on(TargetSession session) {
        return "pid " + session.pid();
    }
}
