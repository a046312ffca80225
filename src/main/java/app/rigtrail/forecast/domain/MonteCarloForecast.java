package app.rigtrail.forecast.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/**
 * The Monte Carlo forecast at daily resolution, for what the formulas cannot carry: a finite spares
 * pool per site, vendor and part kind; repair hubs with a weekly capacity and a first-in first-out
 * queue; weekly outbound shipments per site; return shipments held as a whole at the border; parts
 * scrapped or excluded and replaced by purchases (or lost when the vendor may not be ordered from);
 * and a policy shock on a date.
 *
 * <p>Design for speed: per replication every state is a primitive array indexed by pool and day;
 * failures are drawn per pool and day (Poisson by inversion), durations by inversion of a
 * precomputed table; replications run in parallel and write only their own slots, so the result
 * does not depend on the number of threads.
 *
 * <p>Common random numbers: each source of randomness has its own stream, seeded from (seed, source,
 * pool or hub and site, replication) alone: a pool's failures, its routing and duration draws (two
 * uniforms per failure whatever the route), its purchases, each hub's return shipments per site, and
 * the failure-rate uncertainty per vendor and part kind. Two scenarios therefore see the same failures
 * and differ only by their policy, and the same seed gives the same numbers bit for bit.
 */
public final class MonteCarloForecast {

    /**
     * Horizon and warm-up in days; shipments to hubs leave each site every {@code shipEveryDays}.
     * {@code steadyStart}: each replication starts from a draw of the stationary state of the first
     * period (see {@code loadSteady}) instead of an empty pipeline, then simulates the warm-up days
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

    static final int FAILURES = 1;
    static final int ROUTES = 2;
    static final int PURCHASES = 3;
    static final int HOLDS = 4;
    static final int RATES = 5;
    static final int THINNING = 6;
    static final int LIVE = 7;
    /** The steady-state start's draws of day 0, one stream per replication. */
    static final int STEADY = 8;
    static final int SWAPS = 12;
    static final int REPAIRS = 13;
    /** Per shipment (hub, site, day): its transit and, for hubs working as servers, its hold. */
    static final int SHIPMENTS = 14;

    private static final Stage[] STAGES = Stage.values();
    private static final org.hipparchus.distribution.continuous.NormalDistribution STANDARD_NORMAL =
            new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
    private static final int NSTAGES = STAGES.length;

    private final Fleet fleet;
    private final Settings settings;
    private final int sites;
    private final int vendors;
    private final int kinds;
    private final int cells;
    private final int days;
    private final int reps;

    // float series, laid out replication by replication while simulating: [series][r * horizon + day]
    private static final int S_UNITS = 0;
    private static final int S_THS = 1;
    private static final int S_STOCKOUT = 2;
    private static final int S_PIPELINE = 3;
    private static final int S_STAGE0 = 4;
    private final int sSiteUnits;
    private final int sSiteThs;
    private final int sVendorUnits;
    private final int sVendorThs;
    private final int nSeries;

    public MonteCarloForecast(Fleet fleet, Settings settings) {
        this.fleet = fleet;
        this.settings = settings;
        this.sites = fleet.sites().size();
        this.vendors = fleet.vendors().size();
        this.kinds = fleet.partKinds().size();
        this.cells = fleet.cells();
        this.days = settings.days();
        this.reps = settings.replications();
        this.sSiteUnits = S_STAGE0 + NSTAGES;
        this.sSiteThs = sSiteUnits + sites;
        this.sVendorUnits = sSiteThs + sites;
        this.sVendorThs = sVendorUnits + vendors;
        this.nSeries = sVendorThs + vendors;
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
        Output[] outs = new Output[plans.size()];
        AtomicInteger done = new AtomicInteger();
        for (List<Integer> g : groups) {
            Compiled[] compiled = new Compiled[g.size()];
            Output[] groupOuts = new Output[g.size()];
            for (int j = 0; j < g.size(); j++) {
                compiled[j] = new Compiled(plans.get(g.get(j)));
                groupOuts[j] = new Output();
                outs[g.get(j)] = groupOuts[j];
            }
            runGroup(compiled, groupOuts, monitor, done);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            runs.add(summarise(plans.get(i), outs[i]));
        }
        return runs;
    }

    /** What the replications of one scenario write, each into its own slots. */
    private final class Output {
        final float[][] series = new float[nSeries][settings.horizonDays() * reps];
        final double[] thDaysLost = new double[reps];
        final double[] spend = new double[reps];
        final double[] stockoutDays = new double[reps];
        final double[] fallback = new double[reps];
        final double[] fees = new double[reps];
        final double[] tariffs = new double[reps];
        /** Per worker: stage moves per site and vendor summed over its replications. */
        final List<int[]> stageMoves = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    private void runGroup(Compiled[] compiled, Output[] outs, Monitor monitor, AtomicInteger done) {
        int threads = Math.min(settings.threads(), reps);
        AtomicInteger next = new AtomicInteger();
        Thread[] pool = new Thread[threads];
        RuntimeException[] failure = new RuntimeException[1];
        for (int w = 0; w < threads; w++) {
            Replica replica = new Replica(compiled, outs);
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

    private Run summarise(Plan plan, Output out) {
        float[][] series = out.series;
        int horizon = settings.horizonDays();
        Band[] bands = new Band[nSeries];
        java.util.stream.IntStream.range(0, nSeries).parallel()
                .forEach(s -> bands[s] = Band.ofReplications(series[s], horizon, reps));
        int svs = fleet.machines().length;
        long[][][] svStage = new long[svs][NSTAGES][horizon + 1];
        for (int[] moves : out.stageMoves) {
            for (int sv = 0; sv < svs; sv++) {
                for (int st = 0; st < NSTAGES; st++) {
                    for (int i = 0; i <= horizon; i++) {
                        svStage[sv][st][i] += moves[(i * NSTAGES + st) * svs + sv];
                    }
                }
            }
        }
        double[][][] siteStage = new double[sites][NSTAGES][horizon];
        double[][][] vendorStage = new double[vendors][NSTAGES][horizon];
        for (int sv = 0; sv < svStage.length; sv++) {
            int s = sv / vendors;
            int v = sv % vendors;
            for (int st = 0; st < NSTAGES; st++) {
                long level = 0;
                for (int j = 0; j < horizon; j++) {
                    level += svStage[sv][st][j];
                    double mean = (double) level / reps;
                    siteStage[s][st][j] += mean;
                    vendorStage[v][st][j] += mean;
                }
            }
        }
        return new Run(plan.name(), settings.seed(), reps, horizon, bands[S_UNITS], bands[S_THS], bands[S_STOCKOUT],
                Arrays.copyOfRange(bands, S_STAGE0, S_STAGE0 + NSTAGES),
                Arrays.copyOfRange(bands, sSiteUnits, sSiteUnits + sites),
                Arrays.copyOfRange(bands, sSiteThs, sSiteThs + sites),
                Arrays.copyOfRange(bands, sVendorUnits, sVendorUnits + vendors),
                Arrays.copyOfRange(bands, sVendorThs, sVendorThs + vendors), siteStage, vendorStage, bands[S_PIPELINE],
                out.thDaysLost, out.spend, out.stockoutDays, transpose(series[S_THS], reps, horizon),
                transpose(series[S_UNITS], reps, horizon), out.fallback, out.fees, out.tariffs);
    }

    /** The plan's periods turned into per-pool numbers once, shared read-only by the workers. */
    private final class Compiled {
        final Plan plan;
        final int shockDay;
        final Period[] periods;
        /** The period in force on each simulated day. */
        final int[] periodByDay;
        /** [period][vk * 2 + route]: the first open hub taking that vendor and kind on that route, or -1. */
        final int[][] hubFor;
        final double[][] capacityPerDay;
        /** Machines each site's technicians diagnose and swap per day. */
        final int[] diagnosesPerDay = new int[sites];
        /** Days between shipments per site and route. */
        final int[] shipEvery = new int[sites * 2];
        /**
         * For the steady-state start, under the period of day 0: each hub's leg (its transit law or the
         * fixed days) and repair time (the servers' law scaled to the turnaround, or the turnaround), and
         * per pool the time a bought replacement takes (lead time, held with the held share).
         */
        DiscreteDuration[] legLaw;
        DiscreteDuration[] repairLaw;
        DiscreteDuration[] boughtLaw;
        DiscreteDuration swapLaw;

        Compiled(Plan plan) {
            this.plan = plan;
            this.shockDay = plan.shockDay();
            this.periods = plan.periods();
            List<Hub> hubs = fleet.hubs();
            int n = periods.length;
            hubFor = new int[n][vendors * kinds * 2];
            capacityPerDay = new double[n][hubs.size()];
            periodByDay = new int[days + 1];
            for (int d = 0; d <= days; d++) {
                periodByDay[d] = plan.periodIndex(d);
            }
            for (int p = 0; p < n; p++) {
                Period period = periods[p];
                if (period.regimes().length != vendors * kinds || period.hubs().size() != hubs.size()
                        || (period.cellRegimes() != null && period.cellRegimes().length != cells)
                        || (period.stopped() != null && period.stopped().length != fleet.machines().length)) {
                    throw new IllegalArgumentException("plan does not match the fleet");
                }
                Arrays.fill(hubFor[p], -1);
                for (int v = 0; v < vendors; v++) {
                    for (int k = 0; k < kinds; k++) {
                        for (Route route : Route.values()) {
                            for (int h = 0; h < hubs.size(); h++) {
                                Hub hub = hubs.get(h);
                                if (hub.route() == route && period.hubs().get(h).open()
                                        && hub.takes(fleet.vendors().get(v), fleet.partKinds().get(k))) {
                                    hubFor[p][(v * kinds + k) * 2 + route.ordinal()] = h;
                                    break;
                                }
                            }
                        }
                    }
                }
                for (int h = 0; h < hubs.size(); h++) {
                    HubState st = period.hubs().get(h);
                    capacityPerDay[p][h] = st.capacityPerWeek() == Integer.MAX_VALUE ? Double.MAX_VALUE / 4
                            : st.capacityPerWeek() / 7.0;
                }
            }
            for (int s = 0; s < sites; s++) {
                diagnosesPerDay[s] = fleet.diagnosesPerDay(s);
                for (int route = 0; route < 2; route++) {
                    shipEvery[s * 2 + route] = fleet.shipEvery(s, route, settings.shipEveryDays());
                }
            }
            if (settings.steadyStart()) {
                steadyLaws();
            }
        }

        /** The laws the steady-state start draws from, computed once (the workers only read them). */
        private void steadyLaws() {
            Period period = periods[periodOf(0)];
            List<Hub> hubs = fleet.hubs();
            legLaw = new DiscreteDuration[hubs.size()];
            repairLaw = new DiscreteDuration[hubs.size()];
            for (int h = 0; h < hubs.size(); h++) {
                Hub hub = hubs.get(h);
                HubState st = period.hubs().get(h);
                legLaw[h] = hub.transitLaw() != null ? hub.transitLaw() : DiscreteDuration.fixed(hub.transitDays());
                DiscreteDuration law = hub.repairLaw();
                if (law != null && law.mean() > 0) {
                    // max(1, round(X stretch)) for X the law, as serve and serveByServers draw it
                    double stretch = st.turnaroundDays() / law.mean();
                    double[] cdf = new double[(int) Math.round(law.maxDays() * stretch) + 2];
                    for (int k = 0; k <= law.maxDays(); k++) {
                        double mass = law.survival(k - 1) - law.survival(k);
                        cdf[Math.max(1, (int) Math.round(k * stretch))] += mass;
                    }
                    for (int k = 1; k < cdf.length; k++) {
                        cdf[k] += cdf[k - 1];
                    }
                    repairLaw[h] = DiscreteDuration.ofCdf(cdf);
                } else {
                    repairLaw[h] = DiscreteDuration.fixed(st.turnaroundDays());
                }
                legLaw[h].equilibrium();
                repairLaw[h].equilibrium();
            }
            boughtLaw = new DiscreteDuration[cells];
            java.util.Map<Regime, DiscreteDuration> seen = new java.util.IdentityHashMap<>();
            for (int cell = 0; cell < cells; cell++) {
                Regime r = period.regime(cell, (cell / kinds) % vendors * kinds + cell % kinds);
                boughtLaw[cell] = seen.computeIfAbsent(r, x -> {
                    int lead = x.sparesLeadDays();
                    double[] cdf = new double[lead + x.hold().maxDays() + 1];
                    for (int k = lead; k < cdf.length; k++) {
                        cdf[k] = 1 - x.heldShare() + x.heldShare() * (1 - x.hold().survival(k - lead));
                    }
                    return DiscreteDuration.ofCdf(cdf);
                });
                boughtLaw[cell].equilibrium();
                r.bench().equilibrium();
                r.hold().equilibrium();
                r.outboundHold().equilibrium();
            }
            double swap = fleet.swapDays();
            if (swap > 0) {
                // (int) (U + swap) days: floor(swap) or one more with the fraction's probability
                int whole = (int) swap;
                double[] cdf = new double[whole + 2];
                cdf[whole] = 1 - (swap - whole);
                cdf[whole + 1] = 1;
                swapLaw = DiscreteDuration.ofCdf(cdf);
                swapLaw.equilibrium();
            }
        }

        int periodOf(int day) {
            return periodByDay[Math.min(Math.max(day, 0), days)];
        }

        /** The first day after {@code day} on which another period begins (or the end). */
        int nextStart(int day) {
            for (int start : plan.starts()) {
                if (start > day) {
                    return Math.min(start, days);
                }
            }
            return days;
        }
    }

    /**
     * One worker's state, reused replication after replication: simulates a group's common past once,
     * keeps it, and runs each scenario of the group from it.
     *
     * <p>A day: machines whose swap or outage ends come back up; parts arriving on a shelf go first to
     * machines down waiting for them, then to tickets waiting on running machines, then to the shelf;
     * each failure (thinned by the share of the site's machines still running: a down machine's other
     * parts do not fail) takes its machine down and joins the site's queue for diagnosis; the site's
     * technicians take that queue first come, first served, up to their capacity, each swap taking a
     * spare if there is one (the machine then stays down for the swap time) or leaving the machine
     * waiting; sites ship on their cadence; hubs work their queues.
     */
    private final class Replica {
        final Compiled[] plans;
        final Output[] outs;
        Compiled c;
        Output out;
        final int shared;
        final int[] shelf = new int[cells];
        /** Machines down waiting for a spare of the pool; of them, those whose part is not in the pipeline. */
        final int[] waitDown = new int[cells];
        final int[] unlinkedDown = new int[cells];
        /** Tickets waiting for a spare while their machine runs (degraded). */
        final int[] waitUp = new int[cells];
        final int[] outbound = new int[cells * 2];
        final int[] arrive = new int[cells * (days + 1)];
        final int[] purchaseDay = new int[cells];
        final double[] purchaseHeldU = new double[cells];
        final double[] purchaseDurU = new double[cells];
        /** Failures a day expected per period and pool (the replication's rate). */
        double[][] meanPerDay = new double[0][];
        /** Per pool: the operational time (expected failures) left until its next failure. */
        final double[] untilNext = new double[cells];
        final double[] rateZ;
        final int[] failures = new int[(days + 1) * cells];
        final int warmupDays = settings.warmupDays();
        /** Stage moves of this replication from the warm-up's end: [(day - warm-up) * stages + stage]. */
        final int[] fleetStageDelta = new int[(NSTAGES + 1) * (settings.horizonDays() + 1)];
        final int svCount = fleet.machines().length;
        /** Machines coming back up per day and site-vendor: [day * svs + sv]. */
        final int[] release = new int[(days + 1) * svCount];
        /** Stage moves of the shared past, and of each scenario from it: [(day * stages + stage) * svs + sv]. */
        final int[] sharedMoves;
        final int[][] planMoves;
        int[] moves;
        final SplittableRandom[] failureStreams = new SplittableRandom[cells];
        final SplittableRandom[] routeStreams = new SplittableRandom[cells];
        final SplittableRandom[] purchaseStreams = new SplittableRandom[cells];
        final SplittableRandom[] thinStreams = new SplittableRandom[cells];
        final SplittableRandom[] swapStreams = new SplittableRandom[sites];
        final SplittableRandom[] holdStreams;
        /** Hubs with a weekly capacity: when the intake is next free (in days; in the past when idle). */
        final double[] intakeFree;
        final int[] holdDay;
        /** The first four uniforms of each route key's shipment stream of {@code legDay[key]} (see shipment). */
        final int[] legDay;
        final double[] legU;
        final double[][] holdU;
        final int[] svDown;
        final int[] siteUnits = new int[sites];
        final double[] siteThs = new double[sites];
        final int[] vendorUnits = new int[vendors];
        final double[] vendorThs = new double[vendors];
        int fleetUnits;
        double fleetThs;
        final int[] siteOutbound = new int[sites];
        final int words = (cells + 63) >>> 6;
        /** Per day, a bit per pool with a failure or an arrival that day. */
        final long[] active = new long[(days + 1) * words];
        final int[] cellSv = new int[cells];
        final int[] cellVk = new int[cells];
        final int hubCount = fleet.hubs().size();
        int stockedOutNow;
        int today;
        long spendCents;
        double thLost;
        double stockouts;
        double fallbackParts;
        double feesCents;
        double tariffCents;
        /** Hubs working as parallel servers: servers busy, and servers freed per day ([h][day]). */
        final int[] busy;
        final int[][] freeing;
        final SplittableRandom[] repairStreams;
        long replication;
        final int[] stageLevel = new int[NSTAGES + 1];
        // queues: cohorts (available day, pool, count) by available day, then arrival; the hubs' first,
        // then each site's diagnosis queue (pool * 2 + 1 when the machine is down)
        int[][] qAvail;
        int[][] qCell;
        int[][] qCount;
        final int[] qHead;
        final int[] qTail;
        final Snapshot snapshot;

        Replica(Compiled[] plans, Output[] outs) {
            this.plans = plans;
            this.outs = outs;
            this.shared = Math.max(0, Math.min(days, plans[0].shockDay));
            int moveSize = (settings.horizonDays() + 1) * NSTAGES * svCount;
            sharedMoves = new int[moveSize];
            planMoves = new int[plans.length][moveSize];
            for (int j = 0; j < plans.length; j++) {
                outs[j].stageMoves.add(sharedMoves);
                outs[j].stageMoves.add(planMoves[j]);
            }
            rateZ = new double[vendors * kinds];
            holdStreams = new SplittableRandom[hubCount * sites * 2];
            intakeFree = new double[hubCount];
            holdDay = new int[hubCount * sites * 2];
            legDay = new int[hubCount * sites * 2];
            legU = new double[hubCount * sites * 2 * 4];
            holdU = new double[hubCount * sites * 2][3];
            svDown = new int[svCount];
            busy = new int[hubCount];
            freeing = new int[hubCount][days + 1];
            repairStreams = new SplittableRandom[hubCount];
            for (int cell = 0; cell < cells; cell++) {
                cellSv[cell] = cell / kinds;
                cellVk[cell] = (cell / kinds) % vendors * kinds + cell % kinds;
            }
            int queues = hubCount + sites;
            qAvail = new int[queues][64];
            qCell = new int[queues][64];
            qCount = new int[queues][64];
            qHead = new int[queues];
            qTail = new int[queues];
            snapshot = plans.length > 1 ? new Snapshot() : null;
        }

        void replicate(int r) {
            begin(r);
            use(0);
            moves = sharedMoves;
            if (settings.steadyStart()) {
                loadSteady(r);
            } else {
                loadLive(r);
            }
            simulate(0, shared, r);
            if (plans.length == 1) {
                branch(r, 0);
                return;
            }
            snapshot.take();
            for (int j = 0; j < plans.length; j++) {
                if (j > 0) {
                    snapshot.restore();
                    int horizon = settings.horizonDays();
                    int warm = settings.warmupDays();
                    int from = Math.max(0, Math.min(shared, days) - warm);
                    if (from > 0) {
                        // the shared past's days were recorded for the first scenario: they are this one's too
                        for (int s = 0; s < nSeries; s++) {
                            System.arraycopy(outs[0].series[s], r * horizon, outs[j].series[s], r * horizon, from);
                        }
                    }
                }
                use(j);
                branch(r, j);
            }
        }

        /** From the shared day on, scenario j alone: fresh streams (the same for every scenario), its rates. */
        private void branch(int r, int j) {
            moves = planMoves[j];
            if (shared < days) {
                seed(r, 16);
            }
            simulate(shared, days, r);
            finish(r);
        }

        private void use(int j) {
            c = plans[j];
            out = outs[j];
            int n = c.periods.length;
            if (meanPerDay.length < n) {
                meanPerDay = new double[n][cells];
            }
            for (int p = 0; p < n; p++) {
                for (int cell = 0; cell < cells; cell++) {
                    int vk = cellVk[cell];
                    Regime regime = c.periods[p].regime(cell, vk);
                    meanPerDay[p][cell] = regime.failuresPerUnitYear() * rateMultiplier(regime.rateShape(), rateZ[vk])
                            * fleet.sockets()[cell] / 365.0;
                }
            }
        }

        private void begin(int r) {
            Arrays.fill(arrive, 0);
            Arrays.fill(failures, 0);
            Arrays.fill(release, 0);
            Arrays.fill(outbound, 0);
            Arrays.fill(purchaseDay, -1);
            Arrays.fill(holdDay, -1);
            Arrays.fill(legDay, -1);
            Arrays.fill(intakeFree, 0);
            Arrays.fill(qHead, 0);
            Arrays.fill(qTail, 0);
            Arrays.fill(fleetStageDelta, 0);
            System.arraycopy(fleet.spares(), 0, shelf, 0, cells);
            Arrays.fill(waitDown, 0);
            Arrays.fill(unlinkedDown, 0);
            Arrays.fill(waitUp, 0);
            Arrays.fill(svDown, 0);
            Arrays.fill(siteUnits, 0);
            Arrays.fill(siteThs, 0);
            Arrays.fill(vendorUnits, 0);
            Arrays.fill(vendorThs, 0);
            fleetUnits = 0;
            fleetThs = 0;
            Arrays.fill(siteOutbound, 0);
            Arrays.fill(active, 0);
            stockedOutNow = 0;
            for (int cell = 0; cell < cells; cell++) {
                if (shelf[cell] == 0 && fleet.sockets()[cell] > 0) {
                    stockedOutNow++;
                }
            }
            spendCents = 0;
            thLost = 0;
            stockouts = 0;
            fallbackParts = 0;
            feesCents = 0;
            tariffCents = 0;
            Arrays.fill(busy, 0);
            for (int[] f : freeing) {
                Arrays.fill(f, 0);
            }
            replication = r;
            today = 0;
            seed(r, 0);
            for (int vk = 0; vk < vendors * kinds; vk++) {
                rateZ[vk] = normal(stream(settings.seed(), RATES, vk, r));
            }
        }

        private void seed(int r, int phase) {
            long seed = settings.seed();
            for (int cell = 0; cell < cells; cell++) {
                failureStreams[cell] = stream(seed, FAILURES + phase, cell, r);
                routeStreams[cell] = stream(seed, ROUTES + phase, cell, r);
                purchaseStreams[cell] = stream(seed, PURCHASES + phase, cell, r);
                thinStreams[cell] = stream(seed, THINNING + phase, cell, r);
            }
            for (int s = 0; s < sites; s++) {
                swapStreams[s] = stream(seed, SWAPS + phase, s, r);
            }
            for (int i = 0; i < holdStreams.length; i++) {
                holdStreams[i] = stream(seed, HOLDS + phase, i, r);
            }
            for (int h = 0; h < hubCount; h++) {
                repairStreams[h] = stream(seed, REPAIRS + phase, h, r);
            }
        }

        /**
         * Day 0 as the database holds it: each open item placed at its stage with the time left in it
         * drawn given the time already spent (the residual life), machines down without an item given a
         * return day, open purchase orders due on their dates. One stream per replication, the same for
         * every scenario (they share day 0).
         */
        private void loadLive(int r) {
            LiveState live = fleet.live();
            if (live == null) {
                return;
            }
            SplittableRandom u = stream(settings.seed(), LIVE, 0, r);
            Period period = c.periods[c.periodOf(0)];
            for (int sv = 0; sv < svCount; sv++) {
                int n = live.downWithoutItem()[sv];
                if (n == 0) {
                    continue;
                }
                down(sv, n);
                for (int i = 0; i < n; i++) {
                    int back = 1 + (int) (-live.otherDownMeanDays() * Math.log(1 - u.nextDouble()));
                    if (back < days) {
                        release[back * svCount + sv]++;
                    }
                }
            }
            List<Hub> hubs = fleet.hubs();
            for (LiveState.Item item : live.items()) {
                int cell = item.cell();
                int sv = cellSv[cell];
                int site = sv / vendors;
                Regime regime = period.regime(cell, cellVk[cell]);
                double v = u.nextDouble();
                boolean down = item.machineDown();
                switch (item.stage()) {
                    case AWAITING_DIAGNOSIS -> {
                        if (down) {
                            down(sv, 1);
                        }
                        enter(sv, Stage.AWAITING_DIAGNOSIS, 0, 1);
                        enqueue(hubCount + site, 0, cell * 2 + (down ? 1 : 0), 1);
                        continue;
                    }
                    case AWAITING_SPARE -> {
                        if (down) {
                            waitDown[cell]++;
                            unlinkedDown[cell]++;
                            down(sv, 1);
                        } else {
                            waitUp[cell]++;
                        }
                        enter(sv, Stage.AWAITING_SPARE, 0, 1);
                        continue;
                    }
                    case ON_ORDER, LOST -> throw new IllegalArgumentException("not a backlog stage: " + item.stage());
                    default -> {
                        // the part is in the pipeline; its machine, if down, waits for any spare of the pool
                        if (down) {
                            waitDown[cell]++;
                            down(sv, 1);
                        }
                    }
                }
                int h = item.hub();
                switch (item.stage()) {
                    case BENCH_REPAIR -> {
                        int back = regime.bench().residual(item.ageDays(), v);
                        move(sv, Stage.BENCH_REPAIR, 0, back, 1);
                        arrive(cell, back, 1);
                    }
                    case AWAITING_RMA_SHIPMENT -> {
                        int route = item.route() >= 0 ? item.route()
                                : v * (regime.vendorHubShare() + regime.onshoreShare()) < regime.vendorHubShare() ? 0 : 1;
                        outbound[cell * 2 + route]++;
                        siteOutbound[site]++;
                        enter(sv, Stage.AWAITING_RMA_SHIPMENT, 0, 1);
                    }
                    case IN_TRANSIT -> {
                        int left = 1 + (int) (v * hubs.get(h).meanTransit());
                        move(sv, Stage.IN_TRANSIT, 0, left, 1);
                        enter(sv, Stage.HUB_QUEUE, Math.min(left, days), 1);
                        enqueue(h, left, cell, 1);
                    }
                    case CUSTOMS_HOLD -> {
                        DiscreteDuration law = item.inbound() || h < 0 ? regime.hold() : regime.outboundHold();
                        int left = law.residual(Double.isNaN(item.ageDays()) ? 0 : item.ageDays(), v);
                        move(sv, Stage.CUSTOMS_HOLD, 0, left, 1);
                        if (item.inbound() || h < 0) {
                            arrive(cell, left, 1);
                        } else {
                            enter(sv, Stage.HUB_QUEUE, Math.min(left, days), 1);
                            enqueue(h, left, cell, 1);
                        }
                    }
                    case HUB_QUEUE -> {
                        enter(sv, Stage.HUB_QUEUE, 0, 1);
                        enqueue(h, 0, cell, 1);
                    }
                    case HUB_REPAIR -> {
                        HubState state = c.periods[c.periodOf(0)].hubs().get(h);
                        int left = 1 + (int) (v * state.turnaroundDays());
                        if (state.servers() > 0) {
                            // a server of the hub is busy with it until then
                            busy[h]++;
                            freeing[h][Math.min(left, days)]++;
                        }
                        move(sv, Stage.HUB_REPAIR, 0, left, 1);
                        sendBack(h, cell, sv, site, left, left, 1, regime);
                    }
                    case RETURNING -> {
                        int left = 1 + (int) (v * (h < 0 ? 3 : hubs.get(h).meanTransit()));
                        move(sv, Stage.RETURNING, 0, left, 1);
                        arrive(cell, left, 1);
                    }
                    default -> throw new IllegalStateException(item.stage().name());
                }
            }
            for (LiveState.Order o : live.orders()) {
                int day = Math.max(1, o.day());
                move(cellSv[o.cell()], Stage.ON_ORDER, 0, day, o.quantity());
                arrive(o.cell(), day, o.quantity());
            }
        }

        /**
         * Day 0 as the stationary state of the period in force on it (the steady-state start): what a
         * warm-up long enough would reach, drawn directly. Each stage of the pipeline is an
         * infinite-server stage fed by the pool's thinned failures: its items are Poisson with mean
         * (flow x mean time in the stage) and each has the equilibrium residual P(R = r) = P(D >= r) /
         * E[D] (the exact stationary law of an M/G/inf stage; the stages of a tandem of them are
         * independent). An item's later stages are drawn as the simulation draws them. Parts awaiting
         * shipment are the days since the site's last shipment on the route times the flow. A hub of
         * servers takes at most its servers in repair, the rest queue (exact in the limit of a lightly
         * loaded hub; a hub at or above its capacity has no steady state and its queue builds from day
         * 0). The shelves follow from the pipeline: spares on hand minus parts away (negative: machines
         * down waiting), and machines found with a spare are down for their swap's residual. Not
         * carried: the thinning by machines down (they are few when shelves are stocked), shipments
         * in flight held or batched as a whole (they widen the spread, not the mean), parts excluded at
         * the border, the technicians' queue (empty at day's end below their capacity).
         */
        private void loadSteady(int r) {
            SplittableRandom u = stream(settings.seed(), STEADY, 0, r);
            int p = c.periodOf(0);
            Period period = c.periods[p];
            List<Hub> hubs = fleet.hubs();
            for (int cell = 0; cell < cells; cell++) {
                double lambda = meanPerDay[p][cell];
                if (lambda <= 0) {
                    continue;
                }
                int sv = cellSv[cell];
                int site = sv / vendors;
                int vk = cellVk[cell];
                Regime regime = period.regime(cell, vk);
                DiscreteDuration hold = regime.hold();
                DiscreteDuration holdOut = regime.outboundHold();
                double bench = regime.benchShare();
                double bought = regime.scrapShare();
                int away = 0;
                for (int route = 0; route < 2; route++) {
                    double share = route == 0 ? regime.vendorHubShare() : regime.onshoreShare();
                    if (share <= 0) {
                        continue;
                    }
                    int h = c.hubFor[p][vk * 2 + route];
                    if (h < 0) {
                        if (regime.fallback() == Plan.Fallback.BENCH) {
                            bench += share;
                        } else {
                            bought += share;
                        }
                        continue;
                    }
                    double flow = lambda * share;
                    Hub hub = hubs.get(h);
                    HubState state = period.hubs().get(h);
                    DiscreteDuration leg = c.legLaw[h];
                    DiscreteDuration repair = c.repairLaw[h];
                    double heldOut = hub.crossesBorder() ? regime.heldShareOut() : 0;
                    double heldIn = hub.crossesBorder() ? regime.heldShare() : 0;
                    // awaiting shipment: the parts diagnosed since the site last shipped on this route
                    int n = poisson(u, flow * Math.floorMod(site, c.shipEvery[site * 2 + route]));
                    if (n > 0) {
                        outbound[cell * 2 + route] += n;
                        siteOutbound[site] += n;
                        enter(sv, Stage.AWAITING_RMA_SHIPMENT, 0, n);
                        away += n;
                    }
                    n = poisson(u, flow * leg.mean());
                    for (int i = 0; i < n; i++) {
                        int at = leg.equilibrium().sample(u.nextDouble());
                        move(sv, Stage.IN_TRANSIT, 0, at, 1);
                        if (heldOut > 0 && u.nextDouble() < heldOut) {
                            int held = holdOut.sample(u.nextDouble());
                            move(sv, Stage.CUSTOMS_HOLD, at, at + held, 1);
                            at += held;
                        }
                        enter(sv, Stage.HUB_QUEUE, Math.min(at, days), 1);
                        enqueue(h, at, cell, 1);
                    }
                    away += n;
                    n = poisson(u, flow * heldOut * holdOut.mean());
                    for (int i = 0; i < n; i++) {
                        int at = holdOut.equilibrium().sample(u.nextDouble());
                        move(sv, Stage.CUSTOMS_HOLD, 0, at, 1);
                        enter(sv, Stage.HUB_QUEUE, Math.min(at, days), 1);
                        enqueue(h, at, cell, 1);
                    }
                    away += n;
                    n = poisson(u, flow * repair.mean());
                    for (int i = 0; i < n; i++) {
                        int left = repair.equilibrium().sample(u.nextDouble());
                        if (state.servers() > 0 && busy[h] >= state.servers()) {
                            enter(sv, Stage.HUB_QUEUE, 0, 1);
                            enqueue(h, 0, cell, 1);
                            continue;
                        }
                        if (state.servers() > 0) {
                            busy[h]++;
                            freeing[h][Math.min(left, days)]++;
                        }
                        move(sv, Stage.HUB_REPAIR, 0, left, 1);
                        sendBack(h, cell, sv, site, left, left, 1, regime);
                    }
                    away += n;
                    n = poisson(u, flow * leg.mean());
                    for (int i = 0; i < n; i++) {
                        int at = leg.equilibrium().sample(u.nextDouble());
                        move(sv, Stage.RETURNING, 0, at, 1);
                        if (heldIn > 0 && u.nextDouble() < heldIn) {
                            int held = hold.sample(u.nextDouble());
                            move(sv, Stage.CUSTOMS_HOLD, at, at + held, 1);
                            at += held;
                        }
                        arrive(cell, at, 1);
                    }
                    away += n;
                    n = poisson(u, flow * heldIn * hold.mean());
                    for (int i = 0; i < n; i++) {
                        int at = hold.equilibrium().sample(u.nextDouble());
                        move(sv, Stage.CUSTOMS_HOLD, 0, at, 1);
                        arrive(cell, at, 1);
                    }
                    away += n;
                }
                int n = poisson(u, lambda * bench * regime.bench().mean());
                for (int i = 0; i < n; i++) {
                    int at = regime.bench().equilibrium().sample(u.nextDouble());
                    move(sv, Stage.BENCH_REPAIR, 0, at, 1);
                    arrive(cell, at, 1);
                }
                away += n;
                if (bought > 0 && regime.ordersAllowed()) {
                    DiscreteDuration law = c.boughtLaw[cell];
                    n = poisson(u, lambda * bought * law.mean());
                    for (int i = 0; i < n; i++) {
                        int at = law.equilibrium().sample(u.nextDouble());
                        move(sv, Stage.ON_ORDER, 0, at, 1);
                        arrive(cell, at, 1);
                    }
                    away += n;
                }
                // the shelf: spares less the parts away; below zero, machines down waiting for them
                int net = fleet.spares()[cell] - away;
                boolean wasOut = shelf[cell] == 0;
                if (net >= 0) {
                    shelf[cell] = net;
                    if (c.swapLaw != null) {
                        n = poisson(u, lambda * fleet.swapDays());
                        for (int i = 0; i < n; i++) {
                            int back = c.swapLaw.equilibrium().sample(u.nextDouble());
                            down(sv, 1);
                            if (back < days) {
                                release[back * svCount + sv]++;
                            }
                        }
                    }
                } else {
                    shelf[cell] = 0;
                    waitDown[cell] -= net;
                    down(sv, -net);
                }
                if (fleet.sockets()[cell] > 0 && wasOut != (shelf[cell] == 0)) {
                    stockedOutNow += wasOut ? -1 : 1;
                }
            }
        }

        private int poisson(SplittableRandom u, double mean) {
            double v = u.nextDouble();
            return mean <= 0 ? 0 : MonteCarloForecast.poisson(v, mean, Math.exp(-mean));
        }

        /** Days [from, to) of the current scenario. */
        private void simulate(int from, int to, int r) {
            int warm = settings.warmupDays();
            int horizon = settings.horizonDays();
            int[] sockets = fleet.sockets();
            int[] machines = fleet.machines();
            boolean finite = fleet.finiteSource();
            float[][] series = out.series;
            for (int i = from; i < to; i++) {
                int p = c.periodOf(i);
                Period period = c.periods[p];
                today = i;
                if (i == from || p != c.periodOf(i - 1)) {
                    drawFailures(i, Math.min(to, c.nextStart(i)), p, i == from);
                    if (i > 0 && p != c.periodOf(i - 1)) {
                        stopOrRestart(c.periods[c.periodOf(i - 1)], period);
                    } else if (i == 0) {
                        stopOrRestart(null, period);
                    }
                }
                if (i == 0 && (fleet.live() != null || settings.steadyStart())) {
                    // day 0 is today as the database holds it: recorded as loaded, moving from day 1 on
                    record(i, r, warm, horizon, series);
                    continue;
                }
                int rb = i * svCount;
                for (int sv = 0; sv < svCount; sv++) {
                    if (release[rb + sv] != 0) {
                        down(sv, -release[rb + sv]);
                    }
                }
                // only the pools with a failure or an arrival today change: visit those alone
                for (int w = 0; w < words; w++) {
                    long bits = active[i * words + w];
                    while (bits != 0) {
                        int cell = (w << 6) + Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        int sv = cellSv[cell];
                        boolean wasOut = shelf[cell] == 0;
                        int back = arrive[i * cells + cell];
                        if (back > 0) {
                            int toDown = Math.min(back, waitDown[cell]);
                            if (toDown > 0) {
                                waitDown[cell] -= toDown;
                                int unlinked = Math.min(toDown, unlinkedDown[cell]);
                                unlinkedDown[cell] -= unlinked;
                                leave(sv, Stage.AWAITING_SPARE, i, unlinked);
                                down(sv, -toDown);
                            }
                            int toUp = Math.min(back - toDown, waitUp[cell]);
                            if (toUp > 0) {
                                waitUp[cell] -= toUp;
                                leave(sv, Stage.AWAITING_SPARE, i, toUp);
                            }
                            shelf[cell] += back - toDown - toUp;
                        }
                        int failed = failures[i * cells + cell];
                        if (failed > 0) {
                            // a failure of a part whose machine is already down does not happen
                            SplittableRandom thin = thinStreams[cell];
                            int site = sv / vendors;
                            int accepted = 0;
                            for (int f = 0; f < failed; f++) {
                                if (!finite || thin.nextDouble() * machines[sv] < machines[sv] - svDown[sv]) {
                                    accepted++;
                                    down(sv, 1);
                                }
                            }
                            if (accepted > 0) {
                                enter(sv, Stage.AWAITING_DIAGNOSIS, i, accepted);
                                enqueue(hubCount + site, i, cell * 2 + 1, accepted);
                            }
                        }
                        if (sockets[cell] > 0 && wasOut != (shelf[cell] == 0)) {
                            stockedOutNow += wasOut ? -1 : 1;
                        }
                    }
                }
                for (int s = 0; s < sites; s++) {
                    if (qHead[hubCount + s] != qTail[hubCount + s]) {
                        diagnose(s, i, period);
                    }
                }
                // site s ships on a route on the days with (day + s) divisible by that route's cadence
                for (int s = 0; s < sites; s++) {
                    if (siteOutbound[s] > 0) {
                        int routes = ((i + s) % c.shipEvery[s * 2] == 0 ? 1 : 0)
                                | ((i + s) % c.shipEvery[s * 2 + 1] == 0 ? 2 : 0);
                        if (routes != 0) {
                            shipOut(s, i, p, routes);
                        }
                    }
                }
                for (int h = 0; h < hubCount; h++) {
                    serve(h, i, p);
                }
                record(i, r, warm, horizon, series);
            }
        }

        /** The day's levels into the replication's series (from the warm-up's end on). */
        private void record(int i, int r, int warm, int horizon, float[][] series) {
            if (i < warm) {
                return;
            }
            int at = r * horizon + i - warm;
            for (int st = 0; st < sites; st++) {
                series[sSiteUnits + st][at] = siteUnits[st];
                series[sSiteThs + st][at] = (float) siteThs[st];
            }
            for (int v = 0; v < vendors; v++) {
                series[sVendorUnits + v][at] = vendorUnits[v];
                series[sVendorThs + v][at] = (float) vendorThs[v];
            }
            series[S_UNITS][at] = fleetUnits;
            series[S_THS][at] = (float) fleetThs;
            series[S_STOCKOUT][at] = stockedOutNow;
            stockouts += stockedOutNow;
            thLost += fleetThs;
        }

        /**
         * A site's technicians through its diagnosis queue, first come first served, up to their day's
         * capacity: each machine takes a spare if the shelf has one (down for the swap time more: the
         * whole days of U + swap days, whose mean is the swap time, so Little's law holds) or waits.
         * Its failed part then takes its route.
         */
        private void diagnose(int s, int day, Period period) {
            int q = hubCount + s;
            int capacity = c.diagnosesPerDay[s];
            double swap = fleet.swapDays();
            SplittableRandom swaps = swapStreams[s];
            while (qHead[q] < qTail[q] && qAvail[q][qHead[q]] <= day && capacity > 0) {
                int head = qHead[q];
                int code = qCell[q][head];
                int cell = code >> 1;
                boolean isDown = (code & 1) == 1;
                int m = Math.min(qCount[q][head], capacity);
                capacity -= m;
                qCount[q][head] -= m;
                if (qCount[q][head] == 0) {
                    qHead[q]++;
                }
                int sv = cellSv[cell];
                leave(sv, Stage.AWAITING_DIAGNOSIS, day, m);
                Regime regime = period.regime(cell, cellVk[cell]);
                boolean wasOut = shelf[cell] == 0;
                for (int n = 0; n < m; n++) {
                    boolean waits = shelf[cell] == 0;
                    if (!waits) {
                        shelf[cell]--;
                        if (isDown) {
                            int extra = swap == 0 ? 0 : (int) (swaps.nextDouble() + swap);
                            if (extra == 0) {
                                down(sv, -1);
                            } else if (day + extra < days) {
                                release[(day + extra) * svCount + sv]++;
                            }
                        }
                    } else if (isDown) {
                        waitDown[cell]++;
                    } else {
                        waitUp[cell]++;
                        enter(sv, Stage.AWAITING_SPARE, day, 1);
                    }
                    route(cell, sv, day, regime, waits && isDown);
                }
                if (fleet.sockets()[cell] > 0 && wasOut != (shelf[cell] == 0)) {
                    stockedOutNow += wasOut ? -1 : 1;
                }
            }
        }

        /** Machines down at a site and vendor change: the sums by site, vendor and fleet follow. */
        private void down(int sv, int change) {
            int machines = fleet.machines()[sv];
            int was = Math.min(svDown[sv], machines);
            svDown[sv] += change;
            int delta = Math.min(svDown[sv], machines) - was;
            if (delta != 0) {
                double ths = delta * fleet.thsPerMachine()[sv];
                int site = sv / vendors;
                int vendor = sv % vendors;
                siteUnits[site] += delta;
                siteThs[site] += ths;
                vendorUnits[vendor] += delta;
                vendorThs[vendor] += ths;
                fleetUnits += delta;
                fleetThs += ths;
            }
        }

        /**
         * Sites ordered to stop running a vendor's machines from this period on: all of them down (their
         * parts then no longer fail); lifted, back up (less those down for their own faults).
         */
        private void stopOrRestart(Period before, Period now) {
            if ((before == null || before.stopped() == null) && now.stopped() == null) {
                return;
            }
            for (int sv = 0; sv < svCount; sv++) {
                boolean was = before != null && before.stopped(sv);
                boolean is = now.stopped(sv);
                if (was != is) {
                    down(sv, is ? fleet.machines()[sv] : -fleet.machines()[sv]);
                }
            }
        }

        /** The replication's stage levels and totals, once its last day is done. */
        private void finish(int r) {
            int warm = settings.warmupDays();
            int horizon = settings.horizonDays();
            float[][] series = out.series;
            Arrays.fill(stageLevel, 0);
            int first = Stage.BENCH_REPAIR.ordinal();
            int last = Stage.ON_ORDER.ordinal();
            for (int i = warm; i < days; i++) {
                int inPipeline = 0;
                int at = r * horizon + i - warm;
                for (int st = 0; st <= NSTAGES; st++) {
                    stageLevel[st] += fleetStageDelta[(i - warm) * (NSTAGES + 1) + st];
                    if ((st >= first && st <= last) || st == NSTAGES) {
                        inPipeline += stageLevel[st];
                    }
                    if (st < NSTAGES) {
                        series[S_STAGE0 + st][at] = stageLevel[st];
                    }
                }
                series[S_PIPELINE][at] = inPipeline;
            }
            out.thDaysLost[r] = thLost;
            out.spend[r] = spendCents;
            out.stockoutDays[r] = stockouts;
            out.fallback[r] = fallbackParts;
            out.fees[r] = feesCents;
            out.tariffs[r] = tariffCents;
        }

        /**
         * The failures of each pool over the days [from, to), in which its rate is constant: a Poisson
         * process drawn in operational time (unit-rate exponential gaps, each failure on the day its
         * cumulative expected count reaches the next gap). The time left to the next failure carries
         * over to the next period, so a scenario sees exactly the failures of another with the same
         * rates up to the day they differ; a fresh start draws it anew.
         */
        private void drawFailures(int from, int to, int p, boolean fresh) {
            for (int cell = 0; cell < cells; cell++) {
                SplittableRandom fs = failureStreams[cell];
                if (fresh) {
                    untilNext[cell] = -Math.log(1 - fs.nextDouble());
                }
                double mean = meanPerDay[p][cell];
                if (mean <= 0) {
                    continue;
                }
                double span = mean * (to - from);
                double t = untilNext[cell];
                while (t < span) {
                    int d = from + (int) (t / mean);
                    failures[d * cells + cell]++;
                    active[d * words + (cell >>> 6)] |= 1L << cell;
                    t += -Math.log(1 - fs.nextDouble());
                }
                untilNext[cell] = t - span;
            }
        }

        /**
         * A diagnosed part takes its route: one uniform picks it and, rescaled within the route's share
         * (again uniform), the bench time. A part routed to a hub no open hub takes follows the regime's
         * fallback. {@code machineWaits}: its machine is down waiting for a spare, so the dashboard counts
         * the ticket at its part's stage, or as awaiting a spare when the part leaves the pipeline.
         */
        private void route(int cell, int sv, int day, Regime regime, boolean machineWaits) {
            SplittableRandom routes = routeStreams[cell];
            double bench = regime.benchShare();
            double toVendor = bench + regime.vendorHubShare();
            double toOnshore = toVendor + regime.onshoreShare();
            double uRoute = routes.nextDouble();
            if (uRoute >= bench && uRoute < toOnshore) {
                int route = uRoute < toVendor ? 0 : 1;
                if (c.hubFor[c.periodOf(day)][cellVk[cell] * 2 + route] < 0) {
                    fallback(cell, sv, day, regime, (uRoute - bench) / (toOnshore - bench), machineWaits);
                    return;
                }
                outbound[cell * 2 + route]++;
                siteOutbound[sv / vendors]++;
                enter(sv, Stage.AWAITING_RMA_SHIPMENT, day, 1);
            } else if (uRoute < bench) {
                int back = day + regime.bench().sample(uRoute / bench);
                move(sv, Stage.BENCH_REPAIR, day, back, 1);
                arrive(cell, back, 1);
            } else {
                scrapped(cell, sv, day, regime, machineWaits);
            }
        }

        /** A part scrapped: a replacement is bought; a machine waiting on it is now awaiting a spare. */
        private void scrapped(int cell, int sv, int day, Regime regime, boolean machineWaits) {
            if (machineWaits) {
                unlinkedDown[cell]++;
                enter(sv, Stage.AWAITING_SPARE, day, 1);
            }
            purchase(cell, sv, day, regime, !machineWaits);
        }

        /** No open hub takes the part: the scenario's fallback, counted. */
        private void fallback(int cell, int sv, int day, Regime regime, double u, boolean machineWaits) {
            fallbackParts++;
            if (regime.fallback() == Plan.Fallback.BENCH) {
                int back = day + regime.bench().sample(u);
                move(sv, Stage.BENCH_REPAIR, day, back, 1);
                arrive(cell, back, 1);
            } else {
                scrapped(cell, sv, day, regime, machineWaits);
            }
        }

        /**
         * A replacement bought from the vendor: it arrives after the lead time and any hold on its
         * shipment. {@code counted}: shown as on order (a machine waiting on it is shown as awaiting a
         * spare instead, as the dashboard shows its ticket).
         */
        private void purchase(int cell, int sv, int day, Regime regime, boolean counted) {
            if (day >= days) {
                return;
            }
            if (!regime.ordersAllowed()) {
                enter(sv, Stage.LOST, day, 1);
                return;
            }
            spendCents += regime.unitCostCents();
            tariffCents += regime.tariffCentsPerUnit();
            if (purchaseDay[cell] != day) {
                // one shipment per pool and order day: its parts are held together
                purchaseDay[cell] = day;
                purchaseHeldU[cell] = purchaseStreams[cell].nextDouble();
                purchaseDurU[cell] = purchaseStreams[cell].nextDouble();
            }
            int hold = purchaseHeldU[cell] < regime.heldShare() ? regime.hold().sample(purchaseDurU[cell]) : 0;
            feesCents += regime.storageFeesCents(hold, 1);
            int back = day + regime.sparesLeadDays() + hold;
            if (counted) {
                move(sv, Stage.ON_ORDER, day, back, 1);
            } else {
                // in the pipeline all the same (its machine is shown as awaiting a spare)
                add(sv, NSTAGES, Math.min(day, days), 1);
                add(sv, NSTAGES, Math.min(back, days), -1);
            }
            arrive(cell, back, 1);
        }

        /**
         * A site's shipment day: parts awaiting shipment leave for the first open hub of their route, one
         * shipment per hub, held as a whole at the border on the way out with the outbound held share;
         * parts that no open hub takes any more follow the fallback.
         */
        private void shipOut(int s, int day, int p, int routes) {
            List<Hub> hubs = fleet.hubs();
            Period period = c.periods[p];
            for (int v = 0; v < vendors; v++) {
                int sv = s * vendors + v;
                for (int k = 0; k < kinds; k++) {
                    int cell = sv * kinds + k;
                    for (int route = 0; route < 2; route++) {
                        int n = outbound[cell * 2 + route];
                        if (n == 0 || (routes & (1 << route)) == 0) {
                            continue;
                        }
                        outbound[cell * 2 + route] = 0;
                        siteOutbound[s] -= n;
                        leave(sv, Stage.AWAITING_RMA_SHIPMENT, day, n);
                        Regime regime = period.regime(cell, cellVk[cell]);
                        int h = c.hubFor[p][(v * kinds + k) * 2 + route];
                        if (h < 0) {
                            for (int i = 0; i < n; i++) {
                                fallback(cell, sv, day, regime, routeStreams[cell].nextDouble(), false);
                            }
                            continue;
                        }
                        Hub hub = hubs.get(h);
                        int key = hubCount * sites + h * sites + s;
                        int arrival = day + (hub.transitLaw() == null ? hub.transitDays()
                                : hub.transit(legU[legAt(key, day)]));
                        move(sv, Stage.IN_TRANSIT, day, arrival, n);
                        if (hub.crossesBorder() && regime.heldShareOut() > 0) {
                            double[] u = drawHold(key, day);
                            if (u[0] < regime.heldShareOut()) {
                                int hold = regime.outboundHold().sample(u[1]);
                                move(sv, Stage.CUSTOMS_HOLD, arrival, arrival + hold, n);
                                arrival += hold;
                                feesCents += regime.storageFeesCents(hold, n);
                            }
                        }
                        enter(sv, Stage.HUB_QUEUE, Math.min(arrival, days), n);
                        enqueue(h, arrival, cell, n);
                    }
                }
            }
        }

        /** The stream of one shipment (route key, day): the same in every scenario that sends it. */
        private SplittableRandom shipment(int key, int day) {
            return stream(settings.seed(), SHIPMENTS, key * 8192 + day, (int) replication);
        }

        /**
         * Where the first four uniforms of the shipment (key, day) start in {@code legU}: drawn once
         * per key and day (every part of a shipment reads the same ones, so the numbers are those of a
         * fresh stream each time).
         */
        private int legAt(int key, int day) {
            int at = key * 4;
            if (legDay[key] != day) {
                legDay[key] = day;
                SplittableRandom leg = shipment(key, day);
                for (int i = 0; i < 4; i++) {
                    legU[at + i] = leg.nextDouble();
                }
            }
            return at;
        }

        /** The three uniforms of a shipment's hold, once per key and day. */
        private double[] drawHold(int key, int day) {
            if (holdDay[key] != day) {
                holdDay[key] = day;
                SplittableRandom hs = holdStreams[key];
                holdU[key][0] = hs.nextDouble();
                holdU[key][1] = hs.nextDouble();
                holdU[key][2] = hs.nextDouble();
            }
            return holdU[key];
        }

        /**
         * A hub's day: a weekly capacity is an intake admitting one part every 7 / capacity days, first
         * come first served, in continuous time: a cohort available on a day is at the hub at that day's
         * mark, its first part is admitted then or when the intake is next free, and the others one
         * interval apart. The parts admitted by the day's mark start their repair that day; capacity
         * left while the queue was empty is not saved up (the intake's next free time is simply in the
         * past), and no part uses capacity from before it arrived. Each repair takes the turnaround, or a
         * time drawn from the hub's repair law scaled to it where it has one. What the hub repairs travels back to
         * each site as one shipment of the day, held (or excluded) as a whole at the border, with the
         * parameters in force on the day its repair starts.
         */
        private void serve(int h, int day, int p) {
            HubState state = c.periods[p].hubs().get(h);
            if (state.servers() > 0) {
                serveByServers(h, day, p, state);
                return;
            }
            if (!state.open() || qHead[h] == qTail[h]) {
                return;
            }
            double perDay = c.capacityPerDay[p][h];
            boolean unlimited = state.capacityPerWeek() == Integer.MAX_VALUE;
            double gap = unlimited ? 0 : 1 / perDay;
            Period period = c.periods[p];
            DiscreteDuration law = fleet.hubs().get(h).repairLaw();
            double stretch = law == null || law.mean() <= 0 ? 1 : state.turnaroundDays() / law.mean();
            while (qHead[h] < qTail[h] && qAvail[h][qHead[h]] <= day) {
                int head = qHead[h];
                int cell = qCell[h][head];
                int m;
                if (unlimited) {
                    m = qCount[h][head];
                } else {
                    double first = Math.max(qAvail[h][head], intakeFree[h]);
                    if (first > day + 1e-9) {
                        break;
                    }
                    // admitted at first, first + gap, ... up to the day's mark
                    m = (int) Math.min(qCount[h][head], Math.floor((day - first) * perDay + 1e-9) + 1);
                    intakeFree[h] = first + m * gap;
                }
                qCount[h][head] -= m;
                if (qCount[h][head] == 0) {
                    qHead[h]++;
                }
                int sv = cell / kinds;
                int site = sv / vendors;
                leave(sv, Stage.HUB_QUEUE, day, m);
                Regime regime = period.regime(cell, cellVk[cell]);
                if (law == null) {
                    int done = day + state.turnaroundDays();
                    move(sv, Stage.HUB_REPAIR, day, done, m);
                    sendBack(h, cell, sv, site, day, done, m, regime);
                    continue;
                }
                // the hub's repair law (fitted to its own repairs), scaled to the period's turnaround
                for (int n = 0; n < m; n++) {
                    int done = day + Math.max(1, (int) Math.round(law.sample(repairStreams[h].nextDouble()) * stretch));
                    move(sv, Stage.HUB_REPAIR, day, done, 1);
                    sendBack(h, cell, sv, site, done, done, 1, regime);
                }
            }
        }

        /**
         * A hub of c servers (an M/G/c queue at daily resolution): servers whose repair ends today are
         * free again; free servers take parts first come, first served, each for a repair time drawn
         * from the hub's law scaled to the period's turnaround (or the turnaround itself). A closed hub
         * finishes the repairs it started and takes no new ones. Each part's return shipment is the
         * hub's shipment to its site on the day its repair ends.
         */
        private void serveByServers(int h, int day, int p, HubState state) {
            busy[h] -= freeing[h][day];
            freeing[h][day] = 0;
            if (!state.open() || qHead[h] == qTail[h]) {
                return;
            }
            Hub hub = fleet.hubs().get(h);
            DiscreteDuration law = hub.repairLaw();
            double stretch = law == null || law.mean() <= 0 ? 1 : state.turnaroundDays() / law.mean();
            SplittableRandom repairs = repairStreams[h];
            Period period = c.periods[p];
            while (qHead[h] < qTail[h] && qAvail[h][qHead[h]] <= day && busy[h] < state.servers()) {
                int head = qHead[h];
                int cell = qCell[h][head];
                int m = Math.min(qCount[h][head], state.servers() - busy[h]);
                qCount[h][head] -= m;
                if (qCount[h][head] == 0) {
                    qHead[h]++;
                }
                int sv = cell / kinds;
                int site = sv / vendors;
                leave(sv, Stage.HUB_QUEUE, day, m);
                Regime regime = period.regime(cell, cellVk[cell]);
                for (int n = 0; n < m; n++) {
                    int time = law == null ? state.turnaroundDays()
                            : Math.max(1, (int) Math.round(law.sample(repairs.nextDouble()) * stretch));
                    int done = day + time;
                    busy[h]++;
                    if (done <= days) {
                        freeing[h][done]++;
                    }
                    move(sv, Stage.HUB_REPAIR, day, done, 1);
                    sendBack(h, cell, sv, site, done, done, 1, regime);
                }
            }
        }

        /** Repaired parts back from a hub, leaving on {@code done}: in transit, maybe held, then on the shelf. */
        private void sendBack(int h, int cell, int sv, int site, int started, int done, int m, Regime regime) {
            if (done >= days) {
                return;
            }
            Hub hub = fleet.hubs().get(h);
            int key = h * sites + site;
            boolean byServers = c.periods[c.periodOf(started)].hubs().get(h).servers() > 0 || hub.repairLaw() != null;
            // a hub of servers, or whose repair times vary, ships each day's finished repairs together:
            // its shipment's own stream
            boolean byLeg = hub.transitLaw() != null || byServers;
            int at = byLeg ? legAt(key, done) : 0;
            int port = done + (hub.transitLaw() == null ? hub.transitDays() : hub.transit(legU[at++]));
            move(sv, Stage.RETURNING, done, port, m);
            int hold = 0;
            boolean excluded = false;
            if (hub.crossesBorder()) {
                double[] u = byServers ? legU : drawHold(key, started);
                int o = byServers ? at : 0;
                if (u[o] < regime.heldShare()) {
                    hold = regime.hold().sample(u[o + 1]);
                    excluded = u[o + 2] < regime.excludedShare();
                    move(sv, Stage.CUSTOMS_HOLD, port, port + hold, m);
                    feesCents += regime.storageFeesCents(hold, m);
                }
            }
            int released = port + hold;
            if (excluded) {
                for (int n = 0; n < m; n++) {
                    purchase(cell, sv, released, regime, true);
                }
            } else {
                arrive(cell, released, m);
            }
        }

        /** A cohort into queue q, after every cohort available no later (first come, first served). */
        private void enqueue(int q, int available, int cell, int n) {
            if (qTail[q] == qAvail[q].length) {
                int live = qTail[q] - qHead[q];
                // room at the front: slide the live cohorts down; otherwise grow
                int size = live * 2 <= qAvail[q].length ? qAvail[q].length : qAvail[q].length * 2;
                qAvail[q] = compact(qAvail[q], qHead[q], live, size);
                qCell[q] = compact(qCell[q], qHead[q], live, size);
                qCount[q] = compact(qCount[q], qHead[q], live, size);
                qHead[q] = 0;
                qTail[q] = live;
            }
            int at = qTail[q];
            while (at > qHead[q] && qAvail[q][at - 1] > available) {
                at--;
            }
            if (at < qTail[q]) {
                int len = qTail[q] - at;
                System.arraycopy(qAvail[q], at, qAvail[q], at + 1, len);
                System.arraycopy(qCell[q], at, qCell[q], at + 1, len);
                System.arraycopy(qCount[q], at, qCount[q], at + 1, len);
            }
            qAvail[q][at] = available;
            qCell[q][at] = cell;
            qCount[q][at] = n;
            qTail[q]++;
        }

        private int[] compact(int[] a, int from, int live, int size) {
            int[] out = size == a.length ? a : new int[size];
            System.arraycopy(a, from, out, 0, live);
            return out;
        }

        /** Parts back on the pool's shelf on that day (at the earliest the next day: today's pools are done). */
        private void arrive(int cell, int day, int n) {
            day = Math.max(day, today + 1);
            if (day < days) {
                arrive[day * cells + cell] += n;
                active[day * words + (cell >>> 6)] |= 1L << cell;
            }
        }

        private void move(int sv, Stage stage, int from, int to, int n) {
            enter(sv, stage, from, n);
            leave(sv, stage, to, n);
        }

        private void enter(int sv, Stage stage, int day, int n) {
            add(sv, stage.ordinal(), Math.min(day, days), n);
        }

        private void leave(int sv, Stage stage, int day, int n) {
            add(sv, stage.ordinal(), Math.min(day, days), -n);
        }

        /**
         * A stage move on a day. Levels are reported from the warm-up's end on, so a move during the
         * warm-up counts as made on its last day: the sums stay exact and the writes stay in one row.
         */
        private void add(int sv, int stage, int day, int n) {
            if (n == 0) {
                return;
            }
            int row = Math.max(day, warmupDays) - warmupDays;
            fleetStageDelta[row * (NSTAGES + 1) + stage] += n;
            if (stage < NSTAGES) {
                moves[(row * NSTAGES + stage) * svCount + sv] += n;
            }
        }

        /** The state on the shared day, to start each scenario from. */
        private final class Snapshot {
            final int[] shelf = new int[cells];
            final int[] waitDown = new int[cells];
            final int[] unlinkedDown = new int[cells];
            final int[] waitUp = new int[cells];
            final int[] outbound = new int[cells * 2];
            final int[] arrive = new int[cells * (days + 1)];
            final int[] release = new int[(days + 1) * svCount];
            final long[] active = new long[(days + 1) * words];
            final int[] purchaseDay = new int[cells];
            final double[] purchaseHeldU = new double[cells];
            final double[] purchaseDurU = new double[cells];
            final int[] fleetStageDelta = new int[(NSTAGES + 1) * (settings.horizonDays() + 1)];
            final int[] svDown = new int[svCount];
            final int[] siteUnits = new int[sites];
            final double[] siteThs = new double[sites];
            final int[] vendorUnits = new int[vendors];
            final double[] vendorThs = new double[vendors];
            int fleetUnits;
            double fleetThs;
            final int[] siteOutbound = new int[sites];
            final double[] intakeFree = new double[hubCount];
            final int[][] qAvail = new int[hubCount + sites][];
            final int[][] qCell = new int[hubCount + sites][];
            final int[][] qCount = new int[hubCount + sites][];
            final int[] qHead = new int[hubCount + sites];
            final int[] qTail = new int[hubCount + sites];
            int stockedOutNow;
            long spendCents;
            double thLost;
            double stockouts;
            double fallbackParts;
            double feesCents;
            double tariffCents;
            final int[] busy = new int[hubCount];
            final int[][] freeing = new int[hubCount][days + 1];

            void take() {
                copy(Replica.this.busy, busy);
                for (int h = 0; h < hubCount; h++) {
                    copy(Replica.this.freeing[h], freeing[h]);
                }
                feesCents = Replica.this.feesCents;
                tariffCents = Replica.this.tariffCents;
                copy(Replica.this.shelf, shelf);
                copy(Replica.this.waitDown, waitDown);
                copy(Replica.this.unlinkedDown, unlinkedDown);
                copy(Replica.this.waitUp, waitUp);
                copy(Replica.this.outbound, outbound);
                int from = shared * cells;
                System.arraycopy(Replica.this.arrive, from, arrive, from, arrive.length - from);
                int rf = shared * svCount;
                System.arraycopy(Replica.this.release, rf, release, rf, release.length - rf);
                System.arraycopy(Replica.this.active, shared * words, active, shared * words, active.length - shared * words);
                copy(Replica.this.purchaseDay, purchaseDay);
                System.arraycopy(Replica.this.purchaseHeldU, 0, purchaseHeldU, 0, cells);
                System.arraycopy(Replica.this.purchaseDurU, 0, purchaseDurU, 0, cells);
                copy(Replica.this.fleetStageDelta, fleetStageDelta);
                copy(Replica.this.svDown, svDown);
                copy(Replica.this.siteUnits, siteUnits);
                System.arraycopy(Replica.this.siteThs, 0, siteThs, 0, sites);
                copy(Replica.this.vendorUnits, vendorUnits);
                System.arraycopy(Replica.this.vendorThs, 0, vendorThs, 0, vendors);
                fleetUnits = Replica.this.fleetUnits;
                fleetThs = Replica.this.fleetThs;
                copy(Replica.this.siteOutbound, siteOutbound);
                System.arraycopy(Replica.this.intakeFree, 0, intakeFree, 0, intakeFree.length);
                for (int q = 0; q < qHead.length; q++) {
                    qAvail[q] = into(Replica.this.qAvail[q], qAvail[q], Replica.this.qTail[q]);
                    qCell[q] = into(Replica.this.qCell[q], qCell[q], Replica.this.qTail[q]);
                    qCount[q] = into(Replica.this.qCount[q], qCount[q], Replica.this.qTail[q]);
                }
                copy(Replica.this.qHead, qHead);
                copy(Replica.this.qTail, qTail);
                stockedOutNow = Replica.this.stockedOutNow;
                spendCents = Replica.this.spendCents;
                thLost = Replica.this.thLost;
                stockouts = Replica.this.stockouts;
                fallbackParts = Replica.this.fallbackParts;
            }

            void restore() {
                copy(busy, Replica.this.busy);
                for (int h = 0; h < hubCount; h++) {
                    copy(freeing[h], Replica.this.freeing[h]);
                }
                Replica.this.feesCents = feesCents;
                Replica.this.tariffCents = tariffCents;
                copy(shelf, Replica.this.shelf);
                copy(waitDown, Replica.this.waitDown);
                copy(unlinkedDown, Replica.this.unlinkedDown);
                copy(waitUp, Replica.this.waitUp);
                copy(outbound, Replica.this.outbound);
                int from = shared * cells;
                System.arraycopy(arrive, from, Replica.this.arrive, from, arrive.length - from);
                int rf = shared * svCount;
                System.arraycopy(release, rf, Replica.this.release, rf, release.length - rf);
                System.arraycopy(active, shared * words, Replica.this.active, shared * words, active.length - shared * words);
                Arrays.fill(Replica.this.failures, from, Replica.this.failures.length, 0);
                copy(purchaseDay, Replica.this.purchaseDay);
                System.arraycopy(purchaseHeldU, 0, Replica.this.purchaseHeldU, 0, cells);
                System.arraycopy(purchaseDurU, 0, Replica.this.purchaseDurU, 0, cells);
                copy(fleetStageDelta, Replica.this.fleetStageDelta);
                copy(svDown, Replica.this.svDown);
                copy(siteUnits, Replica.this.siteUnits);
                System.arraycopy(siteThs, 0, Replica.this.siteThs, 0, sites);
                copy(vendorUnits, Replica.this.vendorUnits);
                System.arraycopy(vendorThs, 0, Replica.this.vendorThs, 0, vendors);
                Replica.this.fleetUnits = fleetUnits;
                Replica.this.fleetThs = fleetThs;
                copy(siteOutbound, Replica.this.siteOutbound);
                System.arraycopy(intakeFree, 0, Replica.this.intakeFree, 0, intakeFree.length);
                for (int q = 0; q < qHead.length; q++) {
                    Replica.this.qAvail[q] = into(qAvail[q], Replica.this.qAvail[q], qTail[q]);
                    Replica.this.qCell[q] = into(qCell[q], Replica.this.qCell[q], qTail[q]);
                    Replica.this.qCount[q] = into(qCount[q], Replica.this.qCount[q], qTail[q]);
                }
                copy(qHead, Replica.this.qHead);
                copy(qTail, Replica.this.qTail);
                Arrays.fill(Replica.this.holdDay, -1);
                Replica.this.stockedOutNow = stockedOutNow;
                Replica.this.spendCents = spendCents;
                Replica.this.thLost = thLost;
                Replica.this.stockouts = stockouts;
                Replica.this.fallbackParts = fallbackParts;
            }

            /** The first n entries of a queue array into another of the same length (reused when it fits). */
            private int[] into(int[] from, int[] to, int n) {
                int[] out = to != null && to.length == from.length ? to : new int[from.length];
                System.arraycopy(from, 0, out, 0, n);
                return out;
            }

            private void copy(int[] from, int[] to) {
                System.arraycopy(from, 0, to, 0, from.length);
            }
        }
    }

    /** rows x cols (row-major) to cols x rows, in cache-sized blocks. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        int block = 32;
        for (int r0 = 0; r0 < rows; r0 += block) {
            for (int c0 = 0; c0 < cols; c0 += block) {
                for (int r = r0; r < Math.min(rows, r0 + block); r++) {
                    for (int c = c0; c < Math.min(cols, c0 + block); c++) {
                        t[c * rows + r] = a[r * cols + c];
                    }
                }
            }
        }
        return t;
    }

    /**
     * Gamma(shape)/shape by the Wilson-Hilferty cube: the failure-rate multiplier of one replication
     * when the rate is an estimate from {@code shape} events (mean 1, variance 1/shape).
     */
    static double rateMultiplier(double shape, double z) {
        if (shape <= 0) {
            return 1;
        }
        double c = 1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape));
        return c <= 0 ? 0 : c * c * c;
    }

    /** Substream r of a source: seeded from (seed, source, index, replication) alone. */
    static SplittableRandom stream(long seed, int source, int index, int replication) {
        long h = seed;
        h = mix(h ^ (source + 0x9E3779B97F4A7C15L));
        h = mix(h ^ (index + 0x632BE59BD9B4E019L));
        h = mix(h ^ (replication + 0x85157AF5L));
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Poisson by inversion of one uniform: exact, and monotone in the mean, so a scenario with more
     * failures sees a superset of another's counts. Above a mean of 60 (a pool failing that often in
     * a day) the normal approximation of the same uniform is used.
     */
    static int poisson(double u, double mean, double expNegMean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 60) {
            double z = STANDARD_NORMAL.inverseCumulativeProbability(Math.max(1e-12, Math.min(u, 1 - 1e-12)));
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
        }
        double p = expNegMean;
        double cumulative = p;
        int n = 0;
        while (u > cumulative && n < 1000) {
            n++;
            p *= mean / n;
            cumulative += p;
        }
        return n;
    }

    static double normal(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
