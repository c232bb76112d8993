package dev.avatarbot.schema.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The mapper benchmark's verdict: a ratio of paired scores and its 95% interval. */
class PairedRatioTest {

    @Test
    void theRatioIsTheGeometricMeanOfTheRoundsAndItsIntervalComesFromStudentsT() {
        // ratios 0.8, 1.0, 1.25: logs -0.223, 0, 0.223; mean 0, sd 0.223, t(2) = 4.303
        PairedRatio ratio = PairedRatio.of(List.of(80.0, 100.0, 125.0), List.of(100.0, 100.0, 100.0));

        assertThat(ratio.ratio()).isCloseTo(1.0, within(1e-9));
        double halfWidth = 4.303 * Math.log(1.25) / Math.sqrt(3);
        assertThat(ratio.low()).isCloseTo(Math.exp(-halfWidth), within(1e-9));
        assertThat(ratio.high()).isCloseTo(Math.exp(halfWidth), within(1e-9));
        assertThat(ratio.verdict(0.9)).isEqualTo("undecided");
        assertThat(ratio.describe()).isEqualTo("1.00x [0.57, 1.74]");
    }

    @Test
    void aTargetIsMetOrMissedOnlyWhenTheWholeIntervalLiesOnOneSide() {
        assertThat(PairedRatio.of(List.of(95.0, 96.0, 97.0), List.of(100.0, 100.0, 100.0)).verdict(0.9)).isEqualTo("met");
        assertThat(PairedRatio.of(List.of(50.0, 52.0, 51.0), List.of(100.0, 100.0, 100.0)).verdict(0.9)).isEqualTo("missed");
        assertThat(PairedRatio.of(List.of(95.0), List.of(100.0)).verdict(0.9)).isEqualTo("undecided (one pair)");
    }
}
