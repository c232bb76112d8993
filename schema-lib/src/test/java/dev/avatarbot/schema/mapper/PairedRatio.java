package dev.avatarbot.schema.mapper;

import java.util.List;
import java.util.Locale;

/**
 * The ratio of two throughputs measured in forks, the two sides taking turns iteration by iteration
 * in each (which one first alternating from fork to fork): a fork's ratio from {@link #takingTurns},
 * the ratio over forks the geometric mean of theirs with its 95% confidence interval from Student's t
 * on the logarithms. With it a target decides: met when the whole interval is at or above it, missed
 * when the whole interval is below, else undecided.
 */
record PairedRatio(double ratio, double low, double high, int forks) {

    /** Student's t at 97.5% for 1 to 30 degrees of freedom. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};

    /** From the forks' ratios. */
    static PairedRatio of(List<Double> ratios) {
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("No fork's ratio to go by");
        }
        int n = ratios.size();
        double[] logs = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(ratios.get(i));
            mean += logs[i] / n;
        }
        if (n < 2) {
            return new PairedRatio(Math.exp(mean), Double.NaN, Double.NaN, n);
        }
        double squares = 0;
        for (double log : logs) {
            squares += (log - mean) * (log - mean);
        }
        double halfWidth = t975(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return new PairedRatio(Math.exp(mean), Math.exp(mean - halfWidth), Math.exp(mean + halfWidth), n);
    }

    /**
     * One fork's ratio from its iterations' scores, the sides taking turns ({@code numeratorFirst}:
     * the first iteration is the numerator's): every inner iteration against the geometric mean of its
     * two neighbours, which ran the other side, the fork's ratio the geometric mean of those. A steady
     * drift through the fork (the JIT still at work, the server's caches, dead rows piling up) then
     * cancels, where comparing each side's {@link #sideScore} would credit it to one side (the one
     * that ran second, when the throughput rises).
     */
    static double takingTurns(List<Double> scores, boolean numeratorFirst) {
        int n = scores.size();
        if (n < 3) {
            throw new IllegalArgumentException("A fork's ratio needs at least 3 iterations taking turns, had " + n);
        }
        double logs = 0;
        for (int i = 1; i < n - 1; i++) {
            double againstNeighbours = Math.log(scores.get(i))
                    - (Math.log(scores.get(i - 1)) + Math.log(scores.get(i + 1))) / 2;
            boolean numerator = (i % 2 == 0) == numeratorFirst;
            logs += numerator ? againstNeighbours : -againstNeighbours;
        }
        return Math.exp(logs / (n - 2));
    }

    /**
     * One side's score in a fork whose iterations take turns ({@code numeratorFirst}: the first is the
     * numerator's): the geometric mean of that side's iterations.
     */
    static double sideScore(List<Double> scores, boolean numeratorFirst, boolean numerator) {
        double logs = 0;
        int count = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (((i % 2 == 0) == numeratorFirst) == numerator) {
                logs += Math.log(scores.get(i));
                count++;
            }
        }
        return Math.exp(logs / count);
    }

    /** How much a fork's throughput moved from its first two iterations (one per side) to its last two. */
    static double drift(List<Double> scores) {
        int n = scores.size();
        return Math.sqrt(scores.get(n - 2) * scores.get(n - 1) / (scores.get(0) * scores.get(1)));
    }

    private static double t975(int degreesOfFreedom) {
        return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.96;
    }

    /** {@code met}, {@code missed} or {@code undecided} against {@code target}. */
    String verdict(double target) {
        if (Double.isNaN(low)) {
            return "undecided (one fork)";
        }
        return low >= target ? "met" : high < target ? "missed" : "undecided";
    }

    /** {@code 0.93x [0.88, 0.98]}. */
    String describe() {
        return Double.isNaN(low) ? String.format(Locale.ROOT, "%.2fx", ratio)
                : String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", ratio, low, high);
    }
}
