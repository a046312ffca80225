package app.rigtrail.dwell.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The Kaplan-Meier estimate of a survival function from right-censored durations, with Greenwood
 * standard errors and pointwise confidence bands. At tied times events count before censorings.
 */
public final class KaplanMeier {

    public enum Band {
        /** R's default: S exp(+-z sqrt(sum d/(n(n-d)))). */
        LOG,
        /** S^(exp(+-z sqrt(sum) / ln S)). */
        LOG_LOG
    }

    /** One row per distinct event time; {@code censored} counts those censored at exactly that time. */
    public record Row(double time, int atRisk, int events, int censored, double survival, double stdErr,
            Double lower, Double upper) {
    }

    private final List<Row> rows;
    private final double lastTime;

    private KaplanMeier(List<Row> rows, double lastTime) {
        this.rows = List.copyOf(rows);
        this.lastTime = lastTime;
    }

    public static KaplanMeier estimate(Collection<Observation> observations, double confidence, Band band) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1");
        }
        Observation.total(observations);
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        TreeMap<Double, int[]> byTime = new TreeMap<>();
        int total = 0;
        double last = 0;
        for (Observation o : observations) {
            int[] dc = byTime.computeIfAbsent(o.time(), t -> new int[2]);
            dc[o.event() ? 0 : 1] += o.count();
            total += o.count();
            last = Math.max(last, o.time());
        }
        List<Row> rows = new ArrayList<>();
        int atRisk = total;
        double s = 1;
        double greenwood = 0;
        for (var e : byTime.entrySet()) {
            int d = e.getValue()[0];
            int c = e.getValue()[1];
            if (d > 0) {
                s *= 1 - (double) d / atRisk;
                greenwood += atRisk == d ? Double.POSITIVE_INFINITY : (double) d / ((double) atRisk * (atRisk - d));
                double se = s * Math.sqrt(greenwood);
                Double lower = null;
                Double upper = null;
                if (s > 0 && Double.isFinite(greenwood)) {
                    double root = Math.sqrt(greenwood);
                    if (band == Band.LOG) {
                        lower = s * Math.exp(-z * root);
                        upper = Math.min(1.0, s * Math.exp(z * root));
                    } else if (s < 1) {
                        double k = z * root / Math.log(s);
                        lower = Math.pow(s, Math.exp(-k));
                        upper = Math.pow(s, Math.exp(k));
                    }
                }
                rows.add(new Row(e.getKey(), atRisk, d, c, s, Double.isFinite(se) ? se : 0, lower, upper));
            }
            atRisk -= d + c;
        }
        return new KaplanMeier(rows, last);
    }

    public List<Row> rows() {
        return rows;
    }

    /** S(t): the estimate just after t (right-continuous step function). */
    public double survival(double t) {
        double s = 1;
        for (Row r : rows) {
            if (r.time() > t) {
                break;
            }
            s = r.survival();
        }
        return s;
    }

    /** The longest time observed (events or censorings): the estimate says nothing beyond it. */
    public double lastTime() {
        return lastTime;
    }

    /**
     * The integral of S from a to the last observed time (a restricted mean remaining duration,
     * not extrapolated beyond the data).
     */
    public double integral(double from) {
        double area = 0;
        double t = from;
        double s = survival(from);
        for (Row r : rows) {
            if (r.time() <= from) {
                continue;
            }
            area += s * (r.time() - t);
            t = r.time();
            s = r.survival();
        }
        if (lastTime > t) {
            area += s * (lastTime - t);
        }
        return area;
    }

    /** The first event time at which S drops to or below p, or NaN if it never does. */
    public double quantileTime(double p) {
        for (Row r : rows) {
            if (r.survival() <= p + 1e-12) {
                return r.time();
            }
        }
        return Double.NaN;
    }
}
