package dev.avatarbot.schema.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The mapper benchmark's verdict: a fork's ratio from its iterations, the ratio over forks and its 95% interval. */
class PairedRatioTest {

    @Test
    void theRatioIsTheGeometricMeanOfTheForksAndItsIntervalComesFromStudentsT() {
        // ratios 0.8, 1.0, 1.25: logs -0.223, 0, 0.223; mean 0, sd 0.223, t(2) = 4.303
        PairedRatio ratio = PairedRatio.of(List.of(0.8, 1.0, 1.25));

        assertThat(ratio.ratio()).isCloseTo(1.0, within(1e-9));
        double halfWidth = 4.303 * Math.log(1.25) / Math.sqrt(3);
        assertThat(ratio.low()).isCloseTo(Math.exp(-halfWidth), within(1e-9));
        assertThat(ratio.high()).isCloseTo(Math.exp(halfWidth), within(1e-9));
        assertThat(ratio.verdict(0.9)).isEqualTo("undecided");
        assertThat(ratio.describe()).isEqualTo("1.00x [0.57, 1.74]");
    }

    @Test
    void aTargetIsMetOrMissedOnlyWhenTheWholeIntervalLiesOnOneSide() {
        assertThat(PairedRatio.of(List.of(0.95, 0.96, 0.97)).verdict(0.9)).isEqualTo("met");
        assertThat(PairedRatio.of(List.of(0.50, 0.52, 0.51)).verdict(0.9)).isEqualTo("missed");
        assertThat(PairedRatio.of(List.of(0.95)).verdict(0.9)).isEqualTo("undecided (one fork)");
    }

    @Test
    void aForksRatioIsTheSameWhicheverSideRanFirstWhenItsThroughputDrifts() {
        // the numerator runs at 0.9 of the other side while the fork's throughput grows 4% an iteration
        for (boolean numeratorFirst : new boolean[] {true, false}) {
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                boolean numerator = (i % 2 == 0) == numeratorFirst;
                scores.add(1000 * Math.pow(1.04, i) * (numerator ? 0.9 : 1.0));
            }
            assertThat(PairedRatio.takingTurns(scores, numeratorFirst)).isCloseTo(0.9, within(1e-9));
            assertThat(PairedRatio.drift(scores)).isCloseTo(Math.pow(1.04, 8), within(1e-9));
            // what comparing each side's mean gives: the drift credited to the side that ran second
            double sideMeans = PairedRatio.sideScore(scores, numeratorFirst, true)
                    / PairedRatio.sideScore(scores, numeratorFirst, false);
            assertThat(sideMeans)
                    .isCloseTo(numeratorFirst ? 0.9 / 1.04 : 0.9 * 1.04, within(1e-9));
        }
    }

    @Test
    void aForkNeedsThreeIterationsTakingTurns() {
        assertThatThrownBy(() -> PairedRatio.takingTurns(List.of(1.0, 2.0), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3");
    }
}
