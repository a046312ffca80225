package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    /**
     * The steady form (stationary pre-history in closed form after a few weeks run explicitly) equals the
     * direct convolution after a warm-up from empty long enough that nothing of its start is left (more
     * than twice the longest time a part can be away, in whole shipping cycles so that the shipping days
     * fall alike), to 1e-9, on random fleets and plans whose first period has a steady state (every hub
     * open, orders allowed).
     */
    @Test
    void theSteadyFormEqualsTheDirectConvolutionAfterAWarmUpLongEnough() {
        SplittableRandom rnd = new SplittableRandom(20261203);
        for (int c = 0; c < 6; c++) {
            Fleet fleet = smallFleet(rnd, false);
            int shipEvery = rnd.nextInt(1, 8);
            int horizon = rnd.nextInt(30, 120);
            Period before = steadyPeriod(rnd, fleet, true);
            Period after = steadyPeriod(rnd, fleet, rnd.nextBoolean());
            int shock = rnd.nextInt(0, horizon + 5);
            int pre = AnalyticForecast.steadyWarmupDays(fleet, shipEvery);
            assertSteadyEqualsDirect("case " + c, fleet, shipEvery, horizon, before, after, shock, pre,
                    rnd.nextInt(4) == 0);
        }
    }

    /**
     * The steady form with a warm-up that is not a whole number of shipping cycles (the days before the
     * reported ones are then not folded into the tail sums: the stationary days are found from day 0 on)
     * equals the direct convolution after a warm-up long enough, shipping days aligned, to 1e-9.
     */
    @Test
    void theSteadyFormWithAnUnevenWarmUpEqualsTheDirectConvolution() {
        SplittableRandom rnd = new SplittableRandom(20261206);
        for (int c = 0; c < 5; c++) {
            Fleet fleet = smallFleet(rnd, false);
            int shipEvery = rnd.nextInt(2, 8);
            int horizon = rnd.nextInt(30, 120);
            Period before = steadyPeriod(rnd, fleet, true);
            Period after = steadyPeriod(rnd, fleet, rnd.nextBoolean());
            int shock = rnd.nextInt(0, horizon + 5);
            int pre = AnalyticForecast.steadyWarmupDays(fleet, shipEvery) + rnd.nextInt(1, shipEvery);
            assertSteadyEqualsDirect("case " + c, fleet, shipEvery, horizon, before, after, shock, pre, c == 0);
        }
    }

    /**
     * The steady form after {@code pre} days equals the direct convolution after a warm-up from empty long
     * enough (shipping days aligned) to 1e-9 on every series and day; the plan unchanged or shocked on day
     * {@code shock} of the horizon.
     */
    private static void assertSteadyEqualsDirect(String label, Fleet fleet, int shipEvery, int horizon, Period before,
            Period after, int shock, int pre, boolean unchanged) {
        int big = pre + shipEvery * (int) Math.ceil(1800.0 / shipEvery);
        Plan fast = unchanged ? Plan.unchanged("same", before) : new Plan("shock", pre + shock, before, after);
        Plan slow = fast.before() == fast.after() ? fast : new Plan("shock", big + shock, before, after);
        double[][] direct = DirectAnalyticForecast.run(fleet, slow, big, horizon, shipEvery);
        AnalyticForecast.Result steady = AnalyticForecast.steady(fleet, fast, pre, horizon, shipEvery);
        double[][] got = {steady.pipelineMean(), steady.backorders(), steady.unitsDown(), steady.hashrateDownThs()};
        for (int q = 0; q < 4; q++) {
            for (int j = 0; j < horizon; j++) {
                assertEquals(direct[q][j], got[q][j], 1e-9 * Math.max(1, Math.abs(direct[q][j])),
                        label + ", series " + q + " on day " + j);
            }
        }
        // not vacuous: the pipeline is full from day 0, where an empty start holds nothing on its first day
        assertTrue(got[0][0] > 1, label + ": " + got[0][0]);
    }

    /**
     * The steady form on a smaller reference fleet (two sites, so two shipping phases) under the three
     * built-ins, as ForecastService calls it (the plans in one call): equal to the direct convolution
     * after a warm-up from empty longer than twice the longest time a part can be away (the hold law
     * ends at 730 days), to 1e-9. The steady form folds the failure days before the first change into
     * the stationary tail sums (AnalyticForecast.foldStationary); here those are 30 days of every plan.
     */
    @Test
    void theSteadyFormEqualsTheDirectConvolutionOnASmallerReferenceWorkload() {
        Fleet fleet = ForecastBenchmark.referenceFleet(10_000, 2);
        Baseline baseline = ForecastBenchmark.referenceBaseline(fleet, 1);
        int pre = AnalyticForecast.steadyWarmupDays(fleet, 7);
        int big = pre + 7 * (int) Math.ceil(1800.0 / 7);
        List<Plan> fast = builtIns(baseline, fleet, pre);
        List<Plan> slow = builtIns(baseline, fleet, big);
        List<AnalyticForecast.Result> steady = AnalyticForecast.steady(fleet, fast, pre, 180, 7);
        for (int i = 0; i < fast.size(); i++) {
            assertEquals(fast.get(i).shockDay() - pre, slow.get(i).shockDay() - big, fast.get(i).name());
            double[][] direct = DirectAnalyticForecast.run(fleet, slow.get(i), big, 180, 7);
            AnalyticForecast.Result got = steady.get(i);
            double[][] series = {got.pipelineMean(), got.backorders(), got.unitsDown(), got.hashrateDownThs()};
            for (int q = 0; q < 4; q++) {
                for (int j = 0; j < 180; j++) {
                    assertEquals(direct[q][j], series[q][j], 1e-9 * Math.max(1, Math.abs(direct[q][j])),
                            fast.get(i).name() + ", series " + q + " on day " + j);
                }
            }
            // not vacuous: the pipeline is full and machines are down from day 0 on, and the change moves them
            assertTrue(series[0][0] > 1 && series[2][0] > 0, fast.get(i).name() + ": " + series[2][0]);
            assertNotEquals(series[2][0], series[2][179], fast.get(i).name());
        }
    }

    private static List<Plan> builtIns(Baseline baseline, Fleet fleet, int warmup) {
        return ScenarioResolver.compileAll(BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::name).toList(),
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::parameters).toList(), baseline, fleet,
                LocalDate.of(2026, 11, 23), warmup);
    }

    /**
     * Several plans in one call (the laws of the baseline period they share computed once) give the
     * same bits as one call per plan: on random fleets with a shared first period and on the reference
     * workload's three built-ins, as ForecastService calls it.
     */
    @Test
    void severalPlansInOneCallGiveTheBitsOfOneCallEach() {
        SplittableRandom rnd = new SplittableRandom(20261205);
        for (int c = 0; c < 8; c++) {
            Fleet fleet = smallFleet(rnd, c % 2 == 1);
            int shipEvery = rnd.nextInt(1, 8);
            int horizon = rnd.nextInt(30, 120);
            int pre = AnalyticForecast.steadyWarmupDays(fleet, shipEvery);
            Period before = steadyPeriod(rnd, fleet, true);
            List<Plan> plans = List.of(Plan.unchanged("same", before),
                    new Plan("shock", pre + rnd.nextInt(0, horizon), before, steadyPeriod(rnd, fleet, rnd.nextBoolean())),
                    new Plan("other", pre + rnd.nextInt(0, horizon), before, randomPeriod(rnd, fleet)));
            assertSameBits("case " + c, fleet, plans, pre, horizon, shipEvery);
        }
        Fleet fleet = ForecastBenchmark.referenceFleet(100_000, 20);
        Baseline baseline = ForecastBenchmark.referenceBaseline(fleet, 1);
        int pre = AnalyticForecast.steadyWarmupDays(fleet, 7);
        List<Plan> plans = ScenarioResolver.compileAll(
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::name).toList(),
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::parameters).toList(), baseline, fleet,
                LocalDate.of(2026, 11, 23), pre);
        assertSameBits("reference", fleet, plans, pre, 180, 7);
    }

    private static void assertSameBits(String name, Fleet fleet, List<Plan> plans, int pre, int horizon, int shipEvery) {
        List<AnalyticForecast.Result> all = AnalyticForecast.steady(fleet, plans, pre, horizon, shipEvery);
        assertEquals(plans.size(), all.size(), name);
        for (int i = 0; i < plans.size(); i++) {
            AnalyticForecast.Result one = AnalyticForecast.steady(fleet, plans.get(i), pre, horizon, shipEvery);
            AnalyticForecast.Result shared = all.get(i);
            String what = name + ", plan " + plans.get(i).name();
            assertArrayEquals(one.pipelineMean(), shared.pipelineMean(), what);
            assertArrayEquals(one.backorders(), shared.backorders(), what);
            assertArrayEquals(one.unitsDown(), shared.unitsDown(), what);
            assertArrayEquals(one.hashrateDownThs(), shared.hashrateDownThs(), what);
            assertEquals(one.notValidBecause(), shared.notValidBecause(), what);
            assertEquals(horizon, shared.pipelineMean().length, what);
        }
        // not vacuous: the plans are not all answered alike (the changed ones differ from the unchanged by the end)
        boolean differ = false;
        for (int i = 1; i < plans.size(); i++) {
            differ |= all.get(i).pipelineMean()[horizon - 1] != all.get(0).pipelineMean()[horizon - 1];
        }
        assertTrue(differ, name);
        assertNotEquals(0.0, all.get(0).pipelineMean()[0], name);
    }

    /** Hubs with a fitted repair law and a transit law: the fast form still equals the direct convolution. */
    @Test
    void withFittedHubLawsEqualsTheDirectConvolution() {
        SplittableRandom rnd = new SplittableRandom(20261204);
        for (int c = 0; c < 12; c++) {
            Fleet fleet = smallFleet(rnd, true);
            int warmup = rnd.nextInt(0, 90);
            int horizon = rnd.nextInt(20, 120);
            Period before = randomPeriod(rnd, fleet);
            Plan plan = rnd.nextInt(4) == 0 ? Plan.unchanged("same", before)
                    : new Plan("shock", rnd.nextInt(0, warmup + horizon + 5), before, randomPeriod(rnd, fleet));
            assertSame("case " + c, fleet, plan, warmup, horizon, rnd.nextInt(1, 11));
        }
    }

    /**
     * Palm: from the steady state, shipped every day under an unchanged plan, the pipeline is flat at
     * failures a day x mean days away, summed over the pools, where only the laws' means enter (derived
     * here from the inputs: bench, transit both ways, the repair law's discretised mean, holds).
     */
    @Test
    void fromTheSteadyStateThePipelineIsPalmsMean() {
        DiscreteDuration repair = DiscreteDuration.lognormal(20, 0.4);
        DiscreteDuration transit = DiscreteDuration.lognormal(9, 0.3);
        Hub hub = new Hub("H", Route.VENDOR_HUB, VENDORS, KINDS, true, 9, Integer.MAX_VALUE, 21, transit, repair);
        Fleet fleet = Fixtures.fleet(new int[] {3000, 2000}, KINDS, new int[] {3, 2, 1}, 50, List.of(hub))
                .infiniteSource();
        DiscreteDuration bench = DiscreteDuration.lognormal(5, 0.5);
        DiscreteDuration hold = DiscreteDuration.lognormal(12, 0.6);
        Regime r = new Regime(0.08, 0, 0.5, 0.5, 0, 0, bench, 0.05, hold, 0, 30, true, 10_000, 0, Plan.Fallback.BENCH);
        Plan plan = Plan.unchanged("same", Fixtures.period(fleet, r, Fixtures.uncapacitated(fleet.hubs())));
        int pre = AnalyticForecast.steadyWarmupDays(fleet, 1);
        double[] pipeline = AnalyticForecast.steady(fleet, plan, pre, 90, 1).pipelineMean();
        double[] py = AnalyticForecast.repairLaw(repair, 21);
        double meanRepair = 0;
        for (int k = 0; k < py.length; k++) {
            meanRepair += k * py[k];
        }
        // out: the transit's mean rounded (no outbound hold); back: the transit law's mean, then held for the hold
        double away = 0.5 * bench.mean() + 0.5 * (Math.round(transit.mean()) + meanRepair + transit.mean()
                + 0.05 * hold.mean());
        double perDay = 0;
        for (int cell = 0; cell < fleet.cells(); cell++) {
            perDay += 0.08 * fleet.sockets()[cell] / 365.0;
        }
        for (int d : new int[] {0, 45, 89}) {
            assertEquals(perDay * away, pipeline[d], 1e-6 * perDay * away, "day " + d);
        }
    }

    private static Fleet smallFleet(SplittableRandom rnd, boolean laws) {
        int sites = rnd.nextInt(1, 4);
        List<String> vendors = rnd.nextBoolean() ? VENDORS : List.of("BITMAIN");
        List<String> kinds = KINDS.subList(0, rnd.nextInt(1, 3));
        List<String> siteNames = new ArrayList<>();
        int[] machines = new int[sites * vendors.size()];
        double[] ths = new double[machines.length];
        int[] sockets = new int[machines.length * kinds.size()];
        int[] spares = new int[sockets.length];
        for (int s = 0; s < sites; s++) {
            siteNames.add("S" + s);
        }
        for (int sv = 0; sv < machines.length; sv++) {
            machines[sv] = rnd.nextInt(1, 6000);
            ths[sv] = rnd.nextDouble(90, 220);
            for (int k = 0; k < kinds.size(); k++) {
                int c = sv * kinds.size() + k;
                sockets[c] = machines[sv] * rnd.nextInt(1, 5);
                spares[c] = rnd.nextInt(0, 5 + sockets[c] / 200);
            }
        }
        List<Hub> hubs = new ArrayList<>();
        for (Route route : Route.values()) {
            int transit = rnd.nextInt(1, 16);
            hubs.add(new Hub("H" + route.ordinal(), route, vendors, kinds, rnd.nextBoolean(), transit, Integer.MAX_VALUE,
                    rnd.nextInt(3, 40), laws && rnd.nextBoolean() ? DiscreteDuration.lognormal(transit, 0.25) : null,
                    laws ? DiscreteDuration.lognormal(rnd.nextDouble(5, 30), rnd.nextDouble(0.1, 0.5)) : null));
        }
        Fleet fleet = new Fleet(siteNames, vendors, kinds, machines, ths, sockets, spares, hubs);
        if (rnd.nextBoolean()) {
            fleet = fleet.infiniteSource();
        }
        return fleet.with(null, rnd.nextBoolean() ? 0 : rnd.nextDouble(0, 2), null);
    }

    /** Short laws (the direct convolution runs over a long warm-up); orders allowed; hubs open when asked. */
    private static Period steadyPeriod(SplittableRandom rnd, Fleet fleet, boolean allOpen) {
        Regime[] regimes = new Regime[fleet.vendors().size() * fleet.partKinds().size()];
        for (int i = 0; i < regimes.length; i++) {
            double bench = rnd.nextDouble(0, 0.5);
            double vendor = rnd.nextDouble(0, 1 - bench);
            double onshore = rnd.nextDouble(0, 1 - bench - vendor);
            double scrap = Math.max(0, 1 - bench - vendor - onshore);
            regimes[i] = new Regime(rnd.nextDouble(0.01, 0.3), 0, bench, vendor, onshore, scrap,
                    DiscreteDuration.lognormal(rnd.nextDouble(1, 10), rnd.nextDouble(0, 0.5)), rnd.nextDouble(0, 0.1),
                    DiscreteDuration.lognormal(rnd.nextDouble(2, 15), rnd.nextDouble(0.2, 0.5)), rnd.nextDouble(0, 0.3),
                    rnd.nextInt(3, 60), true, 10_000, rnd.nextDouble(0, 0.1), Plan.Fallback.BENCH);
        }
        List<HubState> hubs = new ArrayList<>();
        for (Hub h : fleet.hubs()) {
            hubs.add(new HubState(allOpen || rnd.nextInt(3) != 0, Integer.MAX_VALUE, rnd.nextInt(3, 45)));
        }
        return new Period(regimes, List.copyOf(hubs));
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
