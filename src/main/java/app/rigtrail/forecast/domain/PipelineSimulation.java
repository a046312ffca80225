package app.rigtrail.forecast.domain;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A daily Monte Carlo of the repair pipeline (a first core for the scenario engine): per site and
 * part, failures arrive each day (Poisson), a spare on the shelf keeps the machine up, the failed
 * part goes through repair (lognormal turnaround, no capacity limit yet: that and shipment-wide
 * holds are the next steps of #7) and returns to the shelf or to a machine waiting for it. A policy
 * shock on a day scales the turnaround of parts that fail from then on.
 *
 * Common random numbers: every source of randomness (a site's failures of a part, their
 * turnarounds) has its own stream, and replication r uses substream r of each, so two scenarios
 * see the same failures and the same uniform draws, and differ only by their policy.
 */
public final class PipelineSimulation {

    /** One part type: failures per installed unit per year, units per machine, turnaround (days), spares per site. */
    public record Part(String name, double failuresPerUnitYear, int unitsPerMachine, double turnaroundMedianDays,
            double turnaroundSigma, int sparesPerSite) {
    }

    /** A policy: from {@code shockDay} on, turnarounds are multiplied by {@code turnaroundScale}. */
    public record Policy(String name, int shockDay, double turnaroundScale) {
        public static Policy unchanged(String name) {
            return new Policy(name, Integer.MAX_VALUE, 1);
        }
    }

    /** Per day: the mean, P10, P50 and P90 over replications of the parts in repair and the backorders. */
    public record Result(String policy, long seed, int replications, double[] pipelineMean, double[] backordersMean,
            double[] backordersP10, double[] backordersP50, double[] backordersP90, double[] downDaysPerReplication) {
    }

    private static final int FAILURES = 1;
    private static final int TURNAROUNDS = 2;

    private PipelineSimulation() {
    }

    public static Result run(int[] machinesPerSite, List<Part> parts, Policy policy, int days, int replications,
            long seed) {
        int sites = machinesPerSite.length;
        double[][] backorders = new double[replications][days];
        double[][] pipeline = new double[replications][days];
        double[] downDays = new double[replications];
        for (int r = 0; r < replications; r++) {
            for (int s = 0; s < sites; s++) {
                for (int p = 0; p < parts.size(); p++) {
                    simulateOne(machinesPerSite[s], parts.get(p), policy, days, stream(seed, s, p, FAILURES, r),
                            stream(seed, s, p, TURNAROUNDS, r), backorders[r], pipeline[r]);
                }
            }
            for (int d = 0; d < days; d++) {
                downDays[r] += backorders[r][d];
            }
        }
        double[] mean = new double[days];
        double[] pipeMean = new double[days];
        double[] p10 = new double[days];
        double[] p50 = new double[days];
        double[] p90 = new double[days];
        double[] column = new double[replications];
        for (int d = 0; d < days; d++) {
            for (int r = 0; r < replications; r++) {
                column[r] = backorders[r][d];
                mean[d] += backorders[r][d] / replications;
                pipeMean[d] += pipeline[r][d] / replications;
            }
            Arrays.sort(column);
            p10[d] = quantile(column, 0.1);
            p50[d] = quantile(column, 0.5);
            p90[d] = quantile(column, 0.9);
        }
        return new Result(policy.name(), seed, replications, pipeMean, mean, p10, p50, p90, downDays);
    }

    /** One site and part over the horizon, adding its daily backorders and pipeline into the totals. */
    private static void simulateOne(int machines, Part part, Policy policy, int days, SplittableRandom failures,
            SplittableRandom turnarounds, double[] backorders, double[] pipeline) {
        double perDay = part.failuresPerUnitYear() * machines * part.unitsPerMachine() / 365.0;
        double mu = Math.log(part.turnaroundMedianDays());
        int[] returning = new int[days + 1];
        int shelf = part.sparesPerSite();
        int waiting = 0;
        int inRepair = 0;
        for (int d = 0; d < days; d++) {
            // repaired parts come back: first to machines waiting, then to the shelf
            int back = returning[d];
            inRepair -= back;
            int toMachines = Math.min(back, waiting);
            waiting -= toMachines;
            shelf += back - toMachines;
            int failed = poisson(failures, perDay);
            for (int k = 0; k < failed; k++) {
                if (shelf > 0) {
                    shelf--;
                } else {
                    waiting++;
                }
                double z = normal(turnarounds);
                double scale = d >= policy.shockDay() ? policy.turnaroundScale() : 1;
                int duration = Math.max(1, (int) Math.round(scale * Math.exp(mu + part.turnaroundSigma() * z)));
                inRepair++;
                if (d + duration < returning.length) {
                    returning[d + duration]++;
                }
            }
            backorders[d] += waiting;
            pipeline[d] += inRepair;
        }
    }

    /** Substream r of a source: a stream seeded from (seed, site, part, source, replication) alone. */
    static SplittableRandom stream(long seed, int site, int part, int source, int replication) {
        long h = seed;
        for (long v : new long[] {site, part, source, replication}) {
            h = mix(h ^ (v + 0x9E3779B97F4A7C15L));
        }
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double product = r.nextDouble();
            int n = 0;
            while (product > limit) {
                product *= r.nextDouble();
                n++;
            }
            return n;
        }
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(r)));
    }

    static double normal(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double quantile(double[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i];
    }
}
