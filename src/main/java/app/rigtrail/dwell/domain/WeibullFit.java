package app.rigtrail.dwell.domain;

import java.util.Collection;

import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Weibull S(t) = exp(-lambda t^gamma) fitted by maximum likelihood with right-censoring:
 * l = sum delta_i [ln lambda + ln gamma + (gamma - 1) ln t_i] - lambda sum t_i^gamma.
 * For a fixed shape the best lambda is r / sum t^gamma (r events), so the shape solves a
 * one-dimensional score equation; standard errors come from the observed information of
 * (gamma, ln lambda), and the scale eta = lambda^(-1/gamma) by the delta method.
 */
public record WeibullFit(double shape, double lnLambda, double shapeStdErr, double lnLambdaStdErr, double scale,
        double scaleStdErr, double logLikelihood, int events, int observations) implements SurvivalModel {

    public static WeibullFit fit(Collection<Observation> data) {
        Observation.total(data);
        Sums base = Sums.of(data);
        if (base.events < 1) {
            throw new IllegalArgumentException("a Weibull fit needs at least one ended duration");
        }
        if (base.anyZeroTime) {
            throw new IllegalArgumentException("a Weibull fit needs durations > 0");
        }
        if (Observation.distinctTimes(data) < 2) {
            throw new IllegalArgumentException("a Weibull fit needs at least two different durations");
        }
        // score for the shape after profiling lambda out: decreasing in gamma
        java.util.function.DoubleUnaryOperator score = g -> {
            double[] s = base.powerSums(g);
            return base.events / g + base.sumLogEvents - base.events * s[1] / s[0];
        };
        double lo = 1e-3;
        double hi = 1;
        while (score.applyAsDouble(hi) > 0 && hi < 1e4) {
            hi *= 2;
        }
        if (!(score.applyAsDouble(hi) <= 0) || !(score.applyAsDouble(lo) > 0)) {
            // no sign change (or the sums overflowed): there is no finite maximum
            throw new IllegalArgumentException("the durations are too alike for a Weibull fit");
        }
        double gamma = new BracketingNthOrderBrentSolver(1e-14, 1e-14, 1e-15, 5)
                .solve(500, score::applyAsDouble, lo, hi);
        double[] s = base.powerSums(gamma);
        double lambda = base.events / s[0];
        double beta = Math.log(lambda);
        double ll = base.events * (beta + Math.log(gamma)) + (gamma - 1) * base.sumLogEvents - lambda * s[0];
        // observed information of (gamma, beta = ln lambda)
        double hgg = base.events / (gamma * gamma) + lambda * s[2];
        double hgb = lambda * s[1];
        double hbb = lambda * s[0];
        RealMatrix info = MatrixUtils.createRealMatrix(new double[][] {{hgg, hgb}, {hgb, hbb}});
        RealMatrix cov = new LUDecomposition(info).getSolver().getInverse();
        double varG = cov.getEntry(0, 0);
        double varB = cov.getEntry(1, 1);
        double covGB = cov.getEntry(0, 1);
        double eta = Math.exp(-beta / gamma);
        double dEtaDg = eta * beta / (gamma * gamma);
        double dEtaDb = -eta / gamma;
        double varEta = dEtaDg * dEtaDg * varG + 2 * dEtaDg * dEtaDb * covGB + dEtaDb * dEtaDb * varB;
        return new WeibullFit(gamma, beta, Math.sqrt(varG), Math.sqrt(varB), eta, Math.sqrt(varEta), ll,
                base.events, base.n);
    }

    @Override
    public double survival(double t) {
        return t <= 0 ? 1 : Math.exp(-Math.exp(lnLambda) * Math.pow(t, shape));
    }

    @Override
    public double inverseSurvival(double p) {
        return Math.pow(-Math.log(p) / Math.exp(lnLambda), 1 / shape);
    }

    /** Closed form: integral from a of exp(-lambda t^g) dt = lambda^(-1/g) / g x Gamma(1/g, lambda a^g). */
    @Override
    public double meanRemaining(double age) {
        double lambda = Math.exp(lnLambda);
        double s = 1 / shape;
        double x = lambda * Math.pow(Math.max(age, 0), shape);
        double upper = org.hipparchus.special.Gamma.regularizedGammaQ(s, x)
                * Math.exp(org.hipparchus.special.Gamma.logGamma(s));
        return Math.pow(lambda, -s) * s * upper / survival(age);
    }

    /** E[T^2] = eta^2 Gamma(1 + 2 / shape). */
    @Override
    public double secondMoment() {
        return scale * scale * Math.exp(org.hipparchus.special.Gamma.logGamma(1 + 2 / shape));
    }

    /** Sums over the data that the likelihood needs. */
    static final class Sums {
        final double[] times;
        final int[] counts;
        final int events;
        final int n;
        final double sumLogEvents;
        final boolean anyZeroTime;

        private Sums(double[] times, int[] counts, int events, int n, double sumLogEvents, boolean anyZeroTime) {
            this.times = times;
            this.counts = counts;
            this.events = events;
            this.n = n;
            this.sumLogEvents = sumLogEvents;
            this.anyZeroTime = anyZeroTime;
        }

        static Sums of(Collection<Observation> data) {
            double[] times = new double[data.size()];
            int[] counts = new int[data.size()];
            int events = 0;
            int n = 0;
            double sumLog = 0;
            boolean zero = false;
            int i = 0;
            for (Observation o : data) {
                times[i] = o.time();
                counts[i] = o.count();
                zero |= o.time() <= 0;
                n += o.count();
                if (o.event()) {
                    events += o.count();
                    sumLog += o.count() * Math.log(o.time());
                }
                i++;
            }
            return new Sums(times, counts, events, n, sumLog, zero);
        }

        /** sum t^g, sum t^g ln t, sum t^g (ln t)^2 over all observations. */
        double[] powerSums(double g) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < times.length; i++) {
                double lt = Math.log(times[i]);
                double p = counts[i] * Math.exp(g * lt);
                s0 += p;
                s1 += p * lt;
                s2 += p * lt * lt;
            }
            return new double[] {s0, s1, s2};
        }
    }
}
