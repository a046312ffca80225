package app.rigtrail.dwell.domain;

import java.util.Collection;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Lognormal durations (ln T normal with mean mu and deviation sigma) fitted by maximum likelihood
 * with right-censoring: ended holds add the log density, open ones the log survival. The optimum
 * is found on (mu, ln sigma) and polished by Newton steps; standard errors come from the observed
 * information (the Hessian of the log-likelihood at the optimum, by central differences).
 */
public record LognormalFit(double mu, double sigma, double muStdErr, double sigmaStdErr, double logLikelihood,
        int events, int observations) implements SurvivalModel {

    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    public static LognormalFit fit(Collection<Observation> data) {
        Observation.total(data);
        double[] t = new double[data.size()];
        int[] n = new int[data.size()];
        boolean[] ev = new boolean[data.size()];
        int i = 0;
        int events = 0;
        int total = 0;
        double sum = 0;
        double sumSq = 0;
        for (Observation o : data) {
            if (o.time() <= 0) {
                throw new IllegalArgumentException("a lognormal fit needs durations > 0");
            }
            t[i] = Math.log(o.time());
            n[i] = o.count();
            ev[i] = o.event();
            total += o.count();
            sum += o.count() * t[i];
            sumSq += o.count() * t[i] * t[i];
            if (o.event()) {
                events += o.count();
            }
            i++;
        }
        if (events < 1) {
            throw new IllegalArgumentException("a lognormal fit needs at least one ended duration");
        }
        if (Observation.distinctTimes(data) < 2) {
            throw new IllegalArgumentException("a lognormal fit needs at least two different durations");
        }
        double mean = sum / total;
        double sd = Math.sqrt(Math.max(sumSq / total - mean * mean, 1e-6));
        java.util.function.ToDoubleFunction<double[]> ll = p -> logLik(t, n, ev, p[0], p[1]);
        double[] best = new SimplexOptimizer(1e-13, 1e-13).optimize(new MaxEval(20_000),
                new ObjectiveFunction(ll::applyAsDouble), GoalType.MAXIMIZE,
                new InitialGuess(new double[] {mean, sd}), new NelderMeadSimplex(new double[] {0.5, 0.5 * sd}))
                .getPoint();
        // a few Newton steps on (mu, sigma) from the simplex optimum
        for (int step = 0; step < 20; step++) {
            double[] g = gradient(ll, best);
            RealMatrix h = hessian(ll, best);
            double[] delta = new LUDecomposition(h).getSolver().solve(MatrixUtils.createRealVector(g)).toArray();
            double[] next = {best[0] - delta[0], best[1] - delta[1]};
            if (!(next[1] > 0) || ll.applyAsDouble(next) < ll.applyAsDouble(best) - 1e-12) {
                break;
            }
            best = next;
            if (Math.abs(delta[0]) + Math.abs(delta[1]) < 1e-12) {
                break;
            }
        }
        RealMatrix cov = new LUDecomposition(hessian(ll, best).scalarMultiply(-1)).getSolver().getInverse();
        return new LognormalFit(best[0], best[1], Math.sqrt(cov.getEntry(0, 0)), Math.sqrt(cov.getEntry(1, 1)),
                ll.applyAsDouble(best), events, total);
    }

    /** Log-likelihood on the time scale (the density of T includes the 1/t Jacobian). */
    static double logLik(double[] y, int[] n, boolean[] event, double mu, double sigma) {
        if (!(sigma > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            double z = (y[i] - mu) / sigma;
            if (event[i]) {
                l += n[i] * (-Math.log(sigma) - y[i] - LOG_SQRT_2PI - 0.5 * z * z);
            } else {
                l += n[i] * logUpperTail(z);
            }
        }
        return l;
    }

    /** ln(1 - Phi(z)), accurate far in the tail. */
    static double logUpperTail(double z) {
        if (z < 5) {
            return Math.log(STANDARD.cumulativeProbability(-z));
        }
        // Mills-ratio expansion for large z
        double z2 = z * z;
        return -0.5 * z2 - Math.log(z) - LOG_SQRT_2PI + Math.log(1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2));
    }

    private static double[] gradient(java.util.function.ToDoubleFunction<double[]> f, double[] p) {
        double[] g = new double[2];
        for (int k = 0; k < 2; k++) {
            double h = 1e-5 * Math.max(1, Math.abs(p[k]));
            double[] a = p.clone();
            double[] b = p.clone();
            a[k] += h;
            b[k] -= h;
            g[k] = (f.applyAsDouble(a) - f.applyAsDouble(b)) / (2 * h);
        }
        return g;
    }

    private static RealMatrix hessian(java.util.function.ToDoubleFunction<double[]> f, double[] p) {
        double[][] h = new double[2][2];
        double[] step = {1e-4 * Math.max(1, Math.abs(p[0])), 1e-4 * Math.max(1, Math.abs(p[1]))};
        double f0 = f.applyAsDouble(p);
        for (int a = 0; a < 2; a++) {
            for (int b = a; b < 2; b++) {
                double value;
                if (a == b) {
                    double[] up = p.clone();
                    double[] down = p.clone();
                    up[a] += step[a];
                    down[a] -= step[a];
                    value = (f.applyAsDouble(up) - 2 * f0 + f.applyAsDouble(down)) / (step[a] * step[a]);
                } else {
                    double[] pp = p.clone();
                    double[] pm = p.clone();
                    double[] mp = p.clone();
                    double[] mm = p.clone();
                    pp[a] += step[a];
                    pp[b] += step[b];
                    pm[a] += step[a];
                    pm[b] -= step[b];
                    mp[a] -= step[a];
                    mp[b] += step[b];
                    mm[a] -= step[a];
                    mm[b] -= step[b];
                    value = (f.applyAsDouble(pp) - f.applyAsDouble(pm) - f.applyAsDouble(mp) + f.applyAsDouble(mm))
                            / (4 * step[a] * step[b]);
                }
                h[a][b] = value;
                h[b][a] = value;
            }
        }
        return MatrixUtils.createRealMatrix(h);
    }

    @Override
    public double survival(double t) {
        return t <= 0 ? 1 : STANDARD.cumulativeProbability(-(Math.log(t) - mu) / sigma);
    }

    /** Closed form: E[(T - a)+] = e^(mu + sigma^2 / 2) Phi(d1) - a Phi(d1 - sigma), d1 = (mu + sigma^2 - ln a) / sigma. */
    @Override
    public double meanRemaining(double age) {
        double mean = Math.exp(mu + sigma * sigma / 2);
        if (age <= 0) {
            return mean;
        }
        double d1 = (mu + sigma * sigma - Math.log(age)) / sigma;
        double excess = mean * STANDARD.cumulativeProbability(d1) - age * STANDARD.cumulativeProbability(d1 - sigma);
        return Math.max(0, excess) / survival(age);
    }

    /** E[T^2] = exp(2 mu + 2 sigma^2). */
    @Override
    public double secondMoment() {
        return Math.exp(2 * mu + 2 * sigma * sigma);
    }

    @Override
    public double inverseSurvival(double p) {
        return Math.exp(mu + sigma * STANDARD.inverseCumulativeProbability(1 - p));
    }
}
