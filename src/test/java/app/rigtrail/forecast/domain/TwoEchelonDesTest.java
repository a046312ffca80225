package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.FleetDescription.HubInput;
import app.rigtrail.forecast.domain.FleetDescription.Law;
import app.rigtrail.forecast.domain.FleetDescription.PartInput;
import app.rigtrail.forecast.domain.FleetDescription.SiteInput;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/**
 * #12 item 4: the engine against an independent discrete-event simulation ({@link TwoEchelonDes}:
 * continuous time, an event list) of a small two-echelon case described to the engine through
 * {@link FleetDescription}: two sites with spare shelves, one central hub shared by both, transit
 * both ways, a bench share, lognormal bench and hold times; first a hub without a limit (crossing
 * the border, holds both ways), then one with a weekly capacity close to its load.
 *
 * <p>Every day from an empty pipeline, machines down and parts per stage: the engine's mean must lie
 * within the 95% interval of the difference of the two estimates (both are Monte Carlo means: the
 * standard errors add in quadrature), widened by the engine's daily discretisation. The engine books
 * a day's events at the day's end and rounds every duration to whole days, max(1, round(D)); the DES
 * keeps D. A duration starting on a day boundary (a shipment leaves at the end of its day, so
 * everything after it is aligned) is observed at day ends ceil(D) times in continuous time and
 * round(D) times by the engine: half a day more on average. By Little's law that moves a stage's
 * level by up to half a day of its inflow, so the allowance is 0.5 x the DES's mean entries into the
 * stage (its mean entries per day over the week around that day: shipments are weekly; for machines
 * down, the machines going down). The intervals are simultaneous over the days and quantities checked
 * (Bonferroni), and at least 95% of the points must also lie within the plain per-point 95% interval
 * plus that allowance.
 *
 * <p>A hub with a weekly capacity is an intake admitting one part every 7 / capacity days in both
 * (the engine keeps the intake's next free time in continuous time and starts the day's admissions
 * as that day's repairs), so it needs no allowance of its own. A hub of c servers (an M/G/c queue at
 * about 86% load, shipments arriving in weekly batches, so parts do wait) draws each repair time
 * whole days in the engine and continuous in the DES: the same half-day allowance, for the hub's
 * stages as for the others.
 */
class TwoEchelonDesTest {

    private static final int DAYS = 150;
    private static final int REPS = 2000;

    private static FleetDescription described(boolean limited) {
        return described(limited, null);
    }

    /** {@code servers}: the limited case's sites with a hub of that many servers instead of a capacity. */
    private static FleetDescription described(boolean limited, Integer servers) {
        List<SiteInput> sites = List.of(
                new SiteInput("TX1", Map.of("BITMAIN", 2000), Map.of("BITMAIN", 200.0),
                        Map.of("BITMAIN", Map.of("HASHBOARD", limited ? 40 : 55)), null),
                new SiteInput("ND1", Map.of("BITMAIN", 1200), Map.of("BITMAIN", 200.0),
                        Map.of("BITMAIN", Map.of("HASHBOARD", limited ? 24 : 32)), null));
        Law bench = new Law("LOGNORMAL", 5.0, 0.6, null, null, null, null);
        PartInput part = limited
                ? new PartInput("BITMAIN", "HASHBOARD", 3, 0.10, 0.4, 0.0, 0.6, 0.0, bench, 0.0, 0.0, 0.0, 30)
                : new PartInput("BITMAIN", "HASHBOARD", 3, 0.10, 0.4, 0.6, 0.0, 0.0, bench, 0.15, 0.10, 0.0, 30);
        HubInput hub = servers != null
                ? new HubInput("OP-TX", "ONSHORE_PARTNER", List.of("BITMAIN"), List.of("HASHBOARD"), false, 3, null,
                        SERVER_MEAN_DAYS, servers, new Law("LOGNORMAL", serverMedian(), SERVER_SIGMA, null, null, null,
                                null), null)
                : limited
                ? new HubInput("OP-TX", "ONSHORE_PARTNER", List.of("BITMAIN"), List.of("HASHBOARD"), false, 3, 12, 14)
                : new HubInput("BM-SZ", "VENDOR_HUB", List.of("BITMAIN"), List.of("HASHBOARD"), true, 12, null, 28);
        return new FleetDescription(sites, List.of(part), List.of(hub), new Law("LOGNORMAL", 14.0, 1.0, null, null,
                null, null), 0, 0.0);
    }

    /** The server hub's mean repair time (its turnaround) and the lognormal's sigma. */
    private static final int SERVER_MEAN_DAYS = 12;
    private static final double SERVER_SIGMA = 0.5;

    /** The lognormal's median for that mean: mean = median x exp(sigma^2 / 2). */
    private static double serverMedian() {
        return SERVER_MEAN_DAYS * Math.exp(-SERVER_SIGMA * SERVER_SIGMA / 2);
    }

    /** The same case for the DES, read off the description (not off the compiled engine inputs). */
    private static TwoEchelonDes.Case desCase(FleetDescription d) {
        TwoEchelonDes.Site[] sites = new TwoEchelonDes.Site[d.sites().size()];
        PartInput p = d.parts().get(0);
        for (int s = 0; s < sites.length; s++) {
            SiteInput in = d.sites().get(s);
            sites[s] = new TwoEchelonDes.Site(in.machines().get("BITMAIN"), p.perMachine(),
                    in.spares().get("BITMAIN").get("HASHBOARD"));
        }
        HubInput h = d.hubs().get(0);
        return new TwoEchelonDes.Case(sites, p.failuresPerUnitYear(), p.benchShare(), p.bench().median(),
                p.bench().sigma(), h.crossesBorder(), h.transitDays(),
                h.turnaroundDays(),
                h.capacityPerWeek() == null ? 0 : h.capacityPerWeek(), h.servers() == null ? 0 : h.servers(),
                h.repair() == null ? 0 : h.repair().sigma(), p.heldShareOut(),
                p.heldShare(), d.hold().median(), d.hold().sigma(), 7);
    }

    /** The baseline as the engine's plan: nothing changes over the horizon. */
    private static Plan plan(FleetDescription.Compiled c) {
        Baseline b = c.baseline();
        Baseline.Vendorkind vk = b.byVendorKind()[0];
        DiscreteDuration hold = DiscreteDuration.fromSurvival(b.holdSurvival(), 1, 0);
        Regime r = new Regime(vk.failuresPerUnitYear(), 0, vk.benchShare(), vk.vendorHubShare(), vk.onshoreShare(),
                vk.scrapShare(), vk.bench(), vk.heldShare(), hold, vk.excludedShare(), vk.sparesLeadDays(), true,
                vk.unitCostCents(), vk.heldShareOut(), Plan.Fallback.BENCH);
        return Plan.unchanged("described", new Period(new Regime[] {r}, b.hubs()));
    }

    @Test
    void agreesWithTheDesWithAnUnlimitedHubAcrossTheBorder() {
        FleetDescription d = described(false);
        check("unlimited hub, holds both ways", d, desCase(d));
    }

    @Test
    void agreesWithTheDesWithACapacityLimitedHub() {
        FleetDescription d = described(true);
        check("hub of 12 a week", d, desCase(d));
    }

    @Test
    void agreesWithTheDesWithAHubOfParallelServers() {
        // 3,200 machines x 3 hashboards x 0.10 a year x 60% to the hub = 1.58 parts a day; 22 servers
        // of 12 days each: a load of 1.58 x 12 / 22 = 0.86
        FleetDescription d = described(true, 22);
        TwoEchelonDes.Case c = desCase(d);
        double rho = 3200 * 3 * 0.10 / 365 * 0.6 * SERVER_MEAN_DAYS / 22;
        assertTrue(rho > 0.85 && rho < 0.87, "load " + rho);
        double queued = check("hub of 22 servers, lognormal repairs", d, c);
        // queueing matters: parts wait for a server (more than a part in the queue on average)
        assertTrue(queued > 1, "mean parts in the hub's queue " + queued);
    }

    /** Mean of a daily series over the week centred on a day (clipped at the ends). */
    private static double weekAround(double[] x, int day) {
        double sum = 0;
        int n = 0;
        for (int d = Math.max(0, day - 3); d <= Math.min(x.length - 1, day + 3); d++) {
            sum += x[d];
            n++;
        }
        return sum / n;
    }

    /** Checks the bands; gives the DES's mean parts in the hub's queue over the days. */
    private static double check(String name, FleetDescription d, TwoEchelonDes.Case c) {
        FleetDescription.Compiled compiled = d.compile();
        Run engine = new MonteCarloForecast(compiled.fleet(),
                new MonteCarloForecast.Settings(DAYS, 0, REPS, 20261202, 7, 2)).run(plan(compiled), Monitor.NONE);
        TwoEchelonDes.Estimate des = TwoEchelonDes.run(c, DAYS, REPS, 4242);
        List<String> failures = new ArrayList<>();
        int points = DAYS * TwoEchelonDes.QUANTITIES;
        double zAll = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - 0.025 / points);
        int within = 0;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d days x %d replications each%n  %-22s %9s %9s %8s %8s %8s %9s%n", name, DAYS, REPS, "quantity",
                "mean DES", "mean eng", "max|z|", "in 95%", "+allow", "max/tol"));
        for (int q = 0; q < TwoEchelonDes.QUANTITIES; q++) {
            Band band = q == TwoEchelonDes.DOWN ? engine.unitsDown()
                    : engine.stages()[TwoEchelonDes.STAGES[q].ordinal()];
            String what = q == TwoEchelonDes.DOWN ? "machines down" : TwoEchelonDes.STAGES[q].name();
            double maxZ = 0;
            double maxRatio = 0;
            double sumDes = 0;
            double sumEng = 0;
            int in = 0;
            int plain = 0;
            for (int day = 0; day < DAYS; day++) {
                double mean = band.mean()[day];
                double se = Math.sqrt(Math.pow(band.sd()[day], 2) / REPS + Math.pow(des.se()[q][day], 2));
                double halfDay = 0.5 * weekAround(des.flow()[q], day);
                double diff = Math.abs(mean - des.mean()[q][day]);
                sumDes += des.mean()[q][day];
                sumEng += mean;
                maxZ = Math.max(maxZ, se > 0 ? diff / se : diff > 0 ? Double.POSITIVE_INFINITY : 0);
                double tol = zAll * se + halfDay + 1e-9;
                maxRatio = Math.max(maxRatio, diff / tol);
                if (diff <= 1.96 * se + halfDay + 1e-9) {
                    in++;
                }
                if (diff <= 1.96 * se + 1e-9) {
                    plain++;
                }
                if (diff > tol) {
                    failures.add(String.format(Locale.ROOT, "%s on day %d: engine %.3f, DES %.3f (se %.3f, half-day %.3f)",
                            what, day, mean, des.mean()[q][day], se, halfDay));
                }
            }
            within += in;
            table.append(String.format(Locale.ROOT, "  %-22s %9.2f %9.2f %8.2f %7.1f%% %7.1f%% %9.2f%n", what,
                    sumDes / DAYS, sumEng / DAYS, maxZ, 100.0 * plain / DAYS, 100.0 * in / DAYS, maxRatio));
        }
        System.out.print(table);
        double queued = 0;
        for (int day = 0; day < DAYS; day++) {
            queued += des.mean()[java.util.Arrays.asList(TwoEchelonDes.STAGES).indexOf(Stage.HUB_QUEUE)][day] / DAYS;
        }
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " points outside the band, first "
                + failures.subList(0, Math.min(8, failures.size())));
        assertTrue(within >= 0.95 * points, name + ": only " + within + " of " + points
                + " points within their 95% interval plus the half-day allowance");
        return queued;
    }
}
