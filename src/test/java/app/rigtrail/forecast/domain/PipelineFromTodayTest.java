package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hipparchus.analysis.integration.SimpsonIntegrator;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.LiveState.Item;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/** The forecast from today's pipeline (#12): day 0, residual lives, swap time, technicians, fallbacks. */
class PipelineFromTodayTest {

    private static final List<Hub> HUBS = List.of(Fixtures.OVERSEAS, Fixtures.ONSHORE);
    private static final List<String> KINDS = List.of("HASHBOARD", "FAN");

    /** Items at every stage of the dashboard's backlog, machines down with and without them, an order. */
    private static LiveState handBuilt(Fleet f) {
        List<Item> items = new ArrayList<>();
        int hb0 = f.cell(0, 0, 0);
        int fan0 = f.cell(0, 0, 1);
        int hb1 = f.cell(1, 0, 0);
        for (int i = 0; i < 3; i++) {
            items.add(new Item(Stage.AWAITING_DIAGNOSIS, i == 0 ? fan0 : hb0, -1, -1, Double.NaN, false, true));
        }
        items.add(new Item(Stage.AWAITING_DIAGNOSIS, hb1, -1, -1, Double.NaN, false, false));
        items.add(new Item(Stage.AWAITING_SPARE, hb0, -1, -1, Double.NaN, false, true));
        items.add(new Item(Stage.AWAITING_SPARE, hb1, -1, -1, Double.NaN, false, true));
        items.add(new Item(Stage.AWAITING_SPARE, fan0, -1, -1, Double.NaN, false, false));
        items.add(new Item(Stage.BENCH_REPAIR, fan0, -1, -1, 3, false, true));
        items.add(new Item(Stage.BENCH_REPAIR, hb1, -1, -1, 1, false, false));
        items.add(new Item(Stage.AWAITING_RMA_SHIPMENT, hb0, -1, 0, Double.NaN, false, false));
        items.add(new Item(Stage.AWAITING_RMA_SHIPMENT, hb1, -1, -1, Double.NaN, false, true));
        items.add(new Item(Stage.IN_TRANSIT, hb0, 0, 0, Double.NaN, false, false));
        items.add(new Item(Stage.IN_TRANSIT, hb1, 1, 1, Double.NaN, false, false));
        items.add(new Item(Stage.CUSTOMS_HOLD, hb0, 0, 0, 10, true, true));
        items.add(new Item(Stage.CUSTOMS_HOLD, hb1, 0, 0, 40, true, false));
        items.add(new Item(Stage.CUSTOMS_HOLD, hb0, 0, 0, 2, false, false));
        for (int i = 0; i < 3; i++) {
            items.add(new Item(Stage.HUB_QUEUE, hb0, 1, 1, Double.NaN, false, i == 0));
        }
        items.add(new Item(Stage.HUB_REPAIR, hb0, 0, 0, Double.NaN, false, false));
        items.add(new Item(Stage.HUB_REPAIR, hb1, 0, 0, Double.NaN, false, false));
        items.add(new Item(Stage.RETURNING, hb1, 1, 1, Double.NaN, false, false));
        items.add(new Item(Stage.RETURNING, hb0, 0, 0, Double.NaN, false, true));
        return new LiveState(items, new int[] {4, 1}, 3, List.of(new LiveState.Order(hb0, 10, 6)));
    }

    private static Period baseline(Fleet f) {
        return Fixtures.period(f, new Regime(0.05, 0, 0.3, 0.4, 0.2, 0.1, DiscreteDuration.lognormal(6, 0.5), 0.05,
                DiscreteDuration.lognormal(20, 0.9), 0.1, 21, true, 25_000, 0.03, Plan.Fallback.BENCH),
                List.of(new HubState(true, 400, 28), new HubState(true, 60, 14)));
    }

    @Test
    void dayZeroIsTheLiveStateInEveryReplicationAndTheNextDaysMove() {
        Fleet base = Fixtures.fleet(new int[] {1000, 800}, KINDS, new int[] {3, 4}, 2, HUBS);
        LiveState live = handBuilt(base);
        Fleet fleet = base.with(new int[] {1, 1}, 0.1, live);
        Run run = Fixtures.engine(fleet, 60, 0, 40, 7, 2).run(Plan.unchanged("baseline", baseline(fleet)), Monitor.NONE);
        int[] expected = live.stageCounts();
        for (Stage st : Stage.values()) {
            Band b = run.stages()[st.ordinal()];
            assertEquals(expected[st.ordinal()], b.mean()[0], 1e-9, st.name());
            assertEquals(b.p10()[0], b.p90()[0], 1e-9, st + " is the same in every replication");
        }
        for (Stage st : Stage.values()) {
            // the hand-built fleet has something at every stage the dashboard shows (lost parts are the engine's own)
            assertTrue(st == Stage.LOST || expected[st.ordinal()] > 0, st + " has no item on day 0");
        }
        assertEquals(live.machinesDown(), run.unitsDown().mean()[0], 1e-9);
        assertEquals(15, live.machinesDown()); // 5 without an item, 10 items holding their machine down
        // per site: site 0 holds 4 down without an item and 8 items down (3 diagnosis, spare, bench, hold, queue, returning)
        assertEquals(4 + 8, run.siteUnitsDown()[0].mean()[0], 1e-9);
        // the next day the technicians have seen the four waiting for diagnosis
        assertTrue(run.stages()[Stage.AWAITING_DIAGNOSIS.ordinal()].mean()[1] < 2);
        // the order arrives on day 10, the outbound hold and transit resolve within weeks
        assertEquals(0, run.stages()[Stage.ON_ORDER.ordinal()].mean()[10] - expectedReplacementsOnOrder(run, 10), 6);
        assertTrue(run.stages()[Stage.IN_TRANSIT.ordinal()].mean()[0] == 2);
    }

    private static double expectedReplacementsOnOrder(Run run, int day) {
        return Math.max(0, run.stages()[Stage.ON_ORDER.ordinal()].mean()[day]);
    }

    /** The residual of a hold a days old: its draws have E[X - a | X > a], which brackets the continuous law's. */
    @Test
    void residualHoldTimesReproduceTheConditionalMeanOfTheFittedModel() {
        double median = 12;
        double sigma = 0.9;
        DiscreteDuration hold = DiscreteDuration.lognormal(median, sigma);
        LogNormalDistribution continuous = new LogNormalDistribution(Math.log(median), sigma);
        SplittableRandom u = new SplittableRandom(3);
        for (int age : new int[] {0, 5, 20, 60}) {
            int n = 200_000;
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                int r = hold.residual(age, u.nextDouble());
                assertTrue(r >= 1);
                sum += r;
                sq += (double) r * r;
            }
            double mean = sum / n;
            double se = Math.sqrt((sq / n - mean * mean) / n);
            assertEquals(hold.meanResidual(age), mean, 4 * se, "age " + age);
            // the continuous law: E[X - a | X > a] = integral of S(a + x) dx / S(a), by Simpson to 2,000 days
            double sA = 1 - continuous.cumulativeProbability(age);
            double integral = new SimpsonIntegrator(1e-9, 1e-9, 3, 30).integrate(10_000_000,
                    x -> 1 - continuous.cumulativeProbability(age + x), 0, 2000);
            double exact = integral / sA;
            // whole days: the discrete duration is the continuous one rounded up, so its residual is within a day above
            assertTrue(hold.meanResidual(age) >= exact - 0.05 && hold.meanResidual(age) <= exact + 1.05,
                    "age " + age + ": " + hold.meanResidual(age) + " against " + exact);
        }
        // older holds have longer residuals under a lognormal (decreasing hazard in the tail)
        assertTrue(hold.meanResidual(60) > hold.meanResidual(5));
        // and a model fitted as the forecast fits the fleet's holds (the dwell fit, open holds censored): the
        // engine's residual draws against the fitted model's own E[T - a | T > a]
        SplittableRandom data = new SplittableRandom(11);
        List<app.rigtrail.dwell.domain.Observation> holds = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double t = 9 * Math.pow(-Math.log(1 - data.nextDouble()), 1 / 0.8);
            double seen = 40 * data.nextDouble() + 5;
            holds.add(new app.rigtrail.dwell.domain.Observation(Math.max(0.5, Math.min(t, seen)), t <= seen, 1, null));
        }
        app.rigtrail.dwell.domain.WeibullFit fit = app.rigtrail.dwell.domain.WeibullFit.fit(holds);
        DiscreteDuration fitted = DiscreteDuration.fromSurvival(fit::survival, 1, 0);
        for (int age : new int[] {0, 7, 30}) {
            int n = 200_000;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += fitted.residual(age, u.nextDouble());
            }
            double exact = fit.meanRemaining(age);
            assertTrue(sum / n >= exact - 0.3 && sum / n <= exact + 1.3, "fitted Weibull (shape " + fit.shape()
                    + "), age " + age + ": " + sum / n + " against " + exact);
        }
    }

    /** Little: with a spare always on the shelf, machines down = failures a day x swap days. */
    @Test
    void aStockedShelfWithSwapTimeCostsTheAvailabilityOfTheSwap() {
        Fleet base = Fixtures.fleet(new int[] {5000}, List.of("HASHBOARD"), new int[] {3}, 100_000, HUBS);
        Plan plan = Plan.unchanged("bench", Fixtures.period(base, Fixtures.bench(0.3, 5, 0.5),
                Fixtures.uncapacitated(HUBS)));
        double perDay = 15_000 * 0.3 / 365.0;
        for (double swap : new double[] {0.25, 1.6}) {
            Run run = Fixtures.engine(base.with(null, swap, null), 180, 0, 400, 5, 2).run(plan, Monitor.NONE);
            double mean = 0;
            double var = 0;
            for (int d = 10; d < 180; d++) {
                mean += run.unitsDown().mean()[d] / 170;
                var += Math.pow(run.unitsDown().sd()[d], 2) / 170;
            }
            // days are correlated at most over the swap time: a conservative standard error
            double se = Math.sqrt(var / (400.0 * 170 / (1 + 2 * swap)));
            assertEquals(perDay * swap, mean, 4 * se + 0.01 * perDay * swap, "swap " + swap);
        }
        Run instant = Fixtures.engine(base, 180, 0, 50, 5, 2).run(plan, Monitor.NONE);
        assertEquals(0, Arrays.stream(instant.unitsDown().mean()).max().orElseThrow(), 1e-9);
    }

    /** Technicians are servers: 15 failures a day against 10 diagnoses a day queue at 5 a day. */
    @Test
    void aSiteShortOfTechniciansBuildsItsDiagnosisQueueAtTheExcess() {
        Fleet base = Fixtures.fleet(new int[] {9125}, List.of("HASHBOARD"), new int[] {3}, 100_000, HUBS).infiniteSource();
        double rate = 15 * 365.0 / (9125 * 3);
        Plan plan = Plan.unchanged("bench", Fixtures.period(base, Fixtures.bench(rate, 5, 0.5),
                Fixtures.uncapacitated(HUBS)));
        Run run = Fixtures.engine(base.with(new int[] {1}, 0, null), 120, 0, 200, 9, 2).run(plan, Monitor.NONE);
        double[] queue = run.stages()[Stage.AWAITING_DIAGNOSIS.ordinal()].mean();
        double slope = (queue[119] - queue[40]) / 79;
        assertEquals(5, slope, 0.25);
        // the machines waiting are down: units down follow the queue
        assertEquals(queue[119], run.unitsDown().mean()[119], 1e-9);
        Run plenty = Fixtures.engine(base.with(new int[] {3}, 0, null), 120, 0, 50, 9, 2).run(plan, Monitor.NONE);
        assertTrue(plenty.stages()[Stage.AWAITING_DIAGNOSIS.ordinal()].mean()[119] < 1);
    }

    /** Before its date a scenario is its baseline, bit for bit, from the same live state. */
    @Test
    void aScenarioEqualsTheBaselineUntilItsDateFromTheLiveState() {
        Fleet base = Fixtures.fleet(new int[] {1000, 800}, KINDS, new int[] {3, 4}, 2, HUBS);
        Fleet fleet = base.with(new int[] {1, 1}, 0.1, handBuilt(base));
        Period before = baseline(fleet);
        Period after = Fixtures.period(fleet, new Regime(0.08, 0, 0.2, 0.6, 0.1, 0.1, DiscreteDuration.lognormal(6, 0.5),
                0.4, DiscreteDuration.lognormal(40, 0.9), 0.2, 60, false, 25_000, 0.4, Plan.Fallback.SCRAP),
                List.of(new HubState(false, 400, 28), new HubState(true, 20, 14)));
        // the baseline as a scenario changing nothing on the same day (the built-ins all change on one day)
        Plan unchanged = new Plan("baseline", 30, before, before);
        Plan shocked = new Plan("shock on day 30", 30, before, after);
        List<Run> runs = Fixtures.engine(fleet, 90, 0, 60, 13, 2).run(List.of(unchanged, shocked), Monitor.NONE);
        float[] a = runs.get(0).unitsDownByReplication();
        float[] b = runs.get(1).unitsDownByReplication();
        int reps = 60;
        assertArrayEquals(Arrays.copyOfRange(a, 0, 30 * reps), Arrays.copyOfRange(b, 0, 30 * reps));
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 30 * reps, 90 * reps), Arrays.copyOfRange(b, 30 * reps, 90 * reps)));
        // and alone it gives what it gives with the other
        Run alone = Fixtures.engine(fleet, 90, 0, 60, 13, 2).run(shocked, Monitor.NONE);
        assertArrayEquals(alone.unitsDownByReplication(), b);
    }

    /** Every built-in scenario on a fleet whose hubs take no fans: nothing waits for ever, the fallback is counted. */
    @Test
    void noPartWaitsForEverUnderAnyBuiltInScenario() {
        Fleet fleet = Fixtures.fleet(new int[] {3000, 2000}, KINDS, new int[] {3, 4}, 5, HUBS)
                .with(new int[] {2, 1}, 0.1, null);
        Baseline.Vendorkind hb = new Baseline.Vendorkind(0.05, 20, 0.35, 0.45, 0.05, 0.15, 5, 0.6, 0.06, 0.05, 21,
                30_000, 0.03);
        Baseline.Vendorkind fan = new Baseline.Vendorkind(0.03, 20, 0.2, 0, 0, 0.8, 2, 0.5, 0.06, 0.05, 14, 2_000, 0.03);
        Baseline baseline = new Baseline(new Baseline.Vendorkind[] {hb, fan},
                t -> 1 - new LogNormalDistribution(Math.log(6), 1.2).cumulativeProbability(t), "lognormal",
                List.of(new HubState(true, 400, 28), new HubState(true, 60, 14)));
        List<BuiltInScenarios.BuiltIn> all = BuiltInScenarios.all();
        List<Plan> plans = ScenarioResolver.compileAll(all.stream().map(BuiltInScenarios.BuiltIn::name).toList(),
                all.stream().map(BuiltInScenarios.BuiltIn::parameters).toList(), baseline, fleet, LocalDate.of(2026, 12, 2),
                0);
        for (Plan p : plans) {
            assertEquals(BuiltInScenarios.AFTER_DAYS, p.shockDay(), p.name());
        }
        List<Run> runs = Fixtures.engine(fleet, 180, 0, 100, 17, 2).run(plans, Monitor.NONE);
        double failuresPerWeek = 7 * (15_000 * 0.05 + 20_000 * 0.03) / 365.0 * 1.2;
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            for (Stage st : List.of(Stage.AWAITING_RMA_SHIPMENT, Stage.AWAITING_DIAGNOSIS)) {
                for (int d = 0; d < 180; d++) {
                    assertTrue(run.stages()[st.ordinal()].mean()[d] <= failuresPerWeek,
                            plans.get(i).name() + " " + st + " day " + d + ": " + run.stages()[st.ordinal()].mean()[d]);
                }
            }
            double fallback = Arrays.stream(run.fallbackParts()).average().orElseThrow();
            if (i == 0) {
                assertEquals(0, fallback, 1e-9, "the review fades routes no fan to a hub");
            } else {
                assertTrue(fallback > 10, plans.get(i).name() + " sends fans (or Bitmain's parts) to the fallback");
            }
        }
        // the three futures differ after day 30
        double[] fades = runs.get(0).unitsDown().mean();
        double[] entity = runs.get(2).unitsDown().mean();
        assertTrue(entity[179] > fades[179], "the entity list costs machines");
    }
}
