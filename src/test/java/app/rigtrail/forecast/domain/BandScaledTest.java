package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The hashrate band of a site whose machines all have c TH/s is taken as c times its machines-down
 * band (RunSummary does not record that series): the same as the band computed from the c-times
 * series itself, by selection instead of the histogram that counts of machines take.
 */
class BandScaledTest {

    @Test
    void theScaledBandOfUnitsIsTheBandOfTheScaledSeries() {
        SplittableRandom random = new SplittableRandom(3);
        int days = 40;
        int reps = 257;
        for (double c : new double[] {200, 186.5, 0.37}) {
            float[] units = new float[days * reps];
            float[] ths = new float[days * reps];
            for (int i = 0; i < units.length; i++) {
                units[i] = random.nextInt(1 + i % 300);
                ths[i] = (float) (units[i] * c);
            }
            Band scaled = Band.ofReplications(units, days, reps).scaled(c);
            Band direct = Band.ofReplications(ths, days, reps);
            for (int d = 0; d < days; d++) {
                double tol = 1e-6 * Math.max(1, direct.mean()[d]);
                assertEquals(direct.mean()[d], scaled.mean()[d], tol, "mean, day " + d);
                assertEquals(direct.sd()[d], scaled.sd()[d], tol, "sd, day " + d);
                assertEquals(direct.p10()[d], scaled.p10()[d], tol, "p10, day " + d);
                assertEquals(direct.p50()[d], scaled.p50()[d], tol, "p50, day " + d);
                assertEquals(direct.p90()[d], scaled.p90()[d], tol, "p90, day " + d);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Band.ofReplications(new float[4], 2, 2).scaled(0));
    }
}
