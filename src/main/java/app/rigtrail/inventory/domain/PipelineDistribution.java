package app.rigtrail.inventory.domain;

import org.hipparchus.special.Gamma;

/**
 * The number of parts in the repair pipeline, and what s spares on the shelf leave as backorders:
 * EBO(s) = E[(X - s)+], VBO(s) = Var[(X - s)+], fill rate = P(X <= s - 1). Poisson (Palm's theorem)
 * or, when the variance exceeds the mean (VARI-METRIC), negative binomial with the same two moments.
 */
public final class PipelineDistribution {

    private final double mean;
    private final double variance;
    private final boolean poisson;
    private final double r;
    private final double p;

    private PipelineDistribution(double mean, double variance) {
        if (!(mean >= 0) || !(variance >= 0)) {
            throw new IllegalArgumentException("mean and variance must be >= 0");
        }
        this.mean = mean;
        this.poisson = variance <= mean * (1 + 1e-12) || mean == 0;
        this.variance = poisson ? mean : variance;
        this.p = poisson ? Double.NaN : mean / variance;
        this.r = poisson ? Double.NaN : mean * mean / (variance - mean);
    }

    public static PipelineDistribution poisson(double mean) {
        return new PipelineDistribution(mean, mean);
    }

    /** Negative binomial when variance > mean, else Poisson. */
    public static PipelineDistribution withMoments(double mean, double variance) {
        return new PipelineDistribution(mean, variance);
    }

    public double mean() {
        return mean;
    }

    public double variance() {
        return variance;
    }

    public boolean isPoisson() {
        return poisson;
    }

    public double pmf(int x) {
        if (x < 0) {
            return 0;
        }
        if (mean == 0) {
            return x == 0 ? 1 : 0;
        }
        if (poisson) {
            return Math.exp(x * Math.log(mean) - mean - Gamma.logGamma(x + 1.0));
        }
        return Math.exp(Gamma.logGamma(r + x) - Gamma.logGamma(r) - Gamma.logGamma(x + 1.0) + r * Math.log(p)
                + x * Math.log1p(-p));
    }

    /** P(X <= s). */
    public double cdf(int s) {
        double c = 0;
        for (int x = 0; x <= s; x++) {
            c += pmf(x);
        }
        return Math.min(1, c);
    }

    /** Expected backorders E[(X - s)+] = mean - s + sum over x < s of (s - x) p(x). */
    public double ebo(int s) {
        double sum = 0;
        for (int x = 0; x < s; x++) {
            sum += (s - x) * pmf(x);
        }
        return Math.max(0, mean - s + sum);
    }

    /** Variance of backorders, from E[(X - s)+^2] = E[(X - s)^2] - sum over x < s of (x - s)^2 p(x). */
    public double vbo(int s) {
        double secondAll = variance + (mean - s) * (mean - s);
        double below = 0;
        for (int x = 0; x < s; x++) {
            below += (double) (x - s) * (x - s) * pmf(x);
        }
        double e = ebo(s);
        return Math.max(0, secondAll - below - e * e);
    }

    /** P(X <= s - 1): the share of demands met from the shelf at once. */
    public double fillRate(int s) {
        return s <= 0 ? 0 : cdf(s - 1);
    }
}
