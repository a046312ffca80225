package app.rigtrail.dwell.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class KaplanMeierTest {

    /** NAG g12aa example: the 6-MP group of the Freireich leukaemia trial. */
    static final List<Observation> SIX_MP = List.of(new Observation(6, false, 1), new Observation(6, true, 3),
            Observation.event(7), Observation.censored(9), Observation.event(10), Observation.censored(10),
            Observation.censored(11), Observation.event(13), Observation.event(16), Observation.censored(17),
            Observation.censored(19), Observation.censored(20), Observation.event(22), Observation.event(23),
            Observation.censored(25), new Observation(32, false, 2), Observation.censored(34),
            Observation.censored(35));

    @Test
    void reproducesTheNagReference() {
        KaplanMeier km = KaplanMeier.estimate(SIX_MP, 0.95, KaplanMeier.Band.LOG);
        double[][] expected = {{6, 0.857, 0.076}, {7, 0.807, 0.087}, {10, 0.753, 0.096}, {13, 0.690, 0.107},
                {16, 0.627, 0.114}, {22, 0.538, 0.128}, {23, 0.448, 0.135}};
        assertEquals(expected.length, km.rows().size());
        for (int i = 0; i < expected.length; i++) {
            KaplanMeier.Row r = km.rows().get(i);
            assertEquals(expected[i][0], r.time());
            assertEquals(expected[i][1], r.survival(), 0.0005, "S at " + r.time());
            assertEquals(expected[i][2], r.stdErr(), 0.0005, "SE at " + r.time());
        }
        KaplanMeier.Row first = km.rows().get(0);
        assertEquals(21, first.atRisk());
        assertEquals(3, first.events());
        assertEquals(1, first.censored());
        assertEquals(0.857143, first.survival(), 1e-6);
        assertEquals(0.076360, first.stdErr(), 1e-6);
        assertEquals(0.7198, first.lower(), 1e-4);
        assertEquals(1.0, first.upper(), 1e-12);
    }

    @Test
    void logLogBandAgainstItsFormula() {
        KaplanMeier km = KaplanMeier.estimate(SIX_MP, 0.95, KaplanMeier.Band.LOG_LOG);
        KaplanMeier.Row r = km.rows().get(0);
        double sum = 3.0 / (21 * 18);
        double k = 1.959964 * Math.sqrt(sum) / Math.log(r.survival());
        assertEquals(Math.pow(r.survival(), Math.exp(-k)), r.lower(), 1e-5);
        assertEquals(Math.pow(r.survival(), Math.exp(k)), r.upper(), 1e-5);
        assertTrue(r.lower() < r.survival() && r.survival() < r.upper() && r.upper() < 1);
        // the published log-log band of the same example at t = 6: 0.620 to 0.952
        assertEquals(0.620, r.lower(), 0.001);
        assertEquals(0.952, r.upper(), 0.001);
    }

    @Test
    void withoutCensoringItIsTheEmpiricalSurvivalFunction() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(60);
            List<Observation> data = new ArrayList<>();
            double[] times = new double[n];
            for (int i = 0; i < n; i++) {
                times[i] = random.nextInt(40);
                data.add(Observation.event(times[i]));
            }
            KaplanMeier km = KaplanMeier.estimate(data, 0.95, KaplanMeier.Band.LOG);
            for (double t = -1; t <= 41; t += 0.5) {
                int beyond = 0;
                for (double x : times) {
                    if (x > t) {
                        beyond++;
                    }
                }
                assertEquals((double) beyond / n, km.survival(t), 1e-12, "trial " + trial + " t " + t);
            }
        }
    }

    @Test
    void theLastEventWithEveryoneGoneHasNoBand() {
        KaplanMeier km = KaplanMeier.estimate(List.of(Observation.event(1), Observation.event(2)), 0.95,
                KaplanMeier.Band.LOG);
        assertEquals(0.0, km.rows().get(1).survival());
        assertNull(km.rows().get(1).lower());
    }

    @Test
    void restrictedIntegralAndQuantile() {
        KaplanMeier km = KaplanMeier.estimate(List.of(Observation.event(2), Observation.event(4),
                Observation.censored(6), Observation.event(8)), 0.95, KaplanMeier.Band.LOG);
        // S = 1 on [0,2), 0.75 on [2,4), 0.5 on [4,8), 0 after 8
        assertEquals(2 + 1.5 + 2.0, km.integral(0), 1e-12);
        assertEquals(0.5 * 2 + 0.5 * 2, km.integral(4), 1e-12);
        assertEquals(4.0, km.quantileTime(0.5));
    }
}
