package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

class MonteCarloForecastTest {

    private static final int[] CHECK_DAYS = {9, 39, 69, 99, 129};
    /** Simultaneous 95% intervals over the checked days and quantities (Bonferroni). */
    /** The two-sided 95% z of a family of comparisons, Bonferroni-corrected for their number. */
    private static double z(int comparisons) {
        return new NormalDistribution(0, 1).inverseCumulativeProbability(1 - 0.025 / comparisons);
    }

    record Case(String name, Fleet fleet, Plan plan, boolean poissonPipeline) {
    }

    /**
     * Where Palm's assumptions hold (uncapacitated hubs, Poisson failures, known rates) the simulated
     * pipeline mean agrees with the exact M_t/G/inf transient within its 95% interval, and so do the
     * backorders with EBO(s) of that Poisson pipeline when no hold strikes a whole shipment.
     */
    @Test
    void agreesWithTheAnalyticPathWherePalmsAssumptionsHold() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS, Fixtures.ONSHORE);
        // Palm's theorem holds for an infinite source: a down machine's parts go on failing
        Fleet big = Fixtures.fleet(new int[] {3000, 1200}, List.of("HASHBOARD"), new int[] {3}, 4, hubs).infiniteSource();
        Fleet small = Fixtures.fleet(new int[] {12}, List.of("PSU"), new int[] {1}, 1, hubs).infiniteSource();
        Fleet two = Fixtures.fleet(new int[] {2500}, List.of("HASHBOARD", "PSU"), new int[] {3, 1}, 3, hubs)
                .infiniteSource();
        Period benchOnly = Fixtures.period(big, Fixtures.bench(0.05, 8, 0.6), Fixtures.uncapacitated(hubs));
        Period benchLonger = Fixtures.period(big, Fixtures.bench(0.05, 24, 0.6), Fixtures.uncapacitated(hubs));
        Period noHolds = Fixtures.period(two, Fixtures.mixed(0.04, 0.3, 0.4, 0.2, 0.1, 0, 0, true),
                Fixtures.uncapacitated(hubs));
        Period withHolds = Fixtures.period(two, Fixtures.mixed(0.04, 0.3, 0.4, 0.2, 0.1, 0.3, 0.2, true),
                Fixtures.uncapacitated(hubs));
        Period smallFleet = Fixtures.period(small, Fixtures.mixed(0.3, 0.2, 0, 0.7, 0.1, 0, 0, true),
                Fixtures.uncapacitated(hubs));
        List<Case> cases = List.of(
                new Case("bench, then longer after a shock", big, new Plan("shock", 110, benchOnly, benchLonger), true),
                new Case("all routes, no holds", two, Plan.unchanged("routes", noHolds), true),
                new Case("all routes, shipment-wide holds", two, Plan.unchanged("holds", withHolds), false),
                new Case("small fleet", small, Plan.unchanged("small", smallFleet), true));
        int warmup = 60;
        int horizon = 140;
        // every comparison below is one of the family: the test fails by chance at most 5% of the time
        int comparisons = cases.stream().mapToInt(c -> CHECK_DAYS.length * (c.poissonPipeline() ? 2 : 1)).sum();
        double zFamily = z(comparisons);
        for (Case c : cases) {
            Run sim = Fixtures.engine(c.fleet(), horizon, warmup, 1200, 11, 2).run(c.plan(), Monitor.NONE);
            AnalyticForecast.Result exact = AnalyticForecast.run(c.fleet(), c.plan(), warmup, horizon, 7);
            for (int d : CHECK_DAYS) {
                double se = sim.pipeline().sd()[d] / Math.sqrt(sim.replications());
                assertEquals(exact.pipelineMean()[d], sim.pipeline().mean()[d], zFamily * se + 1e-9,
                        c.name() + ": pipeline on day " + d);
                if (c.poissonPipeline()) {
                    double seDown = sim.unitsDown().sd()[d] / Math.sqrt(sim.replications());
                    assertEquals(exact.backorders()[d], sim.unitsDown().mean()[d], zFamily * seDown + 1e-9,
                            c.name() + ": backorders on day " + d);
                }
            }
        }
    }

    /** An independent derivation: the bench-only pipeline equals the closed-form lognormal transient. */
    @Test
    void theAnalyticPathMatchesTheClosedFormTransientForBenchRepairs() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS);
        Fleet fleet = Fixtures.fleet(new int[] {1000}, List.of("HASHBOARD"), new int[] {3}, 0, hubs).infiniteSource();
        Plan plan = new Plan("shock", 50, Fixtures.period(fleet, Fixtures.bench(0.06, 10, 0.7), Fixtures.uncapacitated(hubs)),
                Fixtures.period(fleet, Fixtures.bench(0.06, 25, 0.7), Fixtures.uncapacitated(hubs)));
        AnalyticForecast.Result a = AnalyticForecast.run(fleet, plan, 0, 120, 7);
        double[] closed = PipelineTransient.meanInRepair(0.06 * 3000 / 365.0, 10, 0.7, 50, 2.5, 120);
        for (int d = 0; d < 120; d++) {
            assertEquals(closed[d], a.pipelineMean()[d], 1e-6 * (1 + closed[d]), "day " + d);
            // with no spares every part in repair keeps a machine down
            assertEquals(closed[d], a.backorders()[d], 1e-6 * (1 + closed[d]));
        }
    }

    @Test
    void identicalScenariosUnderCommonRandomNumbersDifferByExactlyZero() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS, Fixtures.ONSHORE);
        Fleet fleet = Fixtures.fleet(new int[] {800, 300}, List.of("HASHBOARD", "PSU"), new int[] {3, 1}, 2, hubs);
        Period p = Fixtures.period(fleet, Fixtures.mixed(0.05, 0.3, 0.5, 0.1, 0.1, 0.2, 0.1, true), capped(hubs, 20));
        MonteCarloForecast engine = Fixtures.engine(fleet, 90, 30, 300, 42, 2);
        // run together (sharing their past) and each alone: the same numbers
        List<Run> together = engine.run(List.of(new Plan("a", 50, p, p), new Plan("b", 50, p, p)), Monitor.NONE);
        Run a = together.get(0);
        Run b = together.get(1);
        Run alone = engine.run(new Plan("b", 50, p, p), Monitor.NONE);
        assertArrayEquals(alone.hashrateDownByReplication(), b.hashrateDownByReplication());
        assertArrayEquals(alone.stages()[Stage.CUSTOMS_HOLD.ordinal()].mean(), b.stages()[Stage.CUSTOMS_HOLD.ordinal()].mean());
        assertArrayEquals(alone.siteStageMean()[0][Stage.HUB_QUEUE.ordinal()], b.siteStageMean()[0][Stage.HUB_QUEUE.ordinal()]);
        for (int r = 0; r < 300; r++) {
            assertEquals(0.0, a.hashrateDaysLost()[r] - b.hashrateDaysLost()[r]);
        }
        assertArrayEquals(a.hashrateDownByReplication(), b.hashrateDownByReplication());
        assertTrue(Arrays.stream(a.hashrateDaysLost()).sum() > 0, "the case must lose some hashrate");
    }

    @Test
    void theSameSeedGivesTheSameNumbersBitForBitWhateverTheThreads() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS, Fixtures.ONSHORE);
        Fleet fleet = Fixtures.fleet(new int[] {500, 200, 90}, List.of("HASHBOARD", "PSU"), new int[] {3, 1}, 1, hubs);
        Period p = Fixtures.period(fleet, Fixtures.mixed(0.06, 0.3, 0.5, 0.1, 0.1, 0.25, 0.1, true), capped(hubs, 15));
        Plan plan = Plan.unchanged("x", p);
        Run one = Fixtures.engine(fleet, 60, 20, 200, 1234, 1).run(plan, Monitor.NONE);
        Run two = Fixtures.engine(fleet, 60, 20, 200, 1234, 2).run(plan, Monitor.NONE);
        Run other = Fixtures.engine(fleet, 60, 20, 200, 1235, 2).run(plan, Monitor.NONE);
        assertArrayEquals(one.hashrateDownByReplication(), two.hashrateDownByReplication());
        assertArrayEquals(one.unitsDown().p90(), two.unitsDown().p90());
        assertArrayEquals(one.stages()[Stage.HUB_QUEUE.ordinal()].mean(), two.stages()[Stage.HUB_QUEUE.ordinal()].mean());
        assertArrayEquals(one.siteStageMean()[1][Stage.CUSTOMS_HOLD.ordinal()],
                two.siteStageMean()[1][Stage.CUSTOMS_HOLD.ordinal()]);
        assertArrayEquals(one.spendCents(), two.spendCents());
        assertFalse(Arrays.equals(one.hashrateDaysLost(), other.hashrateDaysLost()));
        assertEquals(1234, one.seed());
    }

    /** A scenario's numbers do not depend on which others run with it, whether or not they share its past. */
    @Test
    void aScenarioRunWithOthersGivesWhatItGivesAlone() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS, Fixtures.ONSHORE);
        Fleet fleet = Fixtures.fleet(new int[] {700, 250}, List.of("HASHBOARD", "PSU"), new int[] {3, 1}, 2, hubs);
        Period before = Fixtures.period(fleet, Fixtures.mixed(0.05, 0.3, 0.5, 0.1, 0.1, 0.2, 0.1, true), capped(hubs, 25));
        Period worse = Fixtures.period(fleet, Fixtures.mixed(0.06, 0.2, 0.0, 0.5, 0.3, 0.4, 0.1, false), capped(hubs, 10));
        Period other = Fixtures.period(fleet, Fixtures.mixed(0.05, 0.5, 0.3, 0.1, 0.1, 0.1, 0.0, true), capped(hubs, 40));
        MonteCarloForecast engine = Fixtures.engine(fleet, 120, 40, 200, 77, 2);
        Plan a = new Plan("a", 70, before, worse);
        Plan b = new Plan("b", 70, before, other);
        Plan c = new Plan("c", 90, before, worse);
        List<Run> all = engine.run(List.of(a, b, c), Monitor.NONE);
        for (int i = 0; i < 3; i++) {
            Run alone = engine.run(List.of(a, b, c).get(i), Monitor.NONE);
            assertArrayEquals(alone.hashrateDownByReplication(), all.get(i).hashrateDownByReplication(), "plan " + i);
            assertArrayEquals(alone.spendCents(), all.get(i).spendCents());
            assertArrayEquals(alone.stages()[Stage.LOST.ordinal()].p90(), all.get(i).stages()[Stage.LOST.ordinal()].p90());
            assertArrayEquals(alone.vendorStageMean()[0][Stage.AWAITING_RMA_SHIPMENT.ordinal()],
                    all.get(i).vendorStageMean()[0][Stage.AWAITING_RMA_SHIPMENT.ordinal()]);
        }
        // before the shared date a and b are one history
        for (int d = 0; d < 30; d++) {
            assertEquals(all.get(0).unitsDown().mean()[d], all.get(1).unitsDown().mean()[d]);
        }
        assertTrue(all.get(0).stages()[Stage.LOST.ordinal()].mean()[119] > 0);
        assertEquals(0.0, all.get(1).stages()[Stage.LOST.ordinal()].mean()[119]);
    }

    @Test
    void longerRepairsAfterTheShockNeverHelpInAnyPairedReplication() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS);
        Fleet fleet = Fixtures.fleet(new int[] {800, 200}, List.of("HASHBOARD"), new int[] {3}, 2, hubs);
        Period before = Fixtures.period(fleet, Fixtures.bench(0.06, 12, 0.5), Fixtures.uncapacitated(hubs));
        Period after = Fixtures.period(fleet, Fixtures.bench(0.06, 30, 0.5), Fixtures.uncapacitated(hubs));
        MonteCarloForecast engine = Fixtures.engine(fleet, 180, 30, 300, 9, 2);
        // "the review fades" changes nothing on the same date; the pairs share their whole past
        List<Run> runs = engine.run(List.of(new Plan("fades", 90, before, before), new Plan("listed", 90, before, after)),
                Monitor.NONE);
        Run fades = runs.get(0);
        Run listed = runs.get(1);
        double sum = 0;
        for (int r = 0; r < 300; r++) {
            double diff = listed.hashrateDaysLost()[r] - fades.hashrateDaysLost()[r];
            assertTrue(diff >= 0, "replication " + r);
            sum += diff;
        }
        assertTrue(sum > 0);
        // before the shock the two are the same run
        for (int d = 0; d < 60; d++) {
            assertEquals(fades.unitsDown().mean()[d], listed.unitsDown().mean()[d]);
        }
    }

    /** A hub that takes fewer parts a day than arrive builds a queue at the difference of the rates. */
    @Test
    void aCapacityLimitedHubBuildsItsQueueAtTheRateOfTheExcess() {
        Hub hub = new Hub("BM-SZ", Fleet.Route.VENDOR_HUB, List.of("BITMAIN"), List.of("HASHBOARD"), true, 10, 70, 20);
        Fleet fleet = Fixtures.fleet(new int[] {10_000}, List.of("HASHBOARD"), new int[] {3}, 50, List.of(hub));
        double rate = 0.2; // 30000 boards x 0.2 / 365 = 16.4 a day, all to the hub
        Regime toHub = new Regime(rate, 0, 0, 1, 0, 0, DiscreteDuration.fixed(1), 0, DiscreteDuration.fixed(1), 0, 21,
                true, 1);
        Period limited = Fixtures.period(fleet, toHub, List.of(new HubState(true, 70, 20)));
        Run run = Fixtures.engine(fleet, 150, 0, 200, 3, 2).run(Plan.unchanged("limited", limited), Monitor.NONE);
        double inflow = 30_000 * rate / 365.0;
        double[] queue = run.stages()[Stage.HUB_QUEUE.ordinal()].mean();
        // shipments arrive weekly: compare the same day of the week, nine weeks apart
        double slope = (queue[140] - queue[77]) / 63.0;
        // finite source: a machine that is down (its board in the queue, no spare left) has no part to fail,
        // so the inflow is the rate times the machines still running, on average over the nine weeks
        double down = 0;
        for (int d = 77; d < 140; d++) {
            down += run.unitsDown().mean()[d] / 63.0;
        }
        double running = inflow * (1 - down / 10_000);
        assertTrue(down > 300, "the queue takes hundreds of machines down: " + down);
        assertEquals(running - 10.0, slope, 0.05 * (running - 10.0));
        // the hub works at its capacity: 10 a day in repair times 20 days
        assertEquals(200, run.stages()[Stage.HUB_REPAIR.ordinal()].mean()[140], 2.0);
    }

    /** Entity list: the vendor's hub closes and nothing may be ordered, so parts pile up or are lost. */
    @Test
    void aClosedHubAndAStopOnOrdersShowInTheBacklogAndTheLostParts() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS);
        Fleet fleet = Fixtures.fleet(new int[] {5000}, List.of("HASHBOARD"), new int[] {3}, 20, hubs);
        Regime before = Fixtures.mixed(0.1, 0, 0.8, 0, 0.2, 0.1, 0, true);
        Regime after = Fixtures.mixed(0.1, 0, 0.8, 0, 0.2, 0.1, 0, false);
        Plan plan = new Plan("entity list", 60, Fixtures.period(fleet, before, Fixtures.uncapacitated(hubs)),
                Fixtures.period(fleet, after, List.of(new HubState(false, 400, 28))));
        Run run = Fixtures.engine(fleet, 180, 0, 300, 5, 2).run(plan, Monitor.NONE);
        double perDay = 15_000 * 0.1 / 365.0;
        double[] waitingToShip = run.stages()[Stage.AWAITING_RMA_SHIPMENT.ordinal()].mean();
        double[] lost = run.stages()[Stage.LOST.ordinal()].mean();
        // no part waits for ever: what no open hub takes follows the fallback (the bench) and is counted
        for (int d = 67; d < 180; d++) {
            assertEquals(0, waitingToShip[d], 1e-9, "day " + d);
        }
        double fallback = java.util.Arrays.stream(run.fallbackParts()).average().orElseThrow();
        // every vendor-hub failure from day 60, plus what waited for the weekly shipment then (half a week)
        double expected = 0.8 * perDay * 120 + 0.8 * perDay * 3.5;
        assertEquals(expected, fallback, 0.06 * expected);
        assertEquals(0.2 * perDay * (180 - 60), lost[179], 4 * Math.sqrt(0.2 * perDay * 120));
        assertEquals(0, lost[59]);
    }

    /** The rate multiplier (Wilson-Hilferty) has the quantiles of Gamma(a)/a, checked against Hipparchus. */
    @Test
    void theFailureRateUncertaintyFollowsTheGammaPosterior() {
        for (double shape : new double[] {5, 20, 200}) {
            var gamma = new org.hipparchus.distribution.continuous.GammaDistribution(shape, 1 / shape);
            NormalDistribution n = new NormalDistribution(0, 1);
            for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
                double approx = RandomStreams.rateMultiplier(shape, n.inverseCumulativeProbability(q));
                assertEquals(gamma.inverseCumulativeProbability(q), approx, 0.01 * gamma.inverseCumulativeProbability(q),
                        "shape " + shape + " q " + q);
            }
        }
        assertEquals(1.0, RandomStreams.rateMultiplier(0, 2.5));
    }

    @Test
    void percentilesAreTheOrderStatisticsOfTheReplications() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int days = 7;
        int reps = 1001;
        float[] values = new float[days * reps];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(40);
        }
        Band band = Band.of(values.clone(), days, reps);
        for (int d = 0; d < days; d++) {
            float[] day = Arrays.copyOfRange(values, d * reps, (d + 1) * reps);
            Arrays.sort(day);
            assertEquals(day[100], band.p10()[d]);
            assertEquals(day[500], band.p50()[d]);
            assertEquals(day[900], band.p90()[d]);
            double mean = 0;
            for (float v : day) {
                mean += v / reps;
            }
            assertEquals(mean, band.mean()[d], 1e-6);
        }
    }

    @Test
    void bandsFromEitherLayoutAgree() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        int days = 37;
        int reps = 301;
        float[] byDay = new float[days * reps];
        float[] byReplication = new float[days * reps];
        for (int d = 0; d < days; d++) {
            for (int r = 0; r < reps; r++) {
                float v = d % 2 == 0 ? random.nextInt(30) : (float) random.nextDouble(1000);
                byDay[d * reps + r] = v;
                byReplication[r * days + d] = v;
            }
        }
        Band a = Band.of(byDay, days, reps);
        Band b = Band.ofReplications(byReplication, days, reps);
        assertArrayEquals(a.mean(), b.mean());
        assertArrayEquals(a.sd(), b.sd());
        assertArrayEquals(a.p10(), b.p10());
        assertArrayEquals(a.p50(), b.p50());
        assertArrayEquals(a.p90(), b.p90());
    }

    @Test
    void aCancelledRunStops() {
        List<Hub> hubs = List.of(Fixtures.OVERSEAS);
        Fleet fleet = Fixtures.fleet(new int[] {100}, List.of("HASHBOARD"), new int[] {3}, 1, hubs);
        Plan plan = Plan.unchanged("x", Fixtures.period(fleet, Fixtures.bench(0.05, 5, 0.5), Fixtures.uncapacitated(hubs)));
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        Monitor stopAfterTen = new Monitor() {
            @Override
            public void progress(int done) {
                seen.set(done);
            }

            @Override
            public boolean cancelled() {
                return seen.get() >= 10;
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> Fixtures.engine(fleet, 30, 0, 100_000, 1, 2).run(plan, stopAfterTen));
        assertTrue(seen.get() < 100_000);
    }

    private static List<HubState> capped(List<Hub> hubs, int perWeek) {
        return hubs.stream().map(h -> new HubState(true, perWeek, h.turnaroundDays())).toList();
    }
}
