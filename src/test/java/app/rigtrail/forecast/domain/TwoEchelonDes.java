package app.rigtrail.forecast.domain;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * An independent discrete-event simulation of a small two-echelon repair pipeline (#12 item 4), in
 * continuous time with an event list, sharing nothing with {@link MonteCarloForecast} but its inputs:
 * sites with machines (each holding {@code perMachine} sockets of one part kind), a spare shelf per
 * site, one central hub shared by the sites.
 *
 * <p>A running machine's sockets fail as Poisson processes (a down machine's do not: finite source).
 * A failed part is swapped at once from the site's shelf if it holds a spare, else its machine stays
 * down until a part comes back (first come, first served). The part goes to the site's bench (with
 * {@code benchShare}, a lognormal time) or waits for the site's next shipment: every
 * {@code shipEvery} days, at the end of day d with (d + site) divisible by it, everything waiting
 * leaves as one shipment; transit takes {@code transitDays}; a shipment crossing the border is held
 * as a whole with {@code heldOut} on the way out (for a lognormal hold) and, as one return shipment,
 * with {@code heldIn} on the way back. The hub repairs in {@code turnaroundDays}: without a limit
 * (every part at once), through a weekly capacity (an intake server admitting one part every 7 /
 * capacity days, first come first served), or with {@code servers} parallel servers each taking a
 * lognormal repair time of mean {@code turnaroundDays}.
 *
 * <p>Observed at the end of every day (time d + 1, after every event up to then): machines down and
 * parts per stage, with the entries into each stage during the day (its daily flow).
 */
final class TwoEchelonDes {

    /** Stages observed, in this order; DOWN is machines down. */
    static final Stage[] STAGES = {Stage.BENCH_REPAIR, Stage.AWAITING_RMA_SHIPMENT, Stage.IN_TRANSIT,
        Stage.CUSTOMS_HOLD, Stage.HUB_QUEUE, Stage.HUB_REPAIR, Stage.RETURNING};
    static final int DOWN = STAGES.length;
    static final int QUANTITIES = STAGES.length + 1;

    record Site(int machines, int perMachine, int spares) {
    }

    /**
     * {@code capacityPerWeek} 0: no limit; {@code servers} above 0: that many parallel servers with a
     * lognormal repair time (mean {@code turnaroundDays}, {@code repairSigma}).
     */
    record Case(Site[] sites, double failuresPerSocketYear, double benchShare, double benchMedian, double benchSigma,
            boolean crossesBorder, int transitDays, int turnaroundDays, int capacityPerWeek, int servers,
            double repairSigma, double heldOut, double heldIn, double holdMedian, double holdSigma, int shipEvery) {
    }

    /** Per quantity and day: mean, standard error of the mean, mean entries per day. */
    record Estimate(double[][] mean, double[][] se, double[][] flow) {
    }

    private record Event(double time, int order, long seq, Runnable action) {
    }

    private final Case c;
    private final int days;
    private final SplittableRandom rnd;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Double.compare(a.time, b.time) : a.order != b.order ? Integer.compare(a.order, b.order)
                    : Long.compare(a.seq, b.seq));
    private long seq;
    private double now;

    private final int[] shelf;
    private final int[] waiting;
    private final int[] down;
    private final int[] awaitingShipment;
    private final long[] failureVersion;
    private final int[] level = new int[STAGES.length];
    private final int[] entries = new int[QUANTITIES];
    /** The hub's queue: the site of each part, first come first served. */
    private final ArrayDeque<Integer> hubQueue = new ArrayDeque<>();
    private int busy;
    private final double[][] observed;

    private TwoEchelonDes(Case c, int days, long seed) {
        this.c = c;
        this.days = days;
        this.rnd = new SplittableRandom(seed);
        int n = c.sites().length;
        shelf = new int[n];
        waiting = new int[n];
        down = new int[n];
        awaitingShipment = new int[n];
        failureVersion = new long[n];
        observed = new double[QUANTITIES * 2][days];
    }

    /** {@code reps} independent replications over days 0..days-1 from an empty pipeline and full shelves. */
    static Estimate run(Case c, int days, int reps, long seed) {
        double[][] sum = new double[QUANTITIES][days];
        double[][] sq = new double[QUANTITIES][days];
        double[][] flow = new double[QUANTITIES][days];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int r = 0; r < reps; r++) {
            TwoEchelonDes des = new TwoEchelonDes(c, days, seeds.nextLong());
            des.replicate();
            for (int q = 0; q < QUANTITIES; q++) {
                for (int d = 0; d < days; d++) {
                    double x = des.observed[q][d];
                    sum[q][d] += x;
                    sq[q][d] += x * x;
                    flow[q][d] += des.observed[QUANTITIES + q][d];
                }
            }
        }
        double[][] mean = new double[QUANTITIES][days];
        double[][] se = new double[QUANTITIES][days];
        for (int q = 0; q < QUANTITIES; q++) {
            for (int d = 0; d < days; d++) {
                mean[q][d] = sum[q][d] / reps;
                double var = Math.max(0, (sq[q][d] - reps * mean[q][d] * mean[q][d]) / (reps - 1));
                se[q][d] = Math.sqrt(var / reps);
                flow[q][d] /= reps;
            }
        }
        return new Estimate(mean, se, flow);
    }

    private void at(double time, int order, Runnable action) {
        events.add(new Event(time, order, seq++, action));
    }

    private void replicate() {
        for (int s = 0; s < c.sites().length; s++) {
            shelf[s] = c.sites()[s].spares();
            scheduleFailure(s);
            int site = s;
            // the first shipping day d >= 0 with (d + s) divisible by the cadence; it leaves at d + 1
            int first = Math.floorMod(-s, c.shipEvery());
            for (int d = first; d < days; d += c.shipEvery()) {
                at(d + 1, 0, () -> ship(site));
            }
        }
        for (int d = 0; d < days; d++) {
            int day = d;
            at(d + 1, 1, () -> observe(day));
        }
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.time() > days) {
                break;
            }
            now = e.time();
            e.action().run();
        }
    }

    private void observe(int day) {
        for (int i = 0; i < STAGES.length; i++) {
            observed[i][day] = level[i];
            observed[QUANTITIES + i][day] = entries[i];
            entries[i] = 0;
        }
        int total = 0;
        for (int d : down) {
            total += d;
        }
        observed[DOWN][day] = total;
        observed[QUANTITIES + DOWN][day] = entries[DOWN];
        entries[DOWN] = 0;
    }

    private void enter(int stage, int n) {
        level[stage] += n;
        entries[stage] += n;
    }

    private void leave(int stage, int n) {
        level[stage] -= n;
    }

    /** The next failure at a site, at the rate of its running machines' sockets (redrawn at each change). */
    private void scheduleFailure(int s) {
        long version = ++failureVersion[s];
        Site site = c.sites()[s];
        double rate = c.failuresPerSocketYear() / 365.0 * site.perMachine() * (site.machines() - down[s]);
        if (rate <= 0) {
            return;
        }
        double t = now - Math.log(1 - rnd.nextDouble()) / rate;
        at(t, 0, () -> {
            if (failureVersion[s] == version) {
                fail(s);
            }
        });
    }

    private void fail(int s) {
        if (shelf[s] > 0) {
            shelf[s]--;
        } else {
            waiting[s]++;
            down[s]++;
            entries[DOWN]++;
        }
        // the next failure, at the rate of the machines now running
        scheduleFailure(s);
        if (rnd.nextDouble() < c.benchShare()) {
            enter(0, 1);
            at(now + lognormal(c.benchMedian(), c.benchSigma()), 0, () -> {
                leave(0, 1);
                backOnShelf(s, 1);
            });
        } else {
            enter(1, 1);
            awaitingShipment[s]++;
        }
    }

    private void backOnShelf(int s, int n) {
        int up = Math.min(n, waiting[s]);
        waiting[s] -= up;
        down[s] -= up;
        shelf[s] += n - up;
        if (up > 0) {
            scheduleFailure(s);
        }
    }

    private void ship(int s) {
        int n = awaitingShipment[s];
        if (n == 0) {
            return;
        }
        awaitingShipment[s] = 0;
        leave(1, n);
        enter(2, n);
        at(now + c.transitDays(), 0, () -> {
            leave(2, n);
            if (c.crossesBorder() && rnd.nextDouble() < c.heldOut()) {
                enter(3, n);
                at(now + lognormal(c.holdMedian(), c.holdSigma()), 0, () -> {
                    leave(3, n);
                    atHub(s, n);
                });
            } else {
                atHub(s, n);
            }
        });
    }

    private void atHub(int s, int n) {
        if (c.capacityPerWeek() == 0 && c.servers() == 0) {
            enter(5, n);
            at(now + c.turnaroundDays(), 0, () -> {
                leave(5, n);
                sendBack(s, n);
            });
            return;
        }
        enter(4, n);
        for (int i = 0; i < n; i++) {
            hubQueue.add(s);
        }
        startRepairs();
    }

    /** Capacity: one intake every 7 / capacity days; servers: a repair on every free server. */
    private void startRepairs() {
        int limit = c.servers() > 0 ? c.servers() : 1;
        while (busy < limit && !hubQueue.isEmpty()) {
            int s = hubQueue.poll();
            busy++;
            leave(4, 1);
            enter(5, 1);
            if (c.servers() > 0) {
                double sigma = c.repairSigma();
                at(now + lognormal(c.turnaroundDays() * Math.exp(-sigma * sigma / 2), sigma), 0, () -> {
                    busy--;
                    leave(5, 1);
                    sendBack(s, 1);
                    startRepairs();
                });
            } else {
                at(now + 7.0 / c.capacityPerWeek(), 0, () -> {
                    busy--;
                    startRepairs();
                });
                at(now + c.turnaroundDays(), 0, () -> {
                    leave(5, 1);
                    sendBack(s, 1);
                });
            }
        }
    }

    private void sendBack(int s, int n) {
        enter(6, n);
        at(now + c.transitDays(), 0, () -> {
            leave(6, n);
            if (c.crossesBorder() && rnd.nextDouble() < c.heldIn()) {
                enter(3, n);
                at(now + lognormal(c.holdMedian(), c.holdSigma()), 0, () -> {
                    leave(3, n);
                    backOnShelf(s, n);
                });
            } else {
                backOnShelf(s, n);
            }
        });
    }

    private double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * rnd.nextGaussian());
    }
}
