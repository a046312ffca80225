package app.rigtrail.dwell.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.junit.jupiter.api.Test;

class ParametricFitTest {

    /** NAG g07be example. */
    static final double[] NAG = {1.1, 1.4, 1.3, 1.7, 1.9, 1.8, 1.6, 2.2, 1.7, 2.7, 4.1, 1.8, 1.5, 1.2, 1.4, 3.0, 1.7,
            2.3, 1.6, 2.0};

    static List<Observation> events(double... times) {
        return Arrays.stream(times).mapToObj(Observation::event).toList();
    }

    @Test
    void weibullReproducesTheNagReference() {
        WeibullFit w = WeibullFit.fit(events(NAG));
        assertEquals(2.7870, w.shape(), 0.00005);
        assertEquals(0.4273, w.shapeStdErr(), 0.00005);
        assertEquals(-2.1073, w.lnLambda(), 0.00005);
        assertEquals(0.4627, w.lnLambdaStdErr(), 0.00005);
        assertEquals(2.1300, w.scale(), 0.00005);
    }

    /** An independent derivation: maximise the same likelihood over both parameters with a simplex. */
    static double[] bruteForceWeibull(List<Observation> data) {
        return new SimplexOptimizer(1e-14, 1e-14).optimize(new MaxEval(50_000), new ObjectiveFunction(p -> {
            double gamma = Math.exp(p[0]);
            double lambda = Math.exp(p[1]);
            double l = 0;
            for (Observation o : data) {
                if (o.event()) {
                    l += Math.log(lambda) + Math.log(gamma) + (gamma - 1) * Math.log(o.time());
                }
                l -= lambda * Math.pow(o.time(), gamma);
            }
            return l;
        }), GoalType.MAXIMIZE, new InitialGuess(new double[] {0, 0}), new NelderMeadSimplex(2, 0.5)).getPoint();
    }

    @Test
    void weibullWithCensoringAgreesWithADirectMaximisation() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            List<Observation> data = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                double t = 7 * Math.pow(-Math.log(r.nextDouble()), 1 / 1.6);
                double c = 15 * r.nextDouble();
                data.add(t <= c ? Observation.event(t) : Observation.censored(c));
            }
            WeibullFit w = WeibullFit.fit(data);
            double[] p = bruteForceWeibull(data);
            assertEquals(Math.exp(p[0]), w.shape(), 1e-4 * w.shape());
            assertEquals(p[1], w.lnLambda(), 1e-4 * Math.abs(w.lnLambda()) + 1e-6);
            assertTrue(w.shapeStdErr() > 0 && w.scaleStdErr() > 0);
        }
    }

    @Test
    void lognormalWithoutCensoringIsTheSampleMomentsOfLnT() {
        WeibullFit unused = WeibullFit.fit(events(NAG));
        LognormalFit f = LognormalFit.fit(events(NAG));
        double mean = Arrays.stream(NAG).map(Math::log).average().orElseThrow();
        double var = Arrays.stream(NAG).map(t -> Math.pow(Math.log(t) - mean, 2)).sum() / NAG.length;
        double sigma = Math.sqrt(var);
        assertEquals(mean, f.mu(), 1e-6);
        assertEquals(sigma, f.sigma(), 1e-6);
        assertEquals(sigma / Math.sqrt(NAG.length), f.muStdErr(), 1e-4);
        assertEquals(sigma / Math.sqrt(2.0 * NAG.length), f.sigmaStdErr(), 1e-4);
        double ll = 0;
        for (double t : NAG) {
            double z = (Math.log(t) - mean) / sigma;
            ll += -Math.log(t * sigma * Math.sqrt(2 * Math.PI)) - z * z / 2;
        }
        assertEquals(ll, f.logLikelihood(), 1e-8);
        assertTrue(unused.logLikelihood() < 0);
    }

    @Test
    void lognormalWithCensoringSitsAtAZeroScore() {
        List<Observation> data = new ArrayList<>(KaplanMeierTest.SIX_MP);
        LognormalFit f = LognormalFit.fit(data);
        double[] y = data.stream().mapToDouble(o -> Math.log(o.time())).toArray();
        int[] n = data.stream().mapToInt(Observation::count).toArray();
        boolean[] ev = new boolean[data.size()];
        for (int i = 0; i < ev.length; i++) {
            ev[i] = data.get(i).event();
        }
        double h = 1e-6;
        double dMu = (LognormalFit.logLik(y, n, ev, f.mu() + h, f.sigma()) - LognormalFit.logLik(y, n, ev, f.mu() - h, f.sigma())) / (2 * h);
        double dSigma = (LognormalFit.logLik(y, n, ev, f.mu(), f.sigma() + h) - LognormalFit.logLik(y, n, ev, f.mu(), f.sigma() - h)) / (2 * h);
        assertEquals(0, dMu, 1e-5);
        assertEquals(0, dSigma, 1e-5);
        // open holds push the estimate up: the mean of ln t over events alone is lower
        double eventsOnly = data.stream().filter(Observation::event).mapToDouble(o -> o.count() * Math.log(o.time())).sum()
                / data.stream().filter(Observation::event).mapToInt(Observation::count).sum();
        assertTrue(f.mu() > eventsOnly);
    }

    @Test
    void remainingDwellOfAnOpenHold() {
        WeibullFit w = WeibullFit.fit(events(NAG));
        // exponential check of the machinery: shape 1 has no memory
        WeibullFit exp = new WeibullFit(1, Math.log(0.1), 0, 0, 10, 0, 0, 1, 1);
        assertEquals(10, exp.meanRemaining(0), 1e-6);
        assertEquals(10, exp.meanRemaining(25), 1e-6);
        assertEquals(10 * Math.log(2), exp.quantileRemaining(25, 0.5), 1e-9);
        // an increasing hazard: an older open hold has less to go
        assertTrue(w.meanRemaining(2) < w.meanRemaining(0));
        double median = w.inverseSurvival(0.5);
        assertEquals(0.5, w.survival(median), 1e-12);
        // mean of a Weibull: eta * Gamma(1 + 1/gamma)
        assertEquals(w.scale() * Math.exp(org.hipparchus.special.Gamma.logGamma(1 + 1 / w.shape())), w.meanRemaining(0), 1e-6);
        LognormalFit ln = LognormalFit.fit(events(NAG));
        assertEquals(Math.exp(ln.mu() + ln.sigma() * ln.sigma() / 2), ln.meanRemaining(0), 1e-5);
        // the closed forms agree with integrating the survival function numerically
        for (double a : new double[] {0.5, 1.7, 3.0}) {
            assertEquals(Integration.integrateSurvival(w, a) / w.survival(a), w.meanRemaining(a), 1e-6, "Weibull at " + a);
            assertEquals(Integration.integrateSurvival(ln, a) / ln.survival(a), ln.meanRemaining(a), 1e-6, "lognormal at " + a);
        }
        assertEquals(Integration.integrateTimesSurvival(w), w.secondMoment(), 1e-6);
        assertEquals(Integration.integrateTimesSurvival(ln), ln.secondMoment(), 1e-5);
    }

    @Test
    void shouldRefuseDataThatCannotBeFitted() {
        assertThrows(IllegalArgumentException.class, () -> WeibullFit.fit(List.of(Observation.censored(3))));
        assertThrows(IllegalArgumentException.class, () -> LognormalFit.fit(List.of(Observation.event(0))));
        assertThrows(IllegalArgumentException.class, () -> new Observation(-1, true, 1));
    }
}
