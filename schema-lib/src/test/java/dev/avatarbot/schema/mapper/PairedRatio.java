package dev.avatarbot.schema.mapper;

import java.util.List;
import java.util.Locale;

/**
 * The ratio of two throughputs measured in pairs (one pair per fork, the two sides taking turns in
 * it, which one first alternating): the geometric mean of the pairs' ratios and its 95%
 * confidence interval, from Student's t on the logarithms. With it a target decides: met when the
 * whole interval is at or above it, missed when the whole interval is below, else undecided.
 */
record PairedRatio(double ratio, double low, double high, int pairs) {

    /** Student's t at 97.5% for 1 to 30 degrees of freedom. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};

    /** From the pairs' scores, {@code numerators.get(i)} paired with {@code denominators.get(i)}. */
    static PairedRatio of(List<Double> numerators, List<Double> denominators) {
        if (numerators.size() != denominators.size() || numerators.isEmpty()) {
            throw new IllegalArgumentException("Pairs needed: " + numerators.size() + " and " + denominators.size());
        }
        int n = numerators.size();
        double[] logs = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(numerators.get(i) / denominators.get(i));
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

    private static double t975(int degreesOfFreedom) {
        return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.96;
    }

    /** {@code met}, {@code missed} or {@code undecided} against {@code target}. */
    String verdict(double target) {
        if (Double.isNaN(low)) {
            return "undecided (one pair)";
        }
        return low >= target ? "met" : high < target ? "missed" : "undecided";
    }

    /** {@code 0.93x [0.88, 0.98]}. */
    String describe() {
        return Double.isNaN(low) ? String.format(Locale.ROOT, "%.2fx", ratio)
                : String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", ratio, low, high);
    }
}
