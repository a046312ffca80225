package app.rigtrail.inventory.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Spares and backorders (models.md section 1): Palm's theorem for one echelon, the finite-fleet
 * birth-death model, and the two-echelon METRIC and VARI-METRIC approximations; the availability
 * of N machines from the backorders of each part.
 */
public final class SparesModels {

    /** The largest fleet, sockets per machine, parts per request, sites per part and stock the models take. */
    public static final int MAX_MACHINES = 100_000;
    public static final int MAX_UNITS_PER_MACHINE = 100;
    public static final int MAX_PARTS = 200;
    public static final int MAX_SITES = 100;
    public static final int MAX_STOCK = 100_000;
    /** Demand per year and times in years above these are not a fleet's figures (and keep the sums finite). */
    public static final double MAX_DEMAND_PER_YEAR = 1_000_000;
    public static final double MAX_YEARS = 100;
    /** Marginal analysis buys at most this many units (each step is a point of the curve). */
    public static final int MAX_PLAN_STEPS = 20_000;

    private SparesModels() {
    }

    /** What the shelf leaves: backorders and their spread. */
    public record Backorders(double pipelineMean, double pipelineVariance, double expectedBackorders,
            double backorderVariance, double fillRate) {
        static Backorders of(PipelineDistribution d, int stock) {
            return new Backorders(d.mean(), d.variance(), d.ebo(stock), d.vbo(stock), d.fillRate(stock));
        }
    }

    /** One echelon, unlimited repair: pipeline Poisson(demand x turnaround). */
    public static Backorders palm(double demandPerYear, double turnaroundYears, int stock) {
        return Backorders.of(PipelineDistribution.poisson(demandPerYear * turnaroundYears), stock);
    }

    /**
     * A small fleet: N machines with Z sockets each, each working socket failing at {@code perSocket}
     * per year; with n parts in the pipeline and s spares, N Z - max(n - s, 0) sockets work.
     * p(n) is proportional to (T^n / n!) prod over k < n of perSocket (N Z - max(k - s, 0)).
     */
    public static Backorders finite(int machines, int perMachine, double perSocketPerYear, double turnaroundYears,
            int stock) {
        if (machines < 1 || machines > MAX_MACHINES || perMachine < 1 || perMachine > MAX_UNITS_PER_MACHINE
                || stock < 0 || stock > MAX_STOCK) {
            throw new IllegalArgumentException("machines 1 to " + MAX_MACHINES + ", units per machine 1 to "
                    + MAX_UNITS_PER_MACHINE + " and stock 0 to " + MAX_STOCK);
        }
        int sockets = Math.multiplyExact(machines, perMachine);
        int max = sockets + stock;
        double[] logWeight = new double[max + 1];
        double top = 0;
        for (int n = 1; n <= max; n++) {
            int working = sockets - Math.max(n - 1 - stock, 0);
            logWeight[n] = logWeight[n - 1] + Math.log(perSocketPerYear * turnaroundYears * working) - Math.log(n);
            top = Math.max(top, logWeight[n]);
        }
        double total = 0;
        double[] p = new double[max + 1];
        for (int n = 0; n <= max; n++) {
            p[n] = Math.exp(logWeight[n] - top);
            total += p[n];
        }
        double mean = 0;
        double second = 0;
        double ebo = 0;
        double bo2 = 0;
        double fill = 0;
        for (int n = 0; n <= max; n++) {
            double pn = p[n] / total;
            mean += n * pn;
            second += (double) n * n * pn;
            int b = Math.max(n - stock, 0);
            ebo += b * pn;
            bo2 += (double) b * b * pn;
            if (n <= stock - 1) {
                fill += pn;
            }
        }
        return new Backorders(mean, second - mean * mean, ebo, bo2 - ebo * ebo, fill);
    }

    /** A site fed by the depot: its demand, the share it repairs itself, times in years, its stock. */
    public record Site(double demandPerYear, double repairedOnSiteShare, double siteRepairYears, double shipYears,
            int stock) {
    }

    public record TwoEchelon(Backorders depot, double depotDelayYears, List<Backorders> sites) {
        public double totalSiteBackorders() {
            return sites.stream().mapToDouble(Backorders::expectedBackorders).sum();
        }
    }

    /**
     * METRIC (Sherbrooke 1968), or VARI-METRIC when {@code variMetric}: the depot's pipeline is
     * Poisson(lambda0 T0) with lambda0 = sum lambda_j (1 - r_j); each site's pipeline has mean
     * lambda_j [r_j B_j + (1 - r_j)(O_j + EBO0 / lambda0)]; VARI-METRIC gives it the variance
     * lambda_j r_j B_j + lambda_j (1 - r_j) O_j + f(1 - f) EBO0 + f^2 VBO0 with f = lambda_j (1 - r_j) / lambda0,
     * and a negative binomial when that exceeds the mean.
     */
    public static TwoEchelon metric(double depotTurnaroundYears, int depotStock, List<Site> sites, boolean variMetric) {
        double lambda0 = 0;
        for (Site s : sites) {
            lambda0 += s.demandPerYear() * (1 - s.repairedOnSiteShare());
        }
        PipelineDistribution depot = PipelineDistribution.poisson(lambda0 * depotTurnaroundYears);
        double ebo0 = depot.ebo(depotStock);
        double vbo0 = depot.vbo(depotStock);
        double delay = lambda0 > 0 ? ebo0 / lambda0 : 0;
        List<Backorders> out = new ArrayList<>();
        for (Site s : sites) {
            double l = s.demandPerYear();
            double r = s.repairedOnSiteShare();
            double mean = l * (r * s.siteRepairYears() + (1 - r) * (s.shipYears() + delay));
            PipelineDistribution d;
            if (variMetric) {
                double f = lambda0 > 0 ? l * (1 - r) / lambda0 : 0;
                double var = l * r * s.siteRepairYears() + l * (1 - r) * s.shipYears() + f * (1 - f) * ebo0
                        + f * f * vbo0;
                d = PipelineDistribution.withMoments(mean, var);
            } else {
                d = PipelineDistribution.poisson(mean);
            }
            out.add(Backorders.of(d, s.stock()));
        }
        return new TwoEchelon(Backorders.of(depot, depotStock), delay, out);
    }

    /** A = product over parts of (1 - EBO_i / (N Z_i))^Z_i, spreading missing parts at random over the fleet. */
    public static double availability(int machines, List<double[]> partsEboAndPerMachine) {
        double a = 1;
        for (double[] part : partsEboAndPerMachine) {
            double ebo = part[0];
            double z = part[1];
            if (z <= 0) {
                continue;
            }
            a *= Math.pow(Math.max(0, 1 - ebo / (machines * z)), z);
        }
        return a;
    }

    /** One point of the efficient curve: what the spend buys. */
    public record CurvePoint(long spendCents, double availability, int[] stock) {
    }

    /**
     * A part at one location for marginal analysis on the one-echelon (Palm) model; {@code group}
     * names the location and {@code machines} the machines it serves.
     */
    public record PlanPart(String name, String group, int machines, int perMachine, double demandPerYear,
            double turnaroundYears, long unitCostCents) {
    }

    /**
     * Marginal analysis: starting from no spares, repeatedly buy the unit with the largest drop in
     * expected backorders per dollar, until the budget is spent; every step is a point of the curve
     * of availability against spend.
     */
    public static List<CurvePoint> marginalAnalysis(List<PlanPart> parts, long budgetCents) {
        int[] stock = new int[parts.size()];
        List<CurvePoint> curve = new ArrayList<>();
        long spent = 0;
        curve.add(new CurvePoint(0, planAvailability(parts, stock), stock.clone()));
        while (curve.size() <= MAX_PLAN_STEPS) {
            int best = -1;
            double bestRatio = 0;
            for (int i = 0; i < parts.size(); i++) {
                PlanPart p = parts.get(i);
                if (spent + p.unitCostCents() > budgetCents) {
                    continue;
                }
                PipelineDistribution d = PipelineDistribution.poisson(p.demandPerYear() * p.turnaroundYears());
                double drop = d.ebo(stock[i]) - d.ebo(stock[i] + 1);
                double ratio = drop / Math.max(1, p.unitCostCents());
                if (ratio > bestRatio + 1e-18) {
                    bestRatio = ratio;
                    best = i;
                }
            }
            if (best < 0 || bestRatio <= 1e-15) {
                return curve;
            }
            stock[best]++;
            spent += parts.get(best).unitCostCents();
            curve.add(new CurvePoint(spent, planAvailability(parts, stock), stock.clone()));
        }
        return curve;
    }

    /** The fleet's availability: each location's (the formula over its parts), weighted by its machines. */
    static double planAvailability(List<PlanPart> parts, int[] stock) {
        java.util.Map<String, List<double[]>> byGroup = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> machines = new java.util.HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            PlanPart p = parts.get(i);
            byGroup.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(new double[] {
                    PipelineDistribution.poisson(p.demandPerYear() * p.turnaroundYears()).ebo(stock[i]), p.perMachine()});
            machines.put(p.group(), p.machines());
        }
        double weighted = 0;
        double total = 0;
        for (var e : byGroup.entrySet()) {
            int n = machines.get(e.getKey());
            weighted += n * availability(n, e.getValue());
            total += n;
        }
        return total == 0 ? 1 : weighted / total;
    }
}
