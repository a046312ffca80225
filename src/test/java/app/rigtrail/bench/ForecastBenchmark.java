package app.rigtrail.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import app.rigtrail.forecast.domain.AnalyticForecast;
import app.rigtrail.forecast.domain.Baseline;
import app.rigtrail.forecast.domain.BuiltInScenarios;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.MonteCarloForecast;
import app.rigtrail.forecast.domain.Plan;
import app.rigtrail.forecast.domain.ScenarioResolver;

/**
 * The reference workload of issue #7: 100,000 miners over 20 sites, 4 part kinds, 180 days,
 * 3 scenarios x 1,000 replications. Prints the wall time of each full forecast (the three built-in
 * scenarios, one after the other, each using every core), its median and spread, and the pool-day
 * updates and failures simulated per second. Run by bench/forecast.sh.
 */
public final class ForecastBenchmark {

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        double failureScale = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        int horizon = 180;
        Fleet fleet = referenceFleet(100_000, 20);
        Baseline baseline = referenceBaseline(fleet, failureScale);
        LocalDate start = LocalDate.of(2026, 11, 23);
        List<Plan> plans = ScenarioResolver.compileAll(
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::name).toList(),
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::parameters).toList(), baseline, fleet, start,
                warmup);
        int threads = Runtime.getRuntime().availableProcessors();
        MonteCarloForecast engine = new MonteCarloForecast(fleet,
                new MonteCarloForecast.Settings(horizon, warmup, reps, 42, 7, threads));
        System.out.printf("fleet: %,d miners, %d sites, %d vendors, %d part kinds, %d pools, %d hubs; %d days "
                + "(+%d warm-up), %d scenarios x %,d replications, %d threads%n", fleet.totalMachines(),
                fleet.sites().size(), fleet.vendors().size(), fleet.partKinds().size(), fleet.cells(),
                fleet.hubs().size(), horizon, warmup, plans.size(), reps, threads);
        double failuresPerDay = 0;
        for (int c = 0; c < fleet.cells(); c++) {
            int vk = (c / fleet.partKinds().size()) % fleet.vendors().size() * fleet.partKinds().size()
                    + c % fleet.partKinds().size();
            failuresPerDay += baseline.byVendorKind()[vk].failuresPerUnitYear() * fleet.sockets()[c] / 365.0;
        }
        long[] nanos = new long[runs];
        double lost = 0;
        for (int i = -2; i < runs; i++) {
            long t0 = System.nanoTime();
            for (MonteCarloForecast.Run run : engine.run(plans, MonteCarloForecast.Monitor.NONE)) {
                lost += run.hashrateDaysLost()[0];
            }
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                nanos[i] = t;
            }
            System.out.printf("  %s %.3f s%n", i < 0 ? "warm-up" : "run " + (i + 1), t / 1e9);
        }
        Arrays.sort(nanos);
        double median = nanos[runs / 2] / 1e9;
        // the three share their past up to the effective date: simulated once, then each scenario from it
        int shared = Math.min(horizon + warmup, plans.get(0).shockDay());
        int simulatedDays = shared + plans.size() * (horizon + warmup - shared);
        double poolDays = (double) fleet.cells() * simulatedDays * reps;
        double failures = failuresPerDay * simulatedDays * reps;
        System.out.printf("  shared past: %d of %d days; %d pool-days simulated per replication (%d without sharing)%n",
                shared, horizon + warmup, fleet.cells() * simulatedDays, fleet.cells() * (horizon + warmup) * plans.size());
        System.out.printf("Monte Carlo, 3 scenarios: median %.3f s (min %.3f, max %.3f) over %d runs%n", median,
                nanos[0] / 1e9, nanos[runs - 1] / 1e9, runs);
        System.out.printf("  %.1f million pool-day updates per second, %.1f million failures per second (%,.0f failures "
                + "a day in the fleet)%n", poolDays / median / 1e6, failures / median / 1e6, failuresPerDay);
        long[] analytic = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            for (Plan p : plans) {
                lost += AnalyticForecast.run(fleet, p, warmup, horizon, 7).unitsDown()[0];
            }
            analytic[i] = System.nanoTime() - t0;
        }
        Arrays.sort(analytic);
        System.out.printf("Analytic path, 3 scenarios: median %.1f ms (min %.1f, max %.1f)%n", analytic[runs / 2] / 1e6,
                analytic[0] / 1e6, analytic[runs - 1] / 1e6);
        System.out.println(lost > 0 ? "" : " ");
    }

    /** Sites of 5,000 machines each on average (between 2,000 and 8,000), 85% Bitmain S21, 15% MicroBT M60S. */
    public static Fleet referenceFleet(int miners, int siteCount) {
        List<String> sites = new ArrayList<>();
        List<String> vendors = List.of("BITMAIN", "MICROBT");
        List<String> kinds = List.of("HASHBOARD", "FAN", "PSU", "CONTROL_BOARD");
        int[] machines = new int[siteCount * 2];
        double[] ths = new double[siteCount * 2];
        int[] sockets = new int[siteCount * 2 * 4];
        int[] spares = new int[siteCount * 2 * 4];
        int[][] perMachine = {{3, 4, 1, 1}, {3, 2, 0, 1}};
        double[] weights = new double[siteCount];
        double total = 0;
        for (int s = 0; s < siteCount; s++) {
            weights[s] = 2 + 6.0 * s / Math.max(1, siteCount - 1);
            total += weights[s];
        }
        int left = miners;
        for (int s = 0; s < siteCount; s++) {
            sites.add("SITE" + (s + 1));
            int here = s == siteCount - 1 ? left : (int) Math.round(miners * weights[s] / total);
            left -= here;
            int bitmain = (int) Math.round(here * 0.85);
            machines[s * 2] = bitmain;
            machines[s * 2 + 1] = here - bitmain;
            ths[s * 2] = 200;
            ths[s * 2 + 1] = 186;
            for (int v = 0; v < 2; v++) {
                for (int k = 0; k < 4; k++) {
                    int c = (s * 2 + v) * 4 + k;
                    sockets[c] = machines[s * 2 + v] * perMachine[v][k];
                    spares[c] = sockets[c] == 0 ? 0 : Math.max(2, sockets[c] / 400);
                }
            }
        }
        List<Fleet.Hub> hubs = List.of(
                new Fleet.Hub("BM-SZ", Fleet.Route.VENDOR_HUB, List.of("BITMAIN"), List.of("HASHBOARD", "PSU", "CONTROL_BOARD"),
                        true, 12, 400, 28),
                new Fleet.Hub("MB-MY", Fleet.Route.VENDOR_HUB, List.of("MICROBT"), List.of("HASHBOARD", "CONTROL_BOARD"),
                        true, 12, 150, 30),
                new Fleet.Hub("OP-GA", Fleet.Route.ONSHORE_PARTNER, List.of("BITMAIN", "MICROBT"),
                        List.of("HASHBOARD", "PSU", "CONTROL_BOARD"), false, 3, 60, 14),
                new Fleet.Hub("OP-TX", Fleet.Route.ONSHORE_PARTNER, List.of("BITMAIN", "MICROBT"),
                        List.of("HASHBOARD", "PSU"), false, 3, 40, 12));
        return new Fleet(sites, vendors, kinds, machines, ths, sockets, spares, hubs);
    }

    /**
     * The app's prior failure rates (11.5 failures per 100 machines a year; {@code scale} 0.43 gives the
     * 5% of a normal batch), route shares, holds and hubs as the demo data has them.
     */
    public static Baseline referenceBaseline(Fleet fleet, double scale) {
        double[] rates = {0.015 * scale, 0.01 * scale, 0.02 * scale, 0.005 * scale};
        Baseline.Vendorkind[] vk = new Baseline.Vendorkind[fleet.vendors().size() * 4];
        for (int v = 0; v < fleet.vendors().size(); v++) {
            for (int k = 0; k < 4; k++) {
                boolean fan = k == 1;
                vk[v * 4 + k] = new Baseline.Vendorkind(rates[k], 400, fan ? 0.2 : 0.35, fan ? 0 : 0.45,
                        fan ? 0 : 0.05, fan ? 0.8 : 0.15, 5, 0.6, 0.12, 0.05, 21, 30_000);
            }
        }
        List<app.rigtrail.forecast.domain.Plan.HubState> hubs = fleet.hubs().stream()
                .map(h -> new app.rigtrail.forecast.domain.Plan.HubState(true, h.capacityPerWeek(), h.turnaroundDays()))
                .toList();
        double mu = Math.log(14);
        return new Baseline(vk, t -> 1 - new org.hipparchus.distribution.continuous.NormalDistribution(0, 1)
                .cumulativeProbability((Math.log(t) - mu) / 1.1), "lognormal median 14 d, sigma 1.1", hubs);
    }
}
