package app.rigtrail.forecast.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * What a forecast reports about values over replications: summaries (mean and the 10th, 50th and 90th
 * percentiles), daily bands, and paired 95% confidence intervals; every figure rounded to six
 * significant digits. The result records of the forecast hold these values as they are.
 */
public final class ReplicationStatistics {

    /** The confidence level of every interval a forecast reports. */
    public static final double LEVEL = 0.95;

    private ReplicationStatistics() {
    }

    /** Mean and the 10th, 50th and 90th percentiles of one figure over replications. */
    public record Summary(double mean, double p10, double p50, double p90) {

        /** The values scaled (cents to dollars: 0.01), percentiles as order statistics ({@link Band#rank}). */
        public static Summary of(double[] values, double scale) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double mean = 0;
            for (double v : sorted) {
                mean += v / n;
            }
            return new Summary(round(mean * scale), round(sorted[Band.rank(0.1, n)] * scale),
                    round(sorted[Band.rank(0.5, n)] * scale), round(sorted[Band.rank(0.9, n)] * scale));
        }
    }

    /** A daily series over replications: mean and the 10th, 50th and 90th percentiles, day by day. */
    public record DailyBand(double[] mean, double[] p10, double[] p50, double[] p90) {

        public static DailyBand of(Band b) {
            return new DailyBand(rounded(b.mean()), rounded(b.p10()), rounded(b.p50()), rounded(b.p90()));
        }

        /**
         * Availability from what is down: 1 - down / installed (1 when nothing is installed); the
         * percentiles swap ends (P10 of availability is 1 - P90 of down).
         */
        public static DailyBand availability(Band down, double installed) {
            int n = down.mean().length;
            double[][] a = new double[4][n];
            for (int d = 0; d < n; d++) {
                a[0][d] = installed == 0 ? 1 : 1 - down.mean()[d] / installed;
                a[1][d] = installed == 0 ? 1 : 1 - down.p90()[d] / installed;
                a[2][d] = installed == 0 ? 1 : 1 - down.p50()[d] / installed;
                a[3][d] = installed == 0 ? 1 : 1 - down.p10()[d] / installed;
            }
            return new DailyBand(rounded(a[0]), rounded(a[1]), rounded(a[2]), rounded(a[3]));
        }
    }

    /** A mean difference and its confidence interval at {@link #LEVEL}. */
    public record Interval(double mean, double ciLow, double ciHigh, double level) {

        /** Of the replication-by-replication differences a - b (common random numbers make the pairs). */
        public static Interval paired(double[] a, double[] b, double t, double scale) {
            double[] d = new double[a.length];
            for (int r = 0; r < a.length; r++) {
                d[r] = a[r] - b[r];
            }
            return of(d, t, scale);
        }

        /** Of differences already taken. */
        public static Interval of(double[] differences, double t, double scale) {
            double[] ci = meanAndHalfWidth(differences, t);
            return new Interval(round(ci[0] * scale), round((ci[0] - ci[1]) * scale), round((ci[0] + ci[1]) * scale),
                    LEVEL);
        }
    }

    /** A daily series of mean differences with their confidence intervals at {@link #LEVEL}. */
    public record DailyInterval(double[] mean, double[] ciLow, double[] ciHigh) {

        /** The difference on one day in one replication. */
        public interface Difference {
            double at(int day, int replication);
        }

        public static DailyInterval of(Difference difference, int days, int reps, double t) {
            double[] mean = new double[days];
            double[] low = new double[days];
            double[] high = new double[days];
            double[] day = new double[reps];
            for (int d = 0; d < days; d++) {
                for (int r = 0; r < reps; r++) {
                    day[r] = difference.at(d, r);
                }
                double[] ci = meanAndHalfWidth(day, t);
                mean[d] = ci[0];
                low[d] = ci[0] - ci[1];
                high[d] = ci[0] + ci[1];
            }
            return new DailyInterval(rounded(mean), rounded(low), rounded(high));
        }
    }

    /** Student's t quantile (0.975) for a two-sided interval at {@link #LEVEL} over n paired replications. */
    public static double t(int replications) {
        return new TDistribution(replications - 1).inverseCumulativeProbability(0.975);
    }

    /** The sample mean and the half-width t * sd / sqrt(n). */
    public static double[] meanAndHalfWidth(double[] x, double t) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (x.length - 1));
        return new double[] {mean, t * sd / Math.sqrt(x.length)};
    }

    public static double[] rounded(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = round(x[i]);
        }
        return out;
    }

    /** Six significant digits: enough for any chart or table, and a third of the bytes. */
    public static double round(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).round(new MathContext(6)).doubleValue();
    }
}
