package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.ReplicationStatistics.DailyBand;
import app.rigtrail.forecast.domain.ReplicationStatistics.DailyInterval;
import app.rigtrail.forecast.domain.ReplicationStatistics.Interval;
import app.rigtrail.forecast.domain.ReplicationStatistics.Summary;

/** The figures a forecast reports over replications, against values worked out by hand. */
class ReplicationStatisticsTest {

    @Test
    void aSummaryIsTheScaledMeanAndTheOrderStatisticsAtTheTenthFiftiethAndNinetiethPercent() {
        // 1..10 shuffled: the ceil(q n)-th smallest is the 1st, 5th and 9th
        double[] values = {7, 3, 10, 1, 9, 2, 5, 8, 4, 6};
        assertEquals(new Summary(11, 2, 10, 18), Summary.of(values, 2));
        assertArrayEquals(new double[] {7, 3, 10, 1, 9, 2, 5, 8, 4, 6}, values, "the replications are not reordered");
    }

    @Test
    void aPairedIntervalIsStudentsTOnTheDifferences() {
        // differences 1..5: mean 3, sd sqrt(2.5), t(0.975, 4 df) = 2.776445 (tables), half-width 1.963243
        assertEquals(2.776445, ReplicationStatistics.t(5), 1e-6);
        Interval i = Interval.paired(new double[] {2, 4, 6, 8, 10}, new double[] {1, 2, 3, 4, 5},
                ReplicationStatistics.t(5), 100);
        assertEquals(300, i.mean());
        assertEquals(103.676, i.ciLow(), 1e-3);
        assertEquals(496.324, i.ciHigh(), 1e-3);
        assertEquals(0.95, i.level());
    }

    @Test
    void aDailyIntervalTakesEachDaysDifferencesApart() {
        // day 0: differences 1..5 as above; day 1: all 2 (no spread)
        DailyInterval d = DailyInterval.of((day, r) -> day == 0 ? r + 1 : 2, 2, 5, ReplicationStatistics.t(5));
        assertArrayEquals(new double[] {3, 2}, d.mean());
        assertEquals(1.03676, d.ciLow()[0], 1e-5);
        assertEquals(4.96324, d.ciHigh()[0], 1e-5);
        assertEquals(2, d.ciLow()[1]);
        assertEquals(2, d.ciHigh()[1]);
    }

    @Test
    void availabilitySwapsThePercentilesOfWhatIsDown() {
        Band down = new Band(new double[] {10}, new double[] {4}, new double[] {5}, new double[] {10},
                new double[] {20});
        DailyBand a = DailyBand.availability(down, 100);
        assertArrayEquals(new double[] {0.9}, a.mean());
        assertArrayEquals(new double[] {0.8}, a.p10(), "P10 of availability is 1 - P90 of down");
        assertArrayEquals(new double[] {0.9}, a.p50());
        assertArrayEquals(new double[] {0.95}, a.p90());
        assertArrayEquals(new double[] {1}, DailyBand.availability(down, 0).p10(), "nothing installed: all available");
    }

    @Test
    void figuresKeepSixSignificantDigits() {
        assertEquals(1234570.0, ReplicationStatistics.round(1234567.89));
        assertEquals(0.000123457, ReplicationStatistics.round(0.000123456789));
        assertEquals(-2.5, ReplicationStatistics.round(-2.5));
        assertEquals(0.0, ReplicationStatistics.round(0.0));
    }
}
