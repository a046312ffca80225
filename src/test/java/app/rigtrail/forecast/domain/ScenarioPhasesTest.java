package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.Baseline.Vendorkind;
import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;
import app.rigtrail.forecast.domain.ScenarioParameters.HubRule;
import app.rigtrail.forecast.domain.ScenarioParameters.Phase;
import app.rigtrail.forecast.domain.ScenarioParameters.Rule;

/**
 * Scenarios as the analysts write them: dated phases, rules for one site, the sensitive sites or a
 * model, machines ordered to stop; hubs as parallel servers; transit drawn from a law; shipping
 * cadence per site and route; storage fees and tariffs in the totals.
 */
class ScenarioPhasesTest {

    private static final LocalDate START = LocalDate.of(2027, 1, 4);
    private static final List<String> KINDS = List.of("HASHBOARD", "PSU");
    private static final Hub HUB = new Hub("BM-SZ", Route.VENDOR_HUB, List.of("BITMAIN"), KINDS, true, 12, 400, 28);

    /** Two sites of 2,000 machines, 3 hashboards and 1 PSU each, an overseas vendor hub. */
    private static Fleet fleet() {
        return Fixtures.fleet(new int[] {2000, 2000}, KINDS, new int[] {3, 1}, 30, List.of(HUB));
    }

    private static Baseline baseline(Baseline.Context context) {
        Vendorkind vk = new Vendorkind(0.08, 0, 0.4, 0.5, 0, 0.1, 5, 0.5, 0.1, 0.05, 21, 25_000, 0.05);
        return new Baseline(new Vendorkind[] {vk, vk}, t -> Math.exp(-t / 14.0), "exponential 14 days",
                List.of(new HubState(true, 400, 28)), context);
    }

    private static Rule rule(String vendor) {
        return Rule.forVendor(vendor);
    }

    private static Rule stop(boolean sensitive, String site) {
        return new Rule("BITMAIN", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, site, sensitive ? Boolean.TRUE : null, null, Boolean.TRUE);
    }

    private static Rule rate(String site, String model, Double scale) {
        return new Rule("BITMAIN", null, null, scale, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, site, null, model, null);
    }

    private static Rule closeHubsAndTariff() {
        return new Rule("BITMAIN", null, null, 3.0, 0.3, 0.0, 0.0, 0.7, null, null, null, null, null, null, null,
                null, null, 25.0, null, false, null);
    }

    private static Run run(Fleet fleet, Plan plan, int horizon, int reps) {
        return Fixtures.engine(fleet, horizon, 0, reps, 42, 2).run(plan, Monitor.NONE);
    }

    @Test
    void aPhasedScenarioEqualsItsFirstPhaseBitForBitUntilTheSecondDate() {
        Fleet fleet = fleet();
        Baseline baseline = baseline(Baseline.Context.NONE);
        List<Rule> first = List.of(new Rule("BITMAIN", null, null, null, null, null, null, null, null, 2.0, 1.5, null,
                null, null, null, null, null, 10.0, null, null, null));
        ScenarioParameters oneChange = new ScenarioParameters(null, null, first, List.of(), 30, "BENCH");
        ScenarioParameters phased = new ScenarioParameters(null, null, first, List.of(), 30, "BENCH",
                List.of(new Phase(120, null, List.of(closeHubsAndTariff()), List.of(), "SCRAP")));
        Plan a = ScenarioResolver.compile("one change", oneChange, baseline, fleet, START, 0);
        Plan b = ScenarioResolver.compile("phased", phased, baseline, fleet, START, 0);
        assertEquals(3, b.periods().length);
        assertEquals(30, b.shockDay());
        assertEquals(120, b.starts()[2]);
        int horizon = 180;
        int reps = 40;
        Run ra = run(fleet, a, horizon, reps);
        Run rb = run(fleet, b, horizon, reps);
        for (int d = 0; d < 120; d++) {
            for (int r = 0; r < reps; r++) {
                assertEquals(ra.unitsDownByReplication()[d * reps + r], rb.unitsDownByReplication()[d * reps + r],
                        "day " + d + " replication " + r);
            }
            for (Stage st : Stage.values()) {
                assertEquals(ra.stages()[st.ordinal()].mean()[d], rb.stages()[st.ordinal()].mean()[d], 0,
                        st + " on day " + d);
            }
        }
        // from the second date on the phase tells: three times the failures, no hub, more scrapped
        double lateA = mean(ra.unitsDown().mean(), 150, 180);
        double lateB = mean(rb.unitsDown().mean(), 150, 180);
        assertTrue(lateB > 1.5 * lateA, lateA + " against " + lateB);
        // tariffs: parts bought from day 30 carry the 10% tariff (2,500 of their 27,500 cents), none before
        for (int r = 0; r < reps; r++) {
            double tariffs = ra.tariffCents()[r];
            double spend = ra.spendCents()[r];
            assertEquals(0, tariffs % 2500, 0, "whole parts at 2,500 cents of tariff");
            double untaxed = spend - 11 * tariffs;
            assertTrue(untaxed >= 0 && untaxed % 25_000 == 0, "the rest bought before day 30 at 25,000: " + untaxed);
        }
        assertTrue(sum(ra.tariffCents()) > 0);
        assertTrue(sum(rb.tariffCents()) > sum(ra.tariffCents()), "25% from day 120 and more scrapped");
    }

    @Test
    void phasesComeInOrderAndNeedADayEach() {
        ScenarioParameters bad = new ScenarioParameters(null, null, List.of(), List.of(), 60, null,
                List.of(new Phase(40, null, List.of(), List.of(), null), new Phase(null, null, List.of(), List.of(), "X")));
        List<String> fields = bad.violations(List.of("BITMAIN"), KINDS, List.of("BM-SZ")).stream().map(v -> v[0])
                .toList();
        assertTrue(fields.contains("phases[0].effectiveAfterDays"), fields.toString());
        assertTrue(fields.contains("phases[1].effectiveAfterDays"), fields.toString());
        assertTrue(fields.contains("phases[1].fallback"), fields.toString());
        ScenarioParameters wrongTargets = new ScenarioParameters(null, null, List.of(rate("NOPE", null, 2.0),
                new Rule("BITMAIN", null, null, null, 0.5, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, "S19 XP", null), stop(false, null)),
                List.of(), 30, null);
        List<String[]> v = wrongTargets.violations(List.of("BITMAIN"), KINDS, List.of("BM-SZ"), List.of("S0", "S1"),
                List.of("S19 XP"));
        List<String> f2 = v.stream().map(x -> x[0]).toList();
        assertTrue(f2.contains("rules[0].site"), f2.toString());
        assertTrue(f2.contains("rules[1].model"), f2.toString());
        assertTrue(f2.contains("rules[2].stopRunning"), f2.toString());
    }

    @Test
    void aRuleForOneSiteLeavesTheOtherSiteExactlyAsItWas() {
        Fleet fleet = fleet();
        Baseline baseline = baseline(Baseline.Context.NONE);
        Plan base = ScenarioResolver.compile("baseline", new ScenarioParameters(null, null, List.of(rule("BITMAIN")),
                List.of(), 0, null), baseline, fleet, START, 0);
        Plan site1 = ScenarioResolver.compile("S1 worse", new ScenarioParameters(null, null,
                List.of(rate("S1", null, 4.0)), List.of(), 0, null), baseline, fleet, START, 0);
        assertTrue(site1.after().perSite());
        int reps = 60;
        Run r0 = run(fleet, base, 120, reps);
        Run r1 = run(fleet, site1, 120, reps);
        // the hub has room for both: site S0's pools see the same failures and the same shipments
        assertEquals(Arrays.toString(r0.siteUnitsDown()[0].mean()), Arrays.toString(r1.siteUnitsDown()[0].mean()));
        double failuresS0 = mean(r0.siteUnitsDown()[1].mean(), 60, 120);
        double failuresS1 = mean(r1.siteUnitsDown()[1].mean(), 60, 120);
        assertTrue(failuresS1 > 2.5 * failuresS0, failuresS0 + " against " + failuresS1);
    }

    @Test
    void aModelsRateMixesIntoItsPoolByItsShareOfTheSockets() {
        Fleet fleet = fleet();
        int cells = fleet.cells();
        int[] xp = new int[cells];
        // a quarter of site S1's hashboards are in S19 XP machines
        xp[fleet.cell(1, 0, 0)] = fleet.sockets()[fleet.cell(1, 0, 0)] / 4;
        Baseline baseline = baseline(new Baseline.Context(null, Map.of("S19 XP", xp), Map.of("S19 XP", "BITMAIN"), 0,
                0));
        Period p = ScenarioResolver.period(new ScenarioParameters(null, null, List.of(rate(null, "S19 XP", 3.5)),
                List.of(), 0, null), baseline, fleet);
        Regime hb = p.regime(fleet.cell(1, 0, 0), 0);
        assertEquals(0.08 * (0.75 + 0.25 * 3.5), hb.failuresPerUnitYear(), 1e-12);
        assertEquals(0.08, p.regime(fleet.cell(0, 0, 0), 0).failuresPerUnitYear(), 1e-12, "no S19 XP at S0");
        assertEquals(0.08, p.regime(fleet.cell(1, 0, 1), 1).failuresPerUnitYear(), 1e-12, "the PSUs are untouched");
        assertEquals(0.08, p.regimes()[0].failuresPerUnitYear(), 1e-12, "fleet-wide regime without targeted rules");
    }

    @Test
    void sensitiveSitesOrderedToStopHaveEveryMachineDownFromTheDate() {
        Fleet fleet = fleet();
        Baseline baseline = baseline(new Baseline.Context(new boolean[] {false, true}, Map.of(), Map.of(), 0, 0));
        Plan plan = ScenarioResolver.compile("stop at sensitive sites", new ScenarioParameters(null, null,
                List.of(stop(true, null)), List.of(), 30, null), baseline, fleet, START, 0);
        assertNotNull(plan.after().stopped());
        assertTrue(plan.after().stopped(fleet.siteVendor(1, 0)));
        assertTrue(!plan.after().stopped(fleet.siteVendor(0, 0)));
        int reps = 30;
        Run run = run(fleet, plan, 90, reps);
        Band s1 = run.siteUnitsDown()[1];
        for (int d = 30; d < 90; d++) {
            assertEquals(2000, s1.p10()[d], 0, "day " + d);
            assertEquals(2000, s1.mean()[d], 0, "day " + d);
        }
        assertTrue(s1.mean()[29] < 200, "running before the date: " + s1.mean()[29]);
        // and the sensitive site's parts stop failing: no new diagnosis there after the date
        double[] awaiting = run.siteStageMean()[1][Stage.AWAITING_DIAGNOSIS.ordinal()];
        assertEquals(0, awaiting[89], 0);
    }

    @Test
    void aHubOfServersNeverRepairsMoreAtOnceThanItHasServers() {
        Hub hub = new Hub("BM-SZ", Route.VENDOR_HUB, List.of("BITMAIN"), KINDS, false, 3, 0, 10, null,
                DiscreteDuration.lognormal(10, 0.4));
        Fleet fleet = Fixtures.fleet(new int[] {4000}, KINDS, new int[] {3, 1}, 1000, List.of(hub));
        Regime toHub = new Regime(0.1, 0, 0, 1, 0, 0, DiscreteDuration.fixed(1), 0, DiscreteDuration.fixed(1), 0, 21,
                true, 10_000);
        // 1,600 parts a year to the hub, 4.4 a day; with 60 servers of 10 days it is at 73% load
        Plan light = Plan.unchanged("60 servers", Fixtures.period(fleet, toHub, List.of(new HubState(true, 0, 10, 60))));
        Run lr = run(fleet, light, 200, 60);
        double inRepair = mean(lr.stages()[Stage.HUB_REPAIR.ordinal()].mean(), 100, 200);
        double lambda = 0.1 * 16000 / 365.0;
        assertEquals(lambda * 10, inRepair, 0.06 * lambda * 10,
                "Little: parts in repair = arrivals a day x mean repair days");
        // 20 servers cannot keep up: never more than 20 in repair, the queue grows
        Plan tight = Plan.unchanged("20 servers", Fixtures.period(fleet, toHub, List.of(new HubState(true, 0, 10, 20))));
        Run tr = run(fleet, tight, 200, 60);
        Band repair = tr.stages()[Stage.HUB_REPAIR.ordinal()];
        for (int d = 0; d < 200; d++) {
            assertTrue(repair.p90()[d] <= 20, "day " + d + ": " + repair.p90()[d]);
        }
        assertEquals(20, mean(repair.mean(), 100, 200), 1.0, "all servers busy");
        double[] queue = tr.stages()[Stage.HUB_QUEUE.ordinal()].mean();
        assertTrue(queue[199] > queue[100] + 100, "the queue grows: " + queue[100] + " to " + queue[199]);
    }

    @Test
    void transitDrawnFromItsLawKeepsLittlesLawAndADailyCadenceShipsTheSameDay() {
        DiscreteDuration transit = DiscreteDuration.lognormal(9, 0.5);
        Hub hub = new Hub("BM-SZ", Route.VENDOR_HUB, List.of("BITMAIN"), KINDS, false, 12, 0, 10, transit, null);
        Fleet fleet = Fixtures.fleet(new int[] {4000, 4000}, KINDS, new int[] {3, 1}, 1000, List.of(hub))
                .shippingEvery(new int[] {1, 1, 7, 7});
        Regime toHub = new Regime(0.1, 0, 0, 1, 0, 0, DiscreteDuration.fixed(1), 0, DiscreteDuration.fixed(1), 0, 21,
                true, 10_000);
        Plan plan = Plan.unchanged("transit", Fixtures.period(fleet, toHub,
                List.of(new HubState(true, Integer.MAX_VALUE, 10))));
        Run run = run(fleet, plan, 150, 80);
        double lambdaSite = 0.1 * 16000 / 365.0;
        double[] awaitingS0 = run.siteStageMean()[0][Stage.AWAITING_RMA_SHIPMENT.ordinal()];
        double[] awaitingS1 = run.siteStageMean()[1][Stage.AWAITING_RMA_SHIPMENT.ordinal()];
        for (int d = 1; d < 150; d++) {
            assertEquals(0, awaitingS0[d], 0, "daily shipping leaves nothing waiting, day " + d);
        }
        // weekly: on average three days' parts wait ((0 + 1 + ... + 6) / 7)
        assertEquals(3 * lambdaSite, mean(awaitingS1, 50, 150), 0.1 * 3 * lambdaSite);
        double inTransit = mean(run.siteStageMean()[0][Stage.IN_TRANSIT.ordinal()], 50, 150);
        assertEquals(lambdaSite * transit.mean(), inTransit, 0.06 * lambdaSite * transit.mean(),
                "Little: parts in transit = parts shipped a day x mean transit days");
    }

    @Test
    void storageFeesAreChargedForEveryHeldDayPastTheFreeDays() {
        Fleet fleet = fleet();
        // every return crossing held exactly 15 days, 5 of them free, $2 a unit and day after that
        Regime held = new Regime(0.1, 0, 0, 1, 0, 0, DiscreteDuration.fixed(1), 1, DiscreteDuration.fixed(15), 0, 21,
                true, 10_000, 0, Plan.Fallback.BENCH, 0, 5, 200);
        Plan plan = Plan.unchanged("held", Fixtures.period(fleet, held,
                List.of(new HubState(true, Integer.MAX_VALUE, 28))));
        Run run = run(fleet, plan, 200, 40);
        double heldPartDays = 0;
        Band hold = run.stages()[Stage.CUSTOMS_HOLD.ordinal()];
        for (int d = 0; d < 200; d++) {
            heldPartDays += hold.mean()[d];
        }
        double fees = sum(run.storageFeesCents()) / run.replications();
        for (double f : run.storageFeesCents()) {
            assertEquals(0, f % 2000, 0, "each held part pays 10 days x 200 cents");
        }
        // each held part spends 15 days in the stage and pays for 10 (holds still open at the end pay in full)
        assertEquals(heldPartDays * 10 / 15 * 200, fees, 0.12 * fees);
        assertTrue(fees > 0);
    }

    private static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }
}
