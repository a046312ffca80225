package app.rigtrail.forecast.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Installed hashrate against the capacity plan, replication by replication. A month's target is the
 * TH/s installed at its end, so the plan in force on a day is the target of the last month ended on
 * or before it (nothing before the first one). Per replication: the TH/s short at the horizon (the
 * target in force on its last day minus what is installed), the hashrate-days short of the plan (the
 * plan minus what hashes, installed minus down, summed over the days, where positive), and the first
 * month whose end finds the plan's final target installed.
 */
public final class PlanGap {

    private PlanGap() {
    }

    /** The plan per horizon day (NaN where no target is in force yet). */
    public static double[] planByDay(Map<YearMonth, Double> targets, LocalDate start, int days) {
        double[] plan = new double[days];
        NavigableMap<Integer, Double> byDay = new TreeMap<>();
        for (Map.Entry<YearMonth, Double> e : targets.entrySet()) {
            byDay.put((int) ChronoUnit.DAYS.between(start, e.getKey().atEndOfMonth()), e.getValue());
        }
        for (int d = 0; d < days; d++) {
            Map.Entry<Integer, Double> e = byDay.floorEntry(d);
            plan[d] = e == null ? Double.NaN : e.getValue();
        }
        return plan;
    }

    /** The month ends within the horizon, as horizon days, with their months. */
    public static List<Object[]> monthEnds(LocalDate start, int days) {
        List<Object[]> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); ; m = m.plusMonths(1)) {
            int d = (int) ChronoUnit.DAYS.between(start, m.atEndOfMonth());
            if (d >= days) {
                return out;
            }
            if (d >= 0) {
                out.add(new Object[] {m, d});
            }
        }
    }

    /**
     * Per replication: short at the horizon, TH-days short of the plan, and the index into
     * {@code monthEnds} of the first month end with the final target installed (-1: not within the
     * horizon).
     *
     * @param addedThs TH/s commissioned from orders, {@code [r * days + day]}
     * @param hashrateDown TH/s down on the failure side, {@code [day * reps + r]} (null: none)
     */
    public record Outcome(double[] shortAtHorizonThs, double[] thDaysShort, int[] monthReached, double finalTarget) {
    }

    public static Outcome of(double[] plan, double finalTarget, double installedThs, float[] addedThs,
            float[] hashrateDown, int days, int reps, List<Object[]> monthEnds) {
        double[] shortAt = new double[reps];
        double[] thDays = new double[reps];
        int[] reached = new int[reps];
        for (int r = 0; r < reps; r++) {
            double sum = 0;
            for (int d = 0; d < days; d++) {
                if (Double.isNaN(plan[d])) {
                    continue;
                }
                double hashing = installedThs + addedThs[r * days + d]
                        - (hashrateDown == null ? 0 : hashrateDown[d * reps + r]);
                sum += Math.max(0, plan[d] - hashing);
            }
            thDays[r] = sum;
            double last = plan[days - 1];
            shortAt[r] = Double.isNaN(last) ? 0 : Math.max(0, last - installedThs - addedThs[r * days + days - 1]);
            reached[r] = -1;
            for (int m = 0; m < monthEnds.size() && !Double.isNaN(finalTarget); m++) {
                int d = (int) monthEnds.get(m)[1];
                if (installedThs + addedThs[r * days + d] >= finalTarget - 1e-9) {
                    reached[r] = m;
                    break;
                }
            }
        }
        return new Outcome(shortAt, thDays, reached, finalTarget);
    }

    /**
     * The month by which at least half the replications have reached the final target (-1: fewer than
     * half do within the horizon), and the share that reach it at all.
     */
    public static int medianMonth(int[] reached, int months) {
        int[] count = new int[months + 1];
        for (int m : reached) {
            if (m >= 0) {
                count[m]++;
            }
        }
        int acc = 0;
        for (int m = 0; m < months; m++) {
            acc += count[m];
            if (2 * acc >= reached.length) {
                return m;
            }
        }
        return -1;
    }

    public static double shareReached(int[] reached) {
        int n = 0;
        for (int m : reached) {
            if (m >= 0) {
                n++;
            }
        }
        return reached.length == 0 ? 0 : (double) n / reached.length;
    }
}
