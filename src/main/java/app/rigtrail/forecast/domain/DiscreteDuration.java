package app.rigtrail.forecast.domain;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * A duration in whole days (at least {@code min}), as the cumulative probabilities of 0..max days.
 * The simulation samples it by inversion with one uniform (a binary search on the cumulative
 * array), so two scenarios that see the same uniform see the same quantile; the analytic path
 * reads its survival function directly.
 */
public final class DiscreteDuration {

    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    /** Longest duration represented; any mass beyond it is put on the last day. */
    public static final int MAX_DAYS = 730;

    private static final int BUCKETS = 1024;
    private static final int WIDE = Character.MAX_VALUE;

    private final double[] cdf;
    /**
     * at[b]: the answer for u = b / BUCKETS (b = 0..BUCKETS; at[BUCKETS + 1] repeats the answer for
     * u = 1). The answer for any u in [b, b + 1) / BUCKETS lies between at[b] and at[b + 1]: where
     * they agree (most buckets) it is read off without touching the cumulative array, else the search
     * begins at at[b]. Chars, capped at {@code WIDE} (an answer that far, only in laws longer than
     * any real one, is always searched from there), so neighbours share a cache line.
     */
    private final char[] at = new char[BUCKETS + 2];

    private final double mean;

    private DiscreteDuration(double[] cdf) {
        this.cdf = cdf;
        double m = 0;
        for (int k = 0; k < cdf.length; k++) {
            m += 1 - cdf[k];
        }
        this.mean = m;
        for (int b = 0; b <= BUCKETS; b++) {
            at[b] = (char) Math.min(WIDE, search((double) b / BUCKETS));
        }
        at[BUCKETS + 1] = at[BUCKETS];
    }

    public static DiscreteDuration fixed(int days) {
        double[] cdf = new double[days + 1];
        cdf[days] = 1;
        return new DiscreteDuration(cdf);
    }

    /** max(1, round(D)) for D lognormal with this median and log-scale sigma. */
    public static DiscreteDuration lognormal(double medianDays, double sigma) {
        if (sigma <= 0) {
            return fixed((int) Math.max(1, Math.round(medianDays)));
        }
        double mu = Math.log(medianDays);
        return fromSurvival(t -> 1 - STANDARD.cumulativeProbability((Math.log(t) - mu) / sigma), 1, 0);
    }

    /**
     * A continuous duration given by its survival function S(t), shifted by {@code shiftDays} after
     * being scaled by {@code scale} (T' = shift + scale T), rounded to whole days, at least one.
     */
    public static DiscreteDuration fromSurvival(DoubleUnaryOperator survival, double scale, double shiftDays) {
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be positive");
        }
        double[] cdf = new double[MAX_DAYS + 1];
        for (int k = 1; k <= MAX_DAYS; k++) {
            // P(max(1, round(T')) <= k) = P(T' < k + 0.5)
            double t = (k + 0.5 - shiftDays) / scale;
            double below = t <= 0 ? 0 : 1 - clamp(survival.applyAsDouble(t));
            cdf[k] = Math.max(cdf[k - 1], below);
        }
        cdf[MAX_DAYS] = 1;
        return new DiscreteDuration(trim(cdf));
    }

    private static double[] trim(double[] cdf) {
        int last = cdf.length - 1;
        while (last > 1 && cdf[last - 1] >= 1 - 1e-12) {
            last--;
        }
        double[] out = Arrays.copyOf(cdf, last + 1);
        out[last] = 1;
        return out;
    }

    private static double clamp(double s) {
        return Double.isNaN(s) ? 0 : Math.min(1, Math.max(0, s));
    }

    /** The smallest k with P(D <= k) >= u. */
    public int sample(double u) {
        int b = (int) (u * BUCKETS);
        int k = at[b];
        if (k == at[b + 1] && k < WIDE) {
            return k;
        }
        while (cdf[k] < u) {
            k++;
        }
        return k;
    }

    private int search(double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] >= u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** P(D > k). */
    public double survival(int k) {
        if (k < 0) {
            return 1;
        }
        return k >= cdf.length ? 0 : 1 - cdf[k];
    }

    public double mean() {
        return mean;
    }

    /**
     * The days left of a duration already {@code ageDays} old (the residual life): drawn from the law of
     * X - a given X > a, with a the whole days elapsed, by inversion of {@code u}; at least a day. An
     * age past every observed duration leaves one day.
     */
    public int residual(double ageDays, double u) {
        int a = (int) Math.max(0, Math.min(Math.floor(ageDays), cdf.length - 1));
        double below = cdf[a];
        if (below >= 1) {
            return 1;
        }
        double v = below + u * (1 - below);
        int k = sample(Math.min(v, Math.nextDown(1.0)));
        return Math.max(1, k - a);
    }

    /** E[X - a | X > a] for whole days a: the mean residual the draws above reproduce. */
    public double meanResidual(int a) {
        double s = survival(a);
        if (s <= 0) {
            return 1;
        }
        double sum = 0;
        for (int k = a; k < cdf.length; k++) {
            sum += survival(k);
        }
        return sum / s;
    }

    public int maxDays() {
        return cdf.length - 1;
    }

    /** A law given by its cumulative probabilities of 0..n days (non-decreasing; the last is taken as 1). */
    static DiscreteDuration ofCdf(double[] cdf) {
        double[] c = cdf.clone();
        for (int k = 1; k < c.length; k++) {
            c[k] = Math.max(c[k - 1], Math.min(1, c[k]));
        }
        c[c.length - 1] = 1;
        return new DiscreteDuration(c);
    }

    private volatile DiscreteDuration equilibrium;

    /**
     * The residual law of this stage in equilibrium (an item found in it at a random day, as in an
     * M/G/inf stage at its stationary state): P(R = r) = P(D >= r) / E[D] for r >= 1 days, the
     * days from now until it leaves. Computed once.
     */
    public DiscreteDuration equilibrium() {
        DiscreteDuration e = equilibrium;
        if (e == null) {
            double[] c = new double[cdf.length + 1];
            double sum = 0;
            for (int r = 1; r <= cdf.length; r++) {
                sum += survival(r - 1) / Math.max(mean, 1e-300);
                c[r] = sum;
            }
            e = mean <= 0 ? fixed(1) : ofCdf(c);
            equilibrium = e;
        }
        return e;
    }
}
