package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import app.rigtrail.bench.ForecastBenchmark;
import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/**
 * #12 item 3: the analytic path's fast form (laws cached per distinct law, the first pass by strided
 * cumulative sums, EBO by the Poisson recursion) gives the numbers of the direct convolution it
 * replaced ({@link DirectAnalyticForecast}) to 1e-9, on random fleets and plans and on the
 * benchmark's reference workload under the three built-in scenarios.
 */
class AnalyticFastPathTest {

    private static final List<String> VENDORS = List.of("BITMAIN", "MICROBT");
    private static final List<String> KINDS = List.of("HASHBOARD", "FAN", "PSU");

    @Test
    void equalsTheDirectConvolutionOnRandomFleets() {
        SplittableRandom rnd = new SplittableRandom(20261202);
        for (int c = 0; c < 40; c++) {
            Fleet fleet = randomFleet(rnd);
            int warmup = rnd.nextInt(0, 120);
            int horizon = rnd.nextInt(20, 200);
            int days = warmup + horizon;
            Period before = randomPeriod(rnd, fleet);
            Plan plan = rnd.nextInt(4) == 0 ? Plan.unchanged("same", before)
                    : new Plan("shock", rnd.nextInt(0, days + 5), before, randomPeriod(rnd, fleet));
            int shipEvery = rnd.nextInt(1, 11);
            assertSame("case " + c, fleet, plan, warmup, horizon, shipEvery);
        }
    }

    @Test
    void equalsTheDirectConvolutionOnTheReferenceWorkload() {
        Fleet fleet = ForecastBenchmark.referenceFleet(100_000, 20);
        Baseline baseline = ForecastBenchmark.referenceBaseline(fleet, 1);
        for (int warmup : new int[] {60, 365}) {
            List<Plan> plans = ScenarioResolver.compileAll(
                    BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::name).toList(),
                    BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::parameters).toList(), baseline,
                    fleet, LocalDate.of(2026, 11, 23), warmup);
            for (Plan plan : plans) {
                assertSame(plan.name() + " after " + warmup, fleet, plan, warmup, 180, 7);
                assertSame(plan.name() + " after " + warmup + ", infinite source", fleet.infiniteSource(), plan,
                        warmup, 180, 7);
            }
        }
    }

    private static void assertSame(String name, Fleet fleet, Plan plan, int warmup, int horizon, int shipEvery) {
        double[][] direct = DirectAnalyticForecast.run(fleet, plan, warmup, horizon, shipEvery);
        AnalyticForecast.Result fast = AnalyticForecast.run(fleet, plan, warmup, horizon, shipEvery);
        double[][] got = {fast.pipelineMean(), fast.backorders(), fast.unitsDown(), fast.hashrateDownThs()};
        String[] what = {"pipeline", "backorders", "units down", "TH/s down"};
        double sum = 0;
        for (int q = 0; q < 4; q++) {
            assertEquals(horizon, got[q].length);
            for (int j = 0; j < horizon; j++) {
                assertEquals(direct[q][j], got[q][j], 1e-9 * Math.max(1, Math.abs(direct[q][j])),
                        name + ": " + what[q] + " on day " + j);
                sum += direct[q][j];
            }
        }
        assertTrue(sum >= 0);
    }

    private static Fleet randomFleet(SplittableRandom rnd) {
        int sites = rnd.nextInt(1, 10);
        List<String> vendors = rnd.nextBoolean() ? VENDORS : List.of("BITMAIN");
        List<String> kinds = KINDS.subList(0, rnd.nextInt(1, KINDS.size() + 1));
        List<String> siteNames = new ArrayList<>();
        int[] machines = new int[sites * vendors.size()];
        double[] ths = new double[machines.length];
        int[] sockets = new int[machines.length * kinds.size()];
        int[] spares = new int[sockets.length];
        for (int s = 0; s < sites; s++) {
            siteNames.add("S" + s);
        }
        for (int sv = 0; sv < machines.length; sv++) {
            machines[sv] = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(1, 6000);
            ths[sv] = rnd.nextDouble(90, 220);
            for (int k = 0; k < kinds.size(); k++) {
                int c = sv * kinds.size() + k;
                sockets[c] = machines[sv] * rnd.nextInt(0, 5);
                spares[c] = rnd.nextInt(0, 5 + sockets[c] / 200);
            }
        }
        List<Hub> hubs = new ArrayList<>();
        int n = rnd.nextInt(1, 5);
        for (int h = 0; h < n; h++) {
            List<String> hv = rnd.nextBoolean() ? vendors : List.of(vendors.get(rnd.nextInt(vendors.size())));
            List<String> hk = rnd.nextBoolean() ? kinds : List.of(kinds.get(rnd.nextInt(kinds.size())));
            hubs.add(new Hub("H" + h, rnd.nextBoolean() ? Route.VENDOR_HUB : Route.ONSHORE_PARTNER, hv, hk,
                    rnd.nextBoolean(), rnd.nextInt(1, 16), Integer.MAX_VALUE, rnd.nextInt(3, 40)));
        }
        Fleet fleet = new Fleet(siteNames, vendors, kinds, machines, ths, sockets, spares, hubs);
        if (rnd.nextBoolean()) {
            fleet = fleet.infiniteSource();
        }
        return fleet.with(null, rnd.nextBoolean() ? 0 : rnd.nextDouble(0, 2), null);
    }

    private static Period randomPeriod(SplittableRandom rnd, Fleet fleet) {
        Regime[] regimes = new Regime[fleet.vendors().size() * fleet.partKinds().size()];
        for (int i = 0; i < regimes.length; i++) {
            double[] w = new double[4];
            double sum = 0;
            for (int r = 0; r < 4; r++) {
                w[r] = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble();
                sum += w[r];
            }
            if (sum == 0) {
                w[0] = sum = 1;
            }
            double bench = w[0] / sum;
            double vendor = w[1] / sum;
            double onshore = w[2] / sum;
            double scrap = 1 - bench - vendor - onshore;
            Plan.Fallback[] fallbacks = Plan.Fallback.values();
            regimes[i] = new Regime(rnd.nextInt(6) == 0 ? 0 : rnd.nextDouble(0.005, 0.3), 0, bench, vendor, onshore,
                    Math.max(0, scrap), DiscreteDuration.lognormal(rnd.nextDouble(1, 20), rnd.nextDouble(0, 1)),
                    rnd.nextDouble(0, 0.4), DiscreteDuration.lognormal(rnd.nextDouble(2, 40), rnd.nextDouble(0.2, 1.3)),
                    rnd.nextDouble(0, 0.3), rnd.nextInt(3, 60), rnd.nextBoolean(), 10_000, rnd.nextDouble(0, 0.2),
                    fallbacks[rnd.nextInt(fallbacks.length)]);
        }
        List<HubState> hubs = new ArrayList<>();
        for (Hub h : fleet.hubs()) {
            hubs.add(new HubState(rnd.nextInt(5) != 0, Integer.MAX_VALUE, rnd.nextInt(3, 45)));
        }
        return new Period(regimes, List.copyOf(hubs));
    }
}
