package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.MonteCarloForecast.Settings;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/**
 * The steady-state start (#12 item 1: a warm-up starts from the steady state): under an unchanged
 * baseline the mean per stage over the replications stays at the Palm mean (flow x mean time in the
 * stage, derived here by hand) on days 0, 30, 90 and 179, and agrees with a 730-day warm-up simulated
 * from an empty pipeline, each within the replications' simultaneous 95% interval.
 */
class SteadyStartTest {

    private static final int[] DAYS = {0, 30, 90, 179};
    private static final Stage[] STAGES = {Stage.BENCH_REPAIR, Stage.IN_TRANSIT, Stage.CUSTOMS_HOLD, Stage.HUB_QUEUE,
        Stage.HUB_REPAIR, Stage.RETURNING, Stage.ON_ORDER};
    /** Simultaneous 95% over the checks of a test (Bonferroni over 64, more than either makes). */
    private static final double Z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - 0.025 / 64);

    /** A hub of 300 servers, 10 days a repair, across the border; an onshore partner without a limit. */
    private static final Hub OVERSEAS = new Hub("BM-SZ", Route.VENDOR_HUB, List.of("BITMAIN"),
            List.of("HASHBOARD", "PSU"), true, 12, Integer.MAX_VALUE, 10, DiscreteDuration.lognormal(11, 0.3), null);
    private static final Hub ONSHORE = new Hub("OP-GA", Route.ONSHORE_PARTNER, List.of("BITMAIN"),
            List.of("HASHBOARD", "PSU"), false, 3, Integer.MAX_VALUE, 6);

    private static final double RATE = 0.25;
    private static final double BENCH = 0.3;
    private static final double VENDOR = 0.45;
    private static final double ONSHORE_SHARE = 0.15;
    private static final double SCRAP = 0.1;
    private static final double HELD_IN = 0.08;
    private static final double HELD_OUT = 0.06;
    private static final int LEAD = 21;

    private static Regime regime() {
        return new Regime(RATE, 0, BENCH, VENDOR, ONSHORE_SHARE, SCRAP, DiscreteDuration.lognormal(6, 0.5), HELD_IN,
                DiscreteDuration.lognormal(15, 0.8), 0, LEAD, true, 25_000, HELD_OUT, Plan.Fallback.BENCH);
    }

    private static Fleet fleet() {
        // Palm's theorem holds for an infinite source; shelves well stocked so no machine waits
        return Fixtures.fleet(new int[] {6000, 3000}, List.of("HASHBOARD", "PSU"), new int[] {3, 1}, 400,
                List.of(OVERSEAS, ONSHORE)).infiniteSource().with(null, 0.5, null);
    }

    private static Plan plan(Fleet fleet) {
        Period p = Fixtures.period(fleet, regime(),
                List.of(new HubState(true, Integer.MAX_VALUE, 10, 300), new HubState(true, Integer.MAX_VALUE, 6)));
        return Plan.unchanged("baseline", p);
    }

    /** Flow x mean days in the stage, per stage, summed over the pools: by hand from the inputs. */
    private static double palm(Fleet fleet, Stage stage) {
        Regime r = regime();
        double perDay = 0;
        for (int cell = 0; cell < fleet.cells(); cell++) {
            perDay += RATE * fleet.sockets()[cell] / 365.0;
        }
        double overseasLeg = OVERSEAS.transitLaw().mean();
        double hold = r.hold().mean();
        return switch (stage) {
            case BENCH_REPAIR -> perDay * BENCH * r.bench().mean();
            case IN_TRANSIT, RETURNING -> perDay * (VENDOR * overseasLeg + ONSHORE_SHARE * ONSHORE.transitDays());
            case CUSTOMS_HOLD -> perDay * VENDOR * (HELD_IN + HELD_OUT) * hold;
            case HUB_QUEUE -> 0;
            case HUB_REPAIR -> perDay * (VENDOR * 10 + ONSHORE_SHARE * 6);
            case ON_ORDER -> perDay * SCRAP * (LEAD + HELD_IN * hold);
            default -> throw new IllegalArgumentException(stage.name());
        };
    }

    private static Run run(Fleet fleet, int warmup, boolean steady, int shipEvery, int threads) {
        return new MonteCarloForecast(fleet, new Settings(180, warmup, 400, 23, shipEvery, threads, steady))
                .run(plan(fleet), Monitor.NONE);
    }

    @Test
    void theSteadyStateStaysAtThePalmMeanPerStageAndAgreesWithALongWarmUp() {
        Fleet fleet = fleet();
        // shipped every day: every stage is an M/G/inf stage fed by a Poisson stream
        Run steady = run(fleet, 0, true, 1, 2);
        Run warm = run(fleet, 730, false, 1, 2);
        for (Stage stage : STAGES) {
            Band s = steady.stages()[stage.ordinal()];
            Band w = warm.stages()[stage.ordinal()];
            double palm = palm(fleet, stage);
            for (int d : DAYS) {
                double se = s.sd()[d] / Math.sqrt(steady.replications());
                double seWarm = w.sd()[d] / Math.sqrt(warm.replications());
                // whole-day durations: a stage's mean level is exact; allow 1e-9 for a stage that is empty
                assertEquals(palm, s.mean()[d], Z * se + 1e-9, stage + " on day " + d + " against Palm");
                assertEquals(w.mean()[d], s.mean()[d], Z * Math.hypot(se, seWarm) + 1e-9,
                        stage + " on day " + d + " against a 730-day warm-up");
            }
        }
        // machines down (in the swap: failures a day x swap days, Little) agree with the long warm-up too
        for (int d : DAYS) {
            double se = Math.hypot(steady.unitsDown().sd()[d], warm.unitsDown().sd()[d]) / Math.sqrt(400);
            assertEquals(warm.unitsDown().mean()[d], steady.unitsDown().mean()[d], Z * se + 1e-9, "down on day " + d);
        }
        // not vacuous: the stages hold hundreds of parts from day 0 on, where an empty start holds none
        assertTrue(steady.stages()[Stage.HUB_REPAIR.ordinal()].mean()[0] > 100);
        assertTrue(steady.stages()[Stage.CUSTOMS_HOLD.ordinal()].mean()[0] > 10);
    }

    /**
     * Shipped weekly: parts wait for the site's shipping day and travel in weekly batches, so each
     * site's stages swing with its place in the week (the process is periodic, not stationary). The
     * steady-state start draws the parts awaiting shipment at each site's place in the week, the other
     * stages at their weekly average, so its first weeks may differ by the swing; from day 60 on (the
     * parts in transit and repair on day 0 are back) the pipeline and its stages agree with a warm-up
     * of 105 weeks (the same shipping days) simulated from an empty pipeline, day by day, and so do
     * the parts awaiting shipment from day 0 on.
     */
    @Test
    void shippedWeeklyTheSteadyStateAgreesWithALongWarmUp() {
        Fleet fleet = fleet();
        Run steady = run(fleet, 0, true, 7, 2);
        Run warm = run(fleet, 735, false, 7, 2);
        for (int d : DAYS) {
            Band s = steady.stages()[Stage.AWAITING_RMA_SHIPMENT.ordinal()];
            Band w = warm.stages()[Stage.AWAITING_RMA_SHIPMENT.ordinal()];
            assertEquals(w.mean()[d], s.mean()[d], Z * Math.hypot(s.sd()[d], w.sd()[d]) / Math.sqrt(400) + 1e-9,
                    "awaiting shipment on day " + d);
        }
        for (int d : new int[] {60, 90, 179}) {
            double se = Math.hypot(steady.pipeline().sd()[d], warm.pipeline().sd()[d]) / Math.sqrt(400);
            assertEquals(warm.pipeline().mean()[d], steady.pipeline().mean()[d], Z * se, "pipeline on day " + d);
            for (Stage stage : STAGES) {
                Band s = steady.stages()[stage.ordinal()];
                Band w = warm.stages()[stage.ordinal()];
                double seBoth = Math.hypot(s.sd()[d], w.sd()[d]) / Math.sqrt(400);
                assertEquals(w.mean()[d], s.mean()[d], Z * seBoth + 1e-9, stage + " on day " + d);
            }
        }
        assertTrue(steady.stages()[Stage.AWAITING_RMA_SHIPMENT.ordinal()].mean()[3] > 10);
    }

    @Test
    void theSteadyStartGivesTheSameBitsForASeedWhateverTheThreads() {
        Fleet fleet = fleet();
        Run one = run(fleet, 0, true, 7, 1);
        Run two = run(fleet, 0, true, 7, 2);
        assertArrayEquals(one.unitsDownByReplication(), two.unitsDownByReplication());
        assertArrayEquals(one.pipeline().mean(), two.pipeline().mean());
        assertTrue(one.pipeline().mean()[0] > 500, "the steady state is not empty: " + one.pipeline().mean()[0]);
    }
}
