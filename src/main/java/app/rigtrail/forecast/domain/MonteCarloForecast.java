package app.rigtrail.forecast.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Monte Carlo forecast at daily resolution, for what the formulas cannot carry: a finite spares
 * pool per site, vendor and part kind; repair hubs with a weekly capacity and a first-in first-out
 * queue; weekly outbound shipments per site; return shipments held as a whole at the border; parts
 * scrapped or excluded and replaced by purchases (or lost when the vendor may not be ordered from);
 * and a policy shock on a date.
 *
 * <p>Design for speed: per replication every state is a primitive array indexed by pool and day;
 * each pool's failures are a Poisson process drawn in operational time, durations by inversion of a
 * precomputed table; replications run in parallel and write only their own slots, so the result
 * does not depend on the number of threads.
 *
 * <p>Common random numbers: each source of randomness has its own stream, seeded from (seed, source,
 * pool or hub and site, replication) alone: a pool's failures, its routing and duration draws (two
 * uniforms per failure whatever the route), its purchases, each hub's return shipments per site, and
 * the failure-rate uncertainty per vendor and part kind. Two scenarios therefore see the same failures
 * and differ only by their policy, and the same seed gives the same numbers bit for bit.
 *
 * <p>This class runs the replications; the parts: {@link CompiledPlan} (a plan's periods as per-pool
 * numbers), {@link RandomStreams}, {@link HubQueues}, {@link Replica} (a worker's state and its day
 * step), {@link DayZero} (the live or steady-state start), {@link ReplicaSnapshot} (the state on the
 * day scenarios part) and {@link RunSummary} (what the replications write, and the run made of it).
 */
public final class MonteCarloForecast {

    /**
     * Horizon and warm-up in days; shipments to hubs leave each site every {@code shipEveryDays}.
     * {@code steadyStart}: each replication starts from a draw of the stationary state of the first
     * period (see {@link DayZero#steady}) instead of an empty pipeline, then simulates the warm-up days
     * (normally none: the steady state is what a warm-up long enough would reach).
     */
    public record Settings(int horizonDays, int warmupDays, int replications, long seed, int shipEveryDays,
            int threads, boolean steadyStart) {

        public Settings(int horizonDays, int warmupDays, int replications, long seed, int shipEveryDays, int threads) {
            this(horizonDays, warmupDays, replications, seed, shipEveryDays, threads, false);
        }

        public Settings {
            if (horizonDays < 1 || warmupDays < 0 || replications < 2 || shipEveryDays < 1 || threads < 1) {
                throw new IllegalArgumentException("invalid settings");
            }
        }

        public int days() {
            return warmupDays + horizonDays;
        }
    }

    /** Told after each replication; asked before each whether to stop. */
    public interface Monitor {
        void progress(int replicationsDone);

        boolean cancelled();

        Monitor NONE = new Monitor() {
            @Override
            public void progress(int replicationsDone) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }

    /**
     * One scenario's outcome over the horizon. Bands are per day; the per-replication arrays keep
     * what paired comparisons between scenarios need.
     */
    public record Run(String name, long seed, int replications, int days, Band unitsDown, Band hashrateDownThs,
            Band stockedOutPools, Band[] stages, Band[] siteUnitsDown, Band[] siteHashrateDownThs, Band[] vendorUnitsDown,
            Band[] vendorHashrateDownThs, double[][][] siteStageMean, double[][][] vendorStageMean,
            Band pipeline, double[] hashrateDaysLost, double[] spendCents, double[] stockedOutPoolDays,
            float[] hashrateDownByReplication, float[] unitsDownByReplication, double[] fallbackParts,
            double[] storageFeesCents, double[] tariffCents) {
    }

    private final Fleet fleet;
    private final Settings settings;
    private final int sites;
    private final int vendors;
    private final int reps;

    public MonteCarloForecast(Fleet fleet, Settings settings) {
        this.fleet = fleet;
        this.settings = settings;
        this.sites = fleet.sites().size();
        this.vendors = fleet.vendors().size();
        this.reps = settings.replications();
        if (settings.steadyStart() && fleet.live() != null) {
            throw new IllegalArgumentException("a forecast starts from the live state or from the steady state, not both");
        }
    }

    public Run run(Plan plan, Monitor monitor) {
        return run(List.of(plan), monitor).get(0);
    }

    /**
     * Several scenarios under common random numbers. Scenarios that share the same baseline period
     * (the same object) and take effect on the same day also share their past: each replication
     * simulates the days before that day once, then each scenario from that state on. Every random
     * stream is seeded afresh on that day, the same for each scenario, so a scenario's numbers do not
     * depend on which others run with it.
     */
    public List<Run> run(List<Plan> plans, Monitor monitor) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            boolean placed = false;
            for (List<Integer> g : groups) {
                Plan first = plans.get(g.get(0));
                if (first.before() == plans.get(i).before() && first.shockDay() == plans.get(i).shockDay()) {
                    g.add(i);
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                groups.add(new ArrayList<>(List.of(i)));
            }
        }
        RunSummary[] outs = new RunSummary[plans.size()];
        AtomicInteger done = new AtomicInteger();
        for (List<Integer> g : groups) {
            CompiledPlan[] compiled = new CompiledPlan[g.size()];
            RunSummary[] groupOuts = new RunSummary[g.size()];
            for (int j = 0; j < g.size(); j++) {
                compiled[j] = new CompiledPlan(fleet, settings, plans.get(g.get(j)));
                groupOuts[j] = new RunSummary(fleet, settings.horizonDays(), reps);
                outs[g.get(j)] = groupOuts[j];
            }
            runGroup(compiled, groupOuts, monitor, done);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            runs.add(outs[i].summarise(plans.get(i), fleet, settings.seed()));
        }
        return runs;
    }

    private void runGroup(CompiledPlan[] compiled, RunSummary[] outs, Monitor monitor, AtomicInteger done) {
        int threads = Math.min(settings.threads(), reps);
        AtomicInteger next = new AtomicInteger();
        Thread[] pool = new Thread[threads];
        RuntimeException[] failure = new RuntimeException[1];
        for (int w = 0; w < threads; w++) {
            Replica replica = new Replica(fleet, settings, compiled, outs);
            pool[w] = new Thread(() -> {
                try {
                    for (int r = next.getAndIncrement(); r < reps; r = next.getAndIncrement()) {
                        if (monitor.cancelled()) {
                            throw new CancellationException("forecast cancelled");
                        }
                        replica.replicate(r);
                        monitor.progress(done.addAndGet(compiled.length));
                    }
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    next.set(reps);
                }
            }, "forecast-" + w);
            pool[w].start();
        }
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.set(reps);
                throw new CancellationException("interrupted");
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
