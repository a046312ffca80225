package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.rigtrail.bench.ForecastBenchmark;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.MonteCarloForecast.Settings;
import app.rigtrail.forecast.domain.ScenarioParameters.Phase;
import app.rigtrail.forecast.domain.ScenarioParameters.Rule;

/**
 * Same seed, same bits: every number a run returns (bands, stage means, per-replication totals),
 * digested, is the same for two runs with the same seed on one and on two threads, for each way a
 * forecast starts and each kind of hub: from a warm-up with hubs of weekly capacity, a single plan,
 * from a live state with items at every stage, from the steady state with a hub of 400 servers, after
 * a warm-up with it, and a phased scenario beside a built-in. Another seed gives other numbers.
 */
class EngineDeterminismTest {

    private static final LocalDate START = LocalDate.of(2026, 11, 23);
    private static final int REPS = 12;

    private static List<Plan> builtIns(Baseline baseline, Fleet fleet, int warmup) {
        return ScenarioResolver.compileAll(BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::name).toList(),
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::parameters).toList(), baseline, fleet,
                START, warmup);
    }

    /** The digest of each case on the given threads and seed offset. */
    private static long[] digests(int threads, long seedOffset) {
        Fleet ref = ForecastBenchmark.referenceFleet(6_000, 6);
        Baseline base = ForecastBenchmark.referenceBaseline(ref, 1);
        Fleet live = ref.with(ref.technicians(), ref.swapDays(),
                ForecastBenchmark.liveState(ref, ForecastBenchmark.backlogRows(ref, 0.02, 7)));
        FleetDescription.Compiled textbook = ForecastBenchmark.textbookFleet(6_000, 4).compile();
        List<Rule> first = List.of(new Rule("BITMAIN", null, null, null, null, null, null, null, null, 2.0, 1.5, null,
                null, null, null, null, null, 10.0, null, null, null));
        Rule close = new Rule("BITMAIN", null, null, 3.0, 0.3, 0.0, 0.0, 0.7, null, null, null, null, null, null, null,
                null, null, 25.0, null, false, null);
        ScenarioParameters phased = new ScenarioParameters(null, null, first, List.of(), 30, "BENCH",
                List.of(new Phase(120, null, List.of(close), List.of(), "SCRAP")));
        long s = 42 + seedOffset;
        return new long[] {
            digest(new MonteCarloForecast(ref, new Settings(150, 60, REPS, s, 7, threads)).run(builtIns(base, ref, 60),
                    Monitor.NONE)),
            digest(List.of(new MonteCarloForecast(ref, new Settings(100, 30, REPS, s + 1, 7, threads))
                    .run(builtIns(base, ref, 30).get(2), Monitor.NONE))),
            digest(new MonteCarloForecast(live, new Settings(150, 0, REPS, s + 2, 7, threads)).run(builtIns(base, live, 0),
                    Monitor.NONE)),
            digest(new MonteCarloForecast(textbook.fleet(), new Settings(150, 0, REPS, s + 3, 7, threads, true))
                    .run(builtIns(textbook.baseline(), textbook.fleet(), 0), Monitor.NONE)),
            digest(new MonteCarloForecast(textbook.fleet(), new Settings(60, 200, REPS, s + 4, 7, threads))
                    .run(builtIns(textbook.baseline(), textbook.fleet(), 200), Monitor.NONE)),
            digest(new MonteCarloForecast(ref, new Settings(180, 20, REPS, s + 5, 7, threads)).run(
                    ScenarioResolver.compileAll(List.of("phased", "fades"),
                            List.of(phased, BuiltInScenarios.all().get(0).parameters()), base, ref, START, 20),
                    Monitor.NONE))};
    }

    @Test
    void everyNumberIsTheSameForASeedWhateverTheThreadsAndAnotherSeedChangesThem() {
        long[] one = digests(1, 0);
        long[] two = digests(2, 0);
        long[] again = digests(2, 0);
        long[] other = digests(2, 100);
        String[] cases = {"warm-up, capacity hubs", "single plan", "live state", "steady state, server hub",
            "warm-up, server hub", "phased"};
        for (int i = 0; i < one.length; i++) {
            assertEquals(one[i], two[i], cases[i] + ": one thread against two");
            assertEquals(two[i], again[i], cases[i] + ": two runs");
            assertNotEquals(two[i], other[i], cases[i] + ": another seed");
        }
    }

    private static long h;

    private static void mix(long v) {
        h ^= v;
        h *= 0x100000001b3L;
        h ^= h >>> 29;
    }

    private static void arr(double[] a) {
        mix(a.length);
        for (double x : a) {
            mix(Double.doubleToRawLongBits(x));
        }
    }

    private static void arr(float[] a) {
        mix(a.length);
        for (float x : a) {
            mix(Float.floatToRawIntBits(x));
        }
    }

    private static void band(Band b) {
        arr(b.mean());
        arr(b.sd());
        arr(b.p10());
        arr(b.p50());
        arr(b.p90());
    }

    private static synchronized long digest(List<Run> runs) {
        h = 0xcbf29ce484222325L;
        for (Run r : runs) {
            mix(r.name().hashCode());
            mix(r.seed());
            mix(r.replications());
            mix(r.days());
            for (Band b : List.of(r.unitsDown(), r.hashrateDownThs(), r.stockedOutPools(), r.pipeline())) {
                band(b);
            }
            for (Band[] bands : List.of(r.stages(), r.siteUnitsDown(), r.siteHashrateDownThs(), r.vendorUnitsDown(),
                    r.vendorHashrateDownThs())) {
                for (Band b : bands) {
                    band(b);
                }
            }
            for (double[][][] means : List.of(r.siteStageMean(), r.vendorStageMean())) {
                for (double[][] x : means) {
                    for (double[] y : x) {
                        arr(y);
                    }
                }
            }
            for (double[] a : List.of(r.hashrateDaysLost(), r.spendCents(), r.stockedOutPoolDays(), r.fallbackParts(),
                    r.storageFeesCents(), r.tariffCents())) {
                arr(a);
            }
            arr(r.hashrateDownByReplication());
            arr(r.unitsDownByReplication());
        }
        return h;
    }
}
