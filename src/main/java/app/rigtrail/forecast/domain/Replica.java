package app.rigtrail.forecast.domain;

import static app.rigtrail.forecast.domain.RandomStreams.FAILURES;
import static app.rigtrail.forecast.domain.RandomStreams.HOLDS;
import static app.rigtrail.forecast.domain.RandomStreams.PURCHASES;
import static app.rigtrail.forecast.domain.RandomStreams.RATES;
import static app.rigtrail.forecast.domain.RandomStreams.REPAIRS;
import static app.rigtrail.forecast.domain.RandomStreams.ROUTES;
import static app.rigtrail.forecast.domain.RandomStreams.SHIPMENTS;
import static app.rigtrail.forecast.domain.RandomStreams.SWAPS;
import static app.rigtrail.forecast.domain.RandomStreams.THINNING;
import static app.rigtrail.forecast.domain.RandomStreams.normal;
import static app.rigtrail.forecast.domain.RandomStreams.rateMultiplier;
import static app.rigtrail.forecast.domain.RandomStreams.stream;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

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
final class Replica {
    private static final int NSTAGES = Stage.values().length;
    final Fleet fleet;
    final MonteCarloForecast.Settings settings;
    final int sites;
    final int vendors;
    final int kinds;
    final int cells;
    final int days;
    final int nSeries;
    final int sSiteUnits;
    final int sSiteThs;
    final int sVendorUnits;
    final int sVendorThs;
    final CompiledPlan[] plans;
    final RunSummary[] outs;
    CompiledPlan c;
    RunSummary out;
    final int shared;
    final int[] shelf;
    /** Machines down waiting for a spare of the pool; of them, those whose part is not in the pipeline. */
    final int[] waitDown;
    final int[] unlinkedDown;
    /** Tickets waiting for a spare while their machine runs (degraded). */
    final int[] waitUp;
    final int[] outbound;
    final int[] arrive;
    final int[] purchaseDay;
    final double[] purchaseHeldU;
    final double[] purchaseDurU;
    /** Failures a day expected per period and pool (the replication's rate). */
    double[][] meanPerDay;
    /** Per pool: the operational time (expected failures) left until its next failure. */
    final double[] untilNext;
    final double[] rateZ;
    final int[] failures;
    final int warmupDays;
    /** Stage moves of this replication from the warm-up's end: [(day - warm-up) * stages + stage]. */
    final int[] fleetStageDelta;
    final int svCount;
    /** Machines coming back up per day and site-vendor: [day * svs + sv]. */
    final int[] release;
    /**
     * Stage moves of the shared past, and of each scenario from it: [(day * svs + sv) * stages + stage]
     * (a part's moves on a day at its site share a cache line).
     */
    final int[] sharedMoves;
    final int[][] planMoves;
    int[] moves;
    final SplittableRandom[] failureStreams;
    final SplittableRandom[] routeStreams;
    final SplittableRandom[] purchaseStreams;
    final SplittableRandom[] thinStreams;
    final SplittableRandom[] swapStreams;
    final SplittableRandom[] holdStreams;
    /** Hubs with a weekly capacity: when the intake is next free (in days; in the past when idle). */
    final double[] intakeFree;
    final int[] holdDay;
    /** The seed of each route key's shipment stream of {@code legDay[key]} (see legAt). */
    final int[] legDay;
    final long[] legSeed;
    /** The prefix of the replication's shipment streams (the same in every phase: see legAt). */
    long shipments;
    final double[][] holdU;
    final int[] svDown;
    /** Scratch for a day's sums by vendor. */
    final int[] vendorUnits;
    final double[] vendorThs;
    final int[] siteOutbound;
    final int words;
    /** Per day, a bit per pool with a failure or an arrival that day. */
    final long[] active;
    final int[] cellSv;
    final int[] cellVk;
    /** The site and the vendor of each site-vendor (no division on the hot path). */
    final int[] svSite;
    final int[] svVendor;
    final int hubCount;
    int stockedOutNow;
    int today;
    /** The period of {@code today} (diagnoses and routes happen on the day simulated). */
    int todayPeriod;
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
    final int[] stageLevel;
    /** Per site: the diagnoses its technicians can still make today. */
    final int[] capacityLeft;
    /** Per site-vendor: machines whose swap ended within the day, back up at its end. */
    final int[] swappedToday;
    /** Parts diagnoseCohort's routes sent to a shipment, or to a bench, not yet entered. */
    int toShipment;
    int toBench;
    /** The hubs' queues, then each site's diagnosis queue. */
    final HubQueues queues;
    final ReplicaSnapshot snapshot;

    Replica(Fleet fleet, MonteCarloForecast.Settings settings, CompiledPlan[] plans, RunSummary[] outs) {
        this.fleet = fleet;
        this.settings = settings;
        this.sites = fleet.sites().size();
        this.vendors = fleet.vendors().size();
        this.kinds = fleet.partKinds().size();
        this.cells = fleet.cells();
        this.days = settings.days();
        this.nSeries = outs[0].nSeries;
        this.sSiteUnits = outs[0].sSiteUnits;
        this.sSiteThs = outs[0].sSiteThs;
        this.sVendorUnits = outs[0].sVendorUnits;
        this.sVendorThs = outs[0].sVendorThs;
        this.shelf = new int[cells];
        this.waitDown = new int[cells];
        this.unlinkedDown = new int[cells];
        this.waitUp = new int[cells];
        this.outbound = new int[cells * 2];
        this.arrive = new int[cells * (days + 1)];
        this.purchaseDay = new int[cells];
        this.purchaseHeldU = new double[cells];
        this.purchaseDurU = new double[cells];
        this.meanPerDay = new double[0][];
        this.untilNext = new double[cells];
        this.failures = new int[(days + 1) * cells];
        this.warmupDays = settings.warmupDays();
        this.fleetStageDelta = new int[(NSTAGES + 1) * (settings.horizonDays() + 1)];
        this.svCount = fleet.machines().length;
        this.release = new int[(days + 1) * svCount];
        this.failureStreams = new SplittableRandom[cells];
        this.routeStreams = new SplittableRandom[cells];
        this.purchaseStreams = new SplittableRandom[cells];
        this.thinStreams = new SplittableRandom[cells];
        this.swapStreams = new SplittableRandom[sites];
        this.vendorUnits = new int[vendors];
        this.vendorThs = new double[vendors];
        this.siteOutbound = new int[sites];
        this.words = (cells + 63) >>> 6;
        this.active = new long[(days + 1) * words];
        this.cellSv = new int[cells];
        this.cellVk = new int[cells];
        this.hubCount = fleet.hubs().size();
        this.stageLevel = new int[NSTAGES + 1];
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
        legSeed = new long[hubCount * sites * 2];
        holdU = new double[hubCount * sites * 2][3];
        svDown = new int[svCount];
        busy = new int[hubCount];
        freeing = new int[hubCount][days + 1];
        repairStreams = new SplittableRandom[hubCount];
        svSite = new int[svCount];
        svVendor = new int[svCount];
        for (int sv = 0; sv < svCount; sv++) {
            svSite[sv] = sv / vendors;
            svVendor[sv] = sv % vendors;
        }
        for (int cell = 0; cell < cells; cell++) {
            cellSv[cell] = cell / kinds;
            cellVk[cell] = (cell / kinds) % vendors * kinds + cell % kinds;
        }
        capacityLeft = new int[sites];
        swappedToday = new int[svCount];
        queues = new HubQueues(hubCount + sites);
        snapshot = plans.length > 1 ? new ReplicaSnapshot(this) : null;
    }

    void replicate(int r) {
        begin(r);
        use(0);
        moves = sharedMoves;
        if (settings.steadyStart()) {
            DayZero.steady(this, r);
        } else {
            DayZero.live(this, r);
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
                        if (outs[0].series[s] != null) {
                            System.arraycopy(outs[0].series[s], r * horizon, outs[j].series[s], r * horizon, from);
                        }
                    }
                }
            }
            use(j);
            branch(r, j);
        }
    }

    /** From the shared day on, scenario j alone: fresh streams (the same for every scenario), its rates. */
    void branch(int r, int j) {
        moves = planMoves[j];
        if (shared < days) {
            seed(r, 16);
        }
        simulate(shared, days, r);
        finish(r);
    }

    void use(int j) {
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

    void begin(int r) {
        Arrays.fill(arrive, 0);
        Arrays.fill(failures, 0);
        Arrays.fill(release, 0);
        Arrays.fill(outbound, 0);
        Arrays.fill(purchaseDay, -1);
        Arrays.fill(holdDay, -1);
        Arrays.fill(legDay, -1);
        Arrays.fill(intakeFree, 0);
        queues.clear();
        Arrays.fill(fleetStageDelta, 0);
        System.arraycopy(fleet.spares(), 0, shelf, 0, cells);
        Arrays.fill(waitDown, 0);
        Arrays.fill(unlinkedDown, 0);
        Arrays.fill(waitUp, 0);
        Arrays.fill(svDown, 0);
        Arrays.fill(swappedToday, 0);
        toShipment = 0;
        toBench = 0;
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

    void seed(int r, int phase) {
        long seed = settings.seed();
        long failure = RandomStreams.prefix(seed, FAILURES + phase, r);
        long route = RandomStreams.prefix(seed, ROUTES + phase, r);
        long purchase = RandomStreams.prefix(seed, PURCHASES + phase, r);
        long thinning = RandomStreams.prefix(seed, THINNING + phase, r);
        for (int cell = 0; cell < cells; cell++) {
            failureStreams[cell] = new SplittableRandom(RandomStreams.indexed(failure, cell));
            routeStreams[cell] = new SplittableRandom(RandomStreams.indexed(route, cell));
            purchaseStreams[cell] = new SplittableRandom(RandomStreams.indexed(purchase, cell));
            thinStreams[cell] = new SplittableRandom(RandomStreams.indexed(thinning, cell));
        }
        long swaps = RandomStreams.prefix(seed, SWAPS + phase, r);
        for (int s = 0; s < sites; s++) {
            swapStreams[s] = new SplittableRandom(RandomStreams.indexed(swaps, s));
        }
        long holds = RandomStreams.prefix(seed, HOLDS + phase, r);
        for (int i = 0; i < holdStreams.length; i++) {
            holdStreams[i] = new SplittableRandom(RandomStreams.indexed(holds, i));
        }
        long repairs = RandomStreams.prefix(seed, REPAIRS + phase, r);
        for (int h = 0; h < hubCount; h++) {
            repairStreams[h] = new SplittableRandom(RandomStreams.indexed(repairs, h));
        }
        shipments = RandomStreams.prefix(seed, SHIPMENTS, r);
    }


    /** Days [from, to) of the current scenario. */
    void simulate(int from, int to, int r) {
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
            todayPeriod = p;
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
            System.arraycopy(c.diagnosesPerDay, 0, capacityLeft, 0, sites);
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
                        int site = svSite[sv];
                        int accepted = failed;
                        if (finite) {
                            SplittableRandom thin = thinStreams[cell];
                            int all = machines[sv];
                            int up = all - svDown[sv];
                            accepted = 0;
                            for (int f = 0; f < failed; f++) {
                                if (thin.nextDouble() * all < up - accepted) {
                                    accepted++;
                                }
                            }
                        }
                        if (accepted > 0) {
                            svDown[sv] += accepted;
                            // with nobody ahead in the site's queue, its technicians take them now, in
                            // the order the queue would give them (enter and leave of the same day cancel)
                            int q = hubCount + site;
                            int now = queues.head[q] == queues.tail[q] ? Math.min(accepted, capacityLeft[site]) : 0;
                            if (now > 0) {
                                capacityLeft[site] -= now;
                                diagnoseCohort(site, cell, sv, true, now, i, period);
                            }
                            if (accepted > now) {
                                enter(sv, Stage.AWAITING_DIAGNOSIS, i, accepted - now);
                                queues.enqueue(q, i, cell * 2 + 1, accepted - now);
                            }
                        }
                    }
                    if (sockets[cell] > 0 && wasOut != (shelf[cell] == 0)) {
                        stockedOutNow += wasOut ? -1 : 1;
                    }
                }
            }
            for (int s = 0; s < sites; s++) {
                if (queues.head[hubCount + s] != queues.tail[hubCount + s]) {
                    diagnose(s, i, period);
                }
            }
            for (int sv = 0; sv < svCount; sv++) {
                if (swappedToday[sv] != 0) {
                    down(sv, -swappedToday[sv]);
                    swappedToday[sv] = 0;
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

    /**
     * The day's levels into the replication's series (from the warm-up's end on): machines down by
     * site, vendor and fleet (at most all of a site-vendor's machines), and their hashrate.
     */
    void record(int i, int r, int warm, int horizon, float[][] series) {
        if (i < warm) {
            return;
        }
        int at = r * horizon + i - warm;
        int[] machines = fleet.machines();
        double[] ths = fleet.thsPerMachine();
        Arrays.fill(vendorUnits, 0);
        Arrays.fill(vendorThs, 0);
        int fleetUnits = 0;
        double fleetThs = 0;
        int sv = 0;
        for (int st = 0; st < sites; st++) {
            int units = 0;
            double siteTh = 0;
            for (int v = 0; v < vendors; v++, sv++) {
                int down = Math.min(svDown[sv], machines[sv]);
                double th = down * ths[sv];
                units += down;
                siteTh += th;
                vendorUnits[v] += down;
                vendorThs[v] += th;
            }
            series[sSiteUnits + st][at] = units;
            if (series[sSiteThs + st] != null) {
                series[sSiteThs + st][at] = (float) siteTh;
            }
            fleetUnits += units;
            fleetThs += siteTh;
        }
        for (int v = 0; v < vendors; v++) {
            series[sVendorUnits + v][at] = vendorUnits[v];
            if (series[sVendorThs + v] != null) {
                series[sVendorThs + v][at] = (float) vendorThs[v];
            }
        }
        series[RunSummary.S_UNITS][at] = fleetUnits;
        series[RunSummary.S_THS][at] = (float) fleetThs;
        series[RunSummary.S_STOCKOUT][at] = stockedOutNow;
        stockouts += stockedOutNow;
        thLost += fleetThs;
    }

    /**
     * A site's technicians through its diagnosis queue, first come first served, up to what is left
     * of their day's capacity (see {@link #diagnoseCohort}).
     */
    void diagnose(int s, int day, Period period) {
        int q = hubCount + s;
        while (queues.head[q] < queues.tail[q] && queues.avail[q][queues.head[q]] <= day && capacityLeft[s] > 0) {
            int head = queues.head[q];
            int code = queues.item[q][head];
            int cell = code >> 1;
            int m = Math.min(queues.count[q][head], capacityLeft[s]);
            capacityLeft[s] -= m;
            queues.count[q][head] -= m;
            if (queues.count[q][head] == 0) {
                queues.head[q]++;
            }
            int sv = cellSv[cell];
            leave(sv, Stage.AWAITING_DIAGNOSIS, day, m);
            boolean wasOut = shelf[cell] == 0;
            diagnoseCohort(s, cell, sv, (code & 1) == 1, m, day, period);
            if (fleet.sockets()[cell] > 0 && wasOut != (shelf[cell] == 0)) {
                stockedOutNow += wasOut ? -1 : 1;
            }
        }
    }

    /**
     * m machines of one pool diagnosed today: each takes a spare if the shelf has one (down for the
     * swap time more: the whole days of U + swap days, whose mean is the swap time, so Little's law
     * holds) or waits. Its failed part then takes its route. A swap done within the day brings its
     * machine back up at the day's end ({@link #swappedToday}), after the day's failures were thinned.
     */
    void diagnoseCohort(int s, int cell, int sv, boolean isDown, int m, int day, Period period) {
        Regime regime = period.regime(cell, cellVk[cell]);
        double swap = fleet.swapDays();
        SplittableRandom swaps = swapStreams[s];
        for (int n = 0; n < m; n++) {
            boolean waits = shelf[cell] == 0;
            if (!waits) {
                shelf[cell]--;
                if (isDown) {
                    int extra = swap == 0 ? 0 : (int) (swaps.nextDouble() + swap);
                    if (extra == 0) {
                        swappedToday[sv]++;
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
        // the parts that route() sent to a shipment or a bench today, entered together
        if (toShipment > 0) {
            enter(sv, Stage.AWAITING_RMA_SHIPMENT, day, toShipment);
            toShipment = 0;
        }
        if (toBench > 0) {
            enter(sv, Stage.BENCH_REPAIR, day, toBench);
            toBench = 0;
        }
    }

    /** Machines down at a site and vendor change (the sums by site, vendor and fleet are taken when a day is recorded). */
    void down(int sv, int change) {
        svDown[sv] += change;
    }

    /**
     * Sites ordered to stop running a vendor's machines from this period on: all of them down (their
     * parts then no longer fail); lifted, back up (less those down for their own faults).
     */
    void stopOrRestart(Period before, Period now) {
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
    void finish(int r) {
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
                    series[RunSummary.S_STAGE0 + st][at] = stageLevel[st];
                }
            }
            series[RunSummary.S_PIPELINE][at] = inPipeline;
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
    void drawFailures(int from, int to, int p, boolean fresh) {
        for (int cell = 0; cell < cells; cell++) {
            SplittableRandom fs = failureStreams[cell];
            if (fresh) {
                untilNext[cell] = fs.nextExponential();
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
                t += fs.nextExponential();
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
    void route(int cell, int sv, int day, Regime regime, boolean machineWaits) {
        // (called by diagnoseCohort alone, which enters the counts toShipment and toBench on the day)
        SplittableRandom routes = routeStreams[cell];
        double bench = regime.benchShare();
        double toVendor = bench + regime.vendorHubShare();
        double toOnshore = toVendor + regime.onshoreShare();
        double uRoute = routes.nextDouble();
        if (uRoute >= bench && uRoute < toOnshore) {
            int route = uRoute < toVendor ? 0 : 1;
            if (c.hubFor[todayPeriod][cellVk[cell] * 2 + route] < 0) {
                fallback(cell, sv, day, regime, (uRoute - bench) / (toOnshore - bench), machineWaits);
                return;
            }
            outbound[cell * 2 + route]++;
            siteOutbound[svSite[sv]]++;
            toShipment++;
        } else if (uRoute < bench) {
            int back = day + regime.bench().sample(uRoute / bench);
            toBench++;
            leave(sv, Stage.BENCH_REPAIR, back, 1);
            arrive(cell, back, 1);
        } else {
            scrapped(cell, sv, day, regime, machineWaits);
        }
    }

    /** A part scrapped: a replacement is bought; a machine waiting on it is now awaiting a spare. */
    void scrapped(int cell, int sv, int day, Regime regime, boolean machineWaits) {
        if (machineWaits) {
            unlinkedDown[cell]++;
            enter(sv, Stage.AWAITING_SPARE, day, 1);
        }
        purchase(cell, sv, day, regime, !machineWaits);
    }

    /**
     * No open hub takes the part: the scenario's fallback, counted. A part sent to the bench is counted
     * in {@code toBench}, which the caller enters on the day.
     */
    void fallback(int cell, int sv, int day, Regime regime, double u, boolean machineWaits) {
        fallbackParts++;
        if (regime.fallback() == Plan.Fallback.BENCH) {
            int back = day + regime.bench().sample(u);
            toBench++; // entered on the day by the caller
            leave(sv, Stage.BENCH_REPAIR, back, 1);
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
    void purchase(int cell, int sv, int day, Regime regime, boolean counted) {
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
    void shipOut(int s, int day, int p, int routes) {
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
                        if (toBench > 0) {
                            enter(sv, Stage.BENCH_REPAIR, day, toBench);
                            toBench = 0;
                        }
                        continue;
                    }
                    Hub hub = hubs.get(h);
                    int key = hubCount * sites + h * sites + s;
                    int arrival = day + (hub.transitLaw() == null ? hub.transitDays()
                            : hub.transit(leg(legAt(key, day), 0)));
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
                    queues.enqueue(h, arrival, cell, n);
                }
            }
        }
    }

    /**
     * The stream of one shipment (route key, day), the same in every scenario that sends it: its seed,
     * set once per key and day; {@link #leg} reads its numbers.
     */
    int legAt(int key, int day) {
        if (legDay[key] != day) {
            legDay[key] = day;
            legSeed[key] = RandomStreams.indexed(shipments, key * 8192 + day);
        }
        return key;
    }

    /** The i-th uniform (from 0) of the shipment stream set for this key by {@link #legAt}. */
    double leg(int key, int i) {
        return RandomStreams.uniform(legSeed[key], i);
    }

    /** The three uniforms of a shipment's hold, once per key and day. */
    double[] drawHold(int key, int day) {
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
    void serve(int h, int day, int p) {
        HubState state = c.periods[p].hubs().get(h);
        if (state.servers() > 0) {
            serveByServers(h, day, p, state);
            return;
        }
        if (!state.open() || queues.head[h] == queues.tail[h]) {
            return;
        }
        double perDay = c.capacityPerDay[p][h];
        boolean unlimited = state.capacityPerWeek() == Integer.MAX_VALUE;
        double gap = unlimited ? 0 : 1 / perDay;
        Period period = c.periods[p];
        DiscreteDuration law = fleet.hubs().get(h).repairLaw();
        double stretch = law == null || law.mean() <= 0 ? 1 : state.turnaroundDays() / law.mean();
        while (queues.head[h] < queues.tail[h] && queues.avail[h][queues.head[h]] <= day) {
            int head = queues.head[h];
            int cell = queues.item[h][head];
            int m;
            if (unlimited) {
                m = queues.count[h][head];
            } else {
                double first = Math.max(queues.avail[h][head], intakeFree[h]);
                if (first > day + 1e-9) {
                    break;
                }
                // admitted at first, first + gap, ... up to the day's mark
                m = (int) Math.min(queues.count[h][head], Math.floor((day - first) * perDay + 1e-9) + 1);
                intakeFree[h] = first + m * gap;
            }
            queues.count[h][head] -= m;
            if (queues.count[h][head] == 0) {
                queues.head[h]++;
            }
            int sv = cellSv[cell];
            int site = svSite[sv];
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
    void serveByServers(int h, int day, int p, HubState state) {
        busy[h] -= freeing[h][day];
        freeing[h][day] = 0;
        if (!state.open() || queues.head[h] == queues.tail[h]) {
            return;
        }
        Hub hub = fleet.hubs().get(h);
        DiscreteDuration law = hub.repairLaw();
        double stretch = law == null || law.mean() <= 0 ? 1 : state.turnaroundDays() / law.mean();
        SplittableRandom repairs = repairStreams[h];
        Period period = c.periods[p];
        while (queues.head[h] < queues.tail[h] && queues.avail[h][queues.head[h]] <= day && busy[h] < state.servers()) {
            int head = queues.head[h];
            int cell = queues.item[h][head];
            int m = Math.min(queues.count[h][head], state.servers() - busy[h]);
            queues.count[h][head] -= m;
            if (queues.count[h][head] == 0) {
                queues.head[h]++;
            }
            int sv = cellSv[cell];
            int site = svSite[sv];
            leave(sv, Stage.HUB_QUEUE, day, m);
            Regime regime = period.regime(cell, cellVk[cell]);
            if (law == null) {
                // every repair takes the turnaround: the cohort's parts end together, one shipment back
                int done = day + state.turnaroundDays();
                busy[h] += m;
                if (done <= days) {
                    freeing[h][done] += m;
                }
                move(sv, Stage.HUB_REPAIR, day, done, m);
                sendBack(h, cell, sv, site, done, done, m, regime);
                continue;
            }
            for (int n = 0; n < m; n++) {
                int done = day + Math.max(1, (int) Math.round(law.sample(repairs.nextDouble()) * stretch));
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
    void sendBack(int h, int cell, int sv, int site, int started, int done, int m, Regime regime) {
        if (done >= days) {
            return;
        }
        Hub hub = fleet.hubs().get(h);
        int key = h * sites + site;
        boolean byServers = c.periods[c.periodOf(started)].hubs().get(h).servers() > 0 || hub.repairLaw() != null;
        // a hub of servers, or whose repair times vary, ships each day's finished repairs together:
        // its shipment's own stream
        boolean byLeg = hub.transitLaw() != null || byServers;
        if (byLeg) {
            legAt(key, done);
        }
        int o = 0;
        int port = done + (hub.transitLaw() == null ? hub.transitDays() : hub.transit(leg(key, o++)));
        move(sv, Stage.RETURNING, done, port, m);
        int hold = 0;
        boolean excluded = false;
        if (hub.crossesBorder()) {
            double[] u = byServers ? null : drawHold(key, started);
            if ((byServers ? leg(key, o) : u[0]) < regime.heldShare()) {
                hold = regime.hold().sample(byServers ? leg(key, o + 1) : u[1]);
                excluded = (byServers ? leg(key, o + 2) : u[2]) < regime.excludedShare();
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


    /** Parts back on the pool's shelf on that day (at the earliest the next day: today's pools are done). */
    void arrive(int cell, int day, int n) {
        day = Math.max(day, today + 1);
        if (day < days) {
            arrive[day * cells + cell] += n;
            active[day * words + (cell >>> 6)] |= 1L << cell;
        }
    }

    void move(int sv, Stage stage, int from, int to, int n) {
        enter(sv, stage, from, n);
        leave(sv, stage, to, n);
    }

    void enter(int sv, Stage stage, int day, int n) {
        add(sv, stage.ordinal(), Math.min(day, days), n);
    }

    void leave(int sv, Stage stage, int day, int n) {
        add(sv, stage.ordinal(), Math.min(day, days), -n);
    }

    /**
     * A stage move on a day. Levels are reported from the warm-up's end on, so a move during the
     * warm-up counts as made on its last day: the sums stay exact and the writes stay in one row.
     */
    void add(int sv, int stage, int day, int n) {
        if (n == 0) {
            return;
        }
        int row = Math.max(day, warmupDays) - warmupDays;
        fleetStageDelta[row * (NSTAGES + 1) + stage] += n;
        if (stage < NSTAGES) {
            moves[(row * svCount + sv) * NSTAGES + stage] += n;
        }
    }

}
