package app.rigtrail.forecast.domain;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * A test oracle, derived independently of {@link AnalyticForecast}: the exact transient of a pipeline
 * of bench repairs with unlimited repair (the M_t/G/inf queue), in closed form for a lognormal repair time:
 * m(t) = sum over failure days u <= t of lambda(u) P(turnaround of a part failed on day u > t - u),
 * on the same daily grid as the simulation (a turnaround is rounded to whole days, at least one).
 * Starting empty on day 0, with the turnaround scaled from the shock day on.
 */
public final class PipelineTransient {

    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private PipelineTransient() {
    }

    public static double[] meanInRepair(double failuresPerDay, double medianDays, double sigma, int shockDay,
            double scaleAfter, int days) {
        double[] m = new double[days];
        for (int t = 0; t < days; t++) {
            double sum = 0;
            for (int u = 0; u <= t; u++) {
                double scale = u >= shockDay ? scaleAfter : 1;
                sum += failuresPerDay * stillInRepair(t - u, medianDays * scale, sigma);
            }
            m[t] = sum;
        }
        return m;
    }

    /** P(max(1, round(D)) > k) for D lognormal with this median and sigma. */
    static double stillInRepair(int k, double median, double sigma) {
        if (k <= 0) {
            return 1;
        }
        double edge = k + 0.5;
        return 1 - STANDARD.cumulativeProbability((Math.log(edge) - Math.log(median)) / sigma);
    }
}
