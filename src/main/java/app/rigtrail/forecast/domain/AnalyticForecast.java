package app.rigtrail.forecast.domain;

import java.util.List;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/**
 * The analytic path, in milliseconds: for each pool the exact transient of the M_t/G/inf pipeline,
 * m(t) = sum over failure days u <= t of lambda(u) P(not back by t | failed on u), with the same
 * routes, weekly shipping days, hub turnarounds, border holds and purchase lead times as the
 * simulation; then the backorders EBO(s) of a Poisson pipeline with s spares (Palm), and the
 * availability formula A = prod_k (1 - EBO_k / (N Z_k))^Z_k per site and vendor.
 *
 * <p>What it cannot carry and the simulation does: hub capacity (hubs are taken as uncapacitated),
 * shipment-wide holds (which keep the mean but widen the distribution beyond Poisson), and the
 * uncertainty of estimated failure rates. A replacement bought for an excluded part is counted with
 * the mean of its own hold. Where its assumptions hold, its pipeline mean is exact and the tests
 * hold the simulation to it.
 */
public final class AnalyticForecast {

    /** Per day over the horizon: parts in the pipeline, backorders, machines and hashrate down. */
    public record Result(double[] pipelineMean, double[] backorders, double[] unitsDown, double[] hashrateDownThs,
            List<String> notValidBecause) {

        /** Whether the closed forms hold for this plan: no capacity binds, holds do not strike shipments. */
        public boolean valid() {
            return notValidBecause.isEmpty();
        }
    }

    /** Above this share of crossings held, shipment-wide holds make the pipeline far from Poisson. */
    public static final double HELD_SHARE_LIMIT = 0.10;

    /**
     * Why the closed forms do not apply to a plan, in words: a hub or a site's technicians receiving
     * at least their capacity in a period (the queue then grows without bound, which M/G/inf cannot
     * show), or holds striking whole shipments often enough that the pipeline is far wider than
     * Poisson. Empty when they apply.
     */
    public static List<String> notValidBecause(Fleet fleet, Plan plan) {
        List<String> out = new java.util.ArrayList<>();
        int kinds = fleet.partKinds().size();
        int vendors = fleet.vendors().size();
        List<Period> distinct = new java.util.ArrayList<>();
        for (Period p : plan.periods()) {
            if (distinct.stream().noneMatch(q -> q == p)) {
                distinct.add(p);
            }
        }
        Period[] periods = distinct.toArray(Period[]::new);
        String[] phase = new String[periods.length];
        for (int i = 0; i < periods.length; i++) {
            phase[i] = i == 0 ? "before the change" : periods.length == 2 ? "after the change" : "in phase " + i;
        }
        for (Period period : plan.periods()) {
            if (period.perSite()) {
                out.add("rules for particular sites or models (or machines stopped): the closed form is per vendor "
                        + "and part kind");
                break;
            }
        }
        for (int p = 0; p < periods.length; p++) {
            Period period = periods[p];
            String when = periods.length == 1 ? "" : " " + phase[p];
            double[] perWeek = new double[fleet.hubs().size()];
            for (int s = 0; s < fleet.sites().size(); s++) {
                double siteDaily = 0;
                for (int v = 0; v < vendors; v++) {
                    for (int k = 0; k < kinds; k++) {
                        Regime r = period.regimes()[v * kinds + k];
                        double daily = r.failuresPerUnitYear() * fleet.sockets()[fleet.cell(s, v, k)] / 365.0;
                        siteDaily += daily;
                        for (Route route : Route.values()) {
                            double share = route == Route.VENDOR_HUB ? r.vendorHubShare() : r.onshoreShare();
                            int h = hubFor(fleet, period, v, k, route);
                            if (h >= 0) {
                                perWeek[h] += 7 * daily * share;
                            }
                            if (h >= 0 && fleet.hubs().get(h).crossesBorder() && share > 0
                                    && Math.max(r.heldShare(), r.heldShareOut()) > HELD_SHARE_LIMIT) {
                                String msg = "customs holds strike whole shipments" + when + " ("
                                        + Math.round(100 * Math.max(r.heldShare(), r.heldShareOut()))
                                        + "% of crossings held): the closed form treats each part's hold as independent";
                                if (!out.contains(msg)) {
                                    out.add(msg);
                                }
                            }
                        }
                    }
                }
                int perDay = fleet.diagnosesPerDay(s);
                if (perDay != Fleet.UNLIMITED && siteDaily >= perDay) {
                    out.add(String.format(java.util.Locale.ROOT,
                            "site %s's technicians can diagnose %d machines a day%s and %.1f fail a day",
                            fleet.sites().get(s), perDay, when, siteDaily));
                }
            }
            for (int h = 0; h < perWeek.length; h++) {
                Plan.HubState st = period.hubs().get(h);
                double capacity = st.servers() > 0 ? st.servers() * 7.0 / Math.max(1, st.turnaroundDays())
                        : st.capacityPerWeek();
                if (st.open() && capacity != Integer.MAX_VALUE && perWeek[h] >= capacity) {
                    out.add(String.format(java.util.Locale.ROOT,
                            "hub %s receives %.0f parts a week%s against a capacity of %.0f: its queue grows without bound",
                            fleet.hubs().get(h).code(), perWeek[h], when, capacity));
                } else if (st.open() && st.servers() > 0 && perWeek[h] >= 0.8 * capacity) {
                    out.add(String.format(java.util.Locale.ROOT,
                            "hub %s's %d servers are %.0f%% busy%s: parts wait for a server, which the closed form "
                                    + "does not show", fleet.hubs().get(h).code(), st.servers(),
                            100 * perWeek[h] / capacity, when));
                }
            }
        }
        return List.copyOf(out);
    }

    private AnalyticForecast() {
    }

    /** From an empty pipeline {@code warmupDays} before day 0 (the plan compiled with that warm-up). */
    public static Result run(Fleet fleet, Plan plan, int warmupDays, int horizonDays, int shipEveryDays) {
        return run(fleet, plan, warmupDays, horizonDays, shipEveryDays, false);
    }

    /**
     * From the steady state: the period in force on the plan's first day taken as in force for ever
     * before it, so that day 0 (after {@code warmupDays}, at least {@link #steadyWarmupDays}) is the
     * stationary (Palm) state of that period, not a warm-up from empty. The failures before the plan's
     * first day add, per shipping-cycle residue r, lambda (1 - down_r / N) sum over n >= 1 of
     * S_r(t - r + nP): one strided tail sum of the law per residue (closed form in the law, computed
     * once), with down_r the stationary machines down of that residue; the warm-up days only let
     * each part's law repeat every cycle. Equals the direct convolution after a warm-up long enough
     * (twice the longest time a part can be away) to within rounding (AnalyticFastPathTest). A pool
     * whose law does not repeat every cycle at the start (a hub that opens only later: no steady state)
     * or whose parts can be lost for ever keeps an empty pipeline before the plan's first day.
     */
    public static Result steady(Fleet fleet, Plan plan, int warmupDays, int horizonDays, int shipEveryDays) {
        return run(fleet, plan, warmupDays, horizonDays, shipEveryDays, true);
    }

    /**
     * {@link #steady} for several plans over the same fleet (the scenarios of one forecast), in their
     * order: the laws of the periods they share (by instance: the baseline before the change) are
     * computed once for all of them. The same results as one call per plan.
     */
    public static List<Result> steady(Fleet fleet, List<Plan> plans, int warmupDays, int horizonDays,
            int shipEveryDays) {
        Laws.Cache cache = new Laws.Cache(fleet, warmupDays + horizonDays, shipEveryDays);
        List<Result> out = new java.util.ArrayList<>(plans.size());
        for (Plan plan : plans) {
            out.add(run(fleet, plan, warmupDays, horizonDays, true, cache));
        }
        return List.copyOf(out);
    }

    /**
     * The days {@link #steady} runs explicitly before day 0: whole shipping cycles covering the wait
     * for the shipping day, the longest mean transit, an outbound hold's mean delay (two weeks at most
     * where the closed form applies) and two cycles more, so that a part failing in the first cycle
     * meets only the first period and its law repeats in the next.
     */
    public static int steadyWarmupDays(Fleet fleet, int shipEveryDays) {
        double transit = 0;
        for (Hub hub : fleet.hubs()) {
            transit = Math.max(transit, hub.meanTransit());
        }
        int need = (int) Math.ceil(transit) + 3 * shipEveryDays + 14;
        return shipEveryDays * ((need + shipEveryDays - 1) / shipEveryDays);
    }

    private static Result run(Fleet fleet, Plan plan, int warmupDays, int horizonDays, int shipEveryDays,
            boolean stationary) {
        return run(fleet, plan, warmupDays, horizonDays, stationary,
                new Laws.Cache(fleet, warmupDays + horizonDays, shipEveryDays));
    }

    private static Result run(Fleet fleet, Plan plan, int warmupDays, int horizonDays, boolean stationary,
            Laws.Cache cache) {
        int sites = fleet.sites().size();
        // the laws of the time in the pipeline, computed once per distinct law and shared by every pool (and plan)
        Laws laws = new Laws(cache, plan, stationary, warmupDays);
        // sites are independent: computed in parallel, then added up in site order (the same sums every time)
        double[][][] perSite = new double[sites][][];
        java.util.stream.IntStream.range(0, sites).parallel()
                .forEach(s -> perSite[s] = site(fleet, laws, s, warmupDays, horizonDays));
        double[][] total = new double[4][horizonDays];
        for (double[][] site : perSite) {
            for (int q = 0; q < 4; q++) {
                for (int j = 0; j < horizonDays; j++) {
                    total[q][j] += site[q][j];
                }
            }
        }
        // machines down for the swap itself: failures a day x swap days (Little), per site and vendor
        if (fleet.swapDays() > 0) {
            for (int sv = 0; sv < fleet.machines().length; sv++) {
                for (int k = 0; k < fleet.partKinds().size(); k++) {
                    int cell = sv * fleet.partKinds().size() + k;
                    for (int j = 0; j < horizonDays; j++) {
                        Regime regime = plan.at(warmupDays + j).regimes()[(sv % fleet.vendors().size())
                                * fleet.partKinds().size() + k];
                        double inSwap = regime.failuresPerUnitYear() * fleet.sockets()[cell] / 365.0 * fleet.swapDays();
                        total[2][j] += inSwap;
                        total[3][j] += inSwap * fleet.thsPerMachine()[sv];
                    }
                }
            }
        }
        return new Result(total[0], total[1], total[2], total[3], notValidBecause(fleet, plan));
    }

    /**
     * One site: pipeline, backorders, machines down and TH/s down per day. A down machine's other parts
     * do not fail (finite source): the failure rate on day u is the rate times the share of machines
     * running, 1 - E[down(u)] / N, exact in the mean since the thinning is linear in the number down.
     * E[down] comes from a first pass with every machine running; the second pass uses it.
     *
     * <p>The first pass is the mean per socket of the pool's vendor, kind and shipping phase (shared by
     * every site in that phase) times the sockets; the second convolves the thinned rate with the
     * cached laws directly, over the days reported only, except the failure days that repeat the
     * stationary start (in the steady form, those before the first change: same law, machines down
     * repeating every cycle), which join the closed-form tail sums (foldStationary; rate within 1e-12
     * relative). Backorders are computed where they are used:
     * in the first pass every day the second reads for the thinning (when every kind is folded, the
     * first cycle and the reported days: the days between are taken by the tail sums), the reported
     * days in the last.
     */
    private static double[][] site(Fleet fleet, Laws laws, int s, int warmupDays, int horizonDays) {
        int days = laws.days;
        int vendors = fleet.vendors().size();
        int kinds = fleet.partKinds().size();
        int phase = laws.phaseOf(s);
        int passes = fleet.finiteSource() ? 2 : 1;
        double[][] out = new double[4][horizonDays];
        double[] m = new double[days];
        int[] failDay = new int[days];
        int[] failLaw = new int[days];
        double[] failRate = new double[days];
        int[] reachFrom = new int[days];
        int[] reachTo = new int[days];
        int[] unfoldFrom = new int[laws.shipEvery];
        double[] eboP = new double[days];
        double[] eboSum = new double[days];
        for (int v = 0; v < vendors; v++) {
            int sv = fleet.siteVendor(s, v);
            int machines = fleet.machines()[sv];
            double[] downDay = new double[days];
            double[] pipeline = new double[days];
            double[] backorders = new double[days];
            // the days the second pass reads of the first's machines down: all, or (every kind folded) the
            // first cycle and the reported days
            boolean allFolded = passes == 2;
            for (int k = 0; k < kinds && allFolded; k++) {
                int vk = v * kinds + k;
                allFolded = laws.unitMean[vk][phase] == null
                        || laws.tailLaw[vk][phase] != null && laws.folded[vk][phase];
            }
            int gapFrom = allFolded ? Math.min(laws.shipEvery, warmupDays) : days;
            int gapTo = allFolded ? warmupDays : days;
            for (int pass = 0; pass < passes; pass++) {
                int from = pass == passes - 1 ? warmupDays : 0;
                // the days computed in this pass: [from, end) and [resume, days)
                int end = pass == 0 ? gapFrom : days;
                int resume = pass == 0 ? gapTo : days;
                double[] availability = new double[days];
                java.util.Arrays.fill(availability, 1.0);
                java.util.Arrays.fill(pipeline, 0);
                java.util.Arrays.fill(backorders, 0);
                for (int k = 0; k < kinds; k++) {
                    int cell = fleet.cell(s, v, k);
                    int sockets = fleet.sockets()[cell];
                    int vk = v * kinds + k;
                    if (pass == 0) {
                        double[] unit = laws.unitMean[vk][phase];
                        for (int j = from; j < days; j++) {
                            m[j] = unit == null ? 0 : unit[j] * sockets;
                        }
                    } else {
                        java.util.Arrays.fill(m, 0);
                        int[] lawOf = laws.lawOf[vk][phase];
                        int[] tail = laws.tailLaw[vk][phase];
                        // the days before the reported ones repeat the first period's laws every cycle, and so
                        // do the machines down: the tail sums take them too (folded), only later days are summed
                        boolean folded = tail != null && laws.folded[vk][phase];
                        int base = folded ? from : 0;
                        int step = laws.shipEvery;
                        // per residue r: the first failure day from which the direct sum runs; the days of that
                        // residue before it (from base on) join the tail sum (see foldStationary)
                        if (tail != null) {
                            foldStationary(tail, lawOf, downDay, machines, base, days, step, unfoldFrom);
                        }
                        // the failure days that add anything, with their thinned rate and the days they reach
                        int n = 0;
                        for (int u = base; u < days; u++) {
                            int q = lawOf[u];
                            if (q < 0 || tail != null && u < unfoldFrom[u % step]) {
                                continue;
                            }
                            double running = machines == 0 ? 1 : Math.max(0, 1 - downDay[u] / machines);
                            double lambda = laws.rates[q] * sockets / 365.0 * running;
                            if (lambda == 0) {
                                continue;
                            }
                            int t0 = Math.max(u, from);
                            // past its last non-zero day a law adds nothing (fewer zero terms)
                            int t1 = Math.min(days, u + laws.support[q]);
                            if (t1 <= t0) {
                                continue;
                            }
                            failDay[n] = u;
                            failLaw[n] = q;
                            failRate[n] = lambda;
                            reachFrom[n] = t0;
                            reachTo[n] = t1;
                            n++;
                        }
                        convolveDays(m, n, failDay, failLaw, failRate, reachFrom, reachTo, laws.laws);
                        if (tail != null) {
                            // the failures before the first day (folded: before the first reported day) and those of
                            // the stationary days after it that repeat them (residue r up to unfoldFrom[r]), thinned
                            // by the stationary machines down: lambda_r T[t - unfoldFrom[r] + P]
                            for (int r = 0; r < step; r++) {
                                int q = tail[r];
                                if (q < 0) {
                                    continue;
                                }
                                double running = machines == 0 ? 1 : Math.max(0, 1 - downDay[r] / machines);
                                double lambda = laws.rates[q] * sockets / 365.0 * running;
                                double[] strided = laws.tails.get(q);
                                int shift = step - unfoldFrom[r];
                                int t = from;
                                // before the last folded day's cycle: only the folded days up to t add (T of its residue)
                                for (; t < days && t + shift < 0; t++) {
                                    m[t] += lambda * strided[Math.floorMod(t + shift, step)];
                                }
                                for (; t < days; t++) {
                                    m[t] += lambda * strided[t + shift];
                                }
                            }
                        }
                    }
                    int spares = fleet.spares()[cell];
                    palm(m, spares, sockets, machines, from, end, pipeline, backorders, availability, eboP, eboSum);
                    palm(m, spares, sockets, machines, resume, days, pipeline, backorders, availability, eboP, eboSum);
                }
                for (int j = from; j < end; j++) {
                    downDay[j] = machines * (1 - availability[j]);
                }
                for (int j = resume; j < days; j++) {
                    downDay[j] = machines * (1 - availability[j]);
                }
            }
            for (int j = 0; j < horizonDays; j++) {
                double down = downDay[warmupDays + j];
                out[0][j] += pipeline[warmupDays + j];
                out[1][j] += backorders[warmupDays + j];
                out[2][j] += down;
                out[3][j] += down * fleet.thsPerMachine()[sv];
            }
        }
        return out;
    }

    /** Relative difference of the thinned rate up to which a failure day counts as stationary (see foldStationary). */
    static final double STATIONARY_RATE_TOLERANCE = 1e-12;

    /**
     * The stationary failure days of a pool's second pass, per residue r of the shipping cycle: from day
     * {@code base + r} on (base a whole number of cycles, the days before it already in the tail sum), one
     * cycle after the other while the day's law is the residue's tail law and its thinned rate (its share
     * of machines running) is within {@link #STATIONARY_RATE_TOLERANCE} of the tail's; {@code unfoldFrom[r]}
     * is the first day that is not. Those days add lambda_r sum over n of law(t - u + nP), the tail sum
     * shifted, instead of one convolution term each; taking their rate as the tail's changes m by at most
     * the tolerance times m (relative), far inside rounding of the tests' 1e-9. In the steady form these
     * are the days before the first change: the machines down repeat every cycle there.
     */
    private static void foldStationary(int[] tail, int[] lawOf, double[] downDay, int machines, int base, int days,
            int step, int[] unfoldFrom) {
        for (int r = 0; r < step; r++) {
            int u = base + r;
            int q = tail[r];
            if (q >= 0 && machines > 0) {
                double running = Math.max(0, 1 - downDay[r] / machines);
                while (u < days && lawOf[u] == q
                        && Math.abs(Math.max(0, 1 - downDay[u] / machines) - running)
                                <= STATIONARY_RATE_TOLERANCE * running) {
                    u += step;
                }
            } else if (q >= 0) {
                while (u < days && lawOf[u] == q) {
                    u += step;
                }
            }
            unfoldFrom[r] = u;
        }
    }

    /**
     * m[t] += rate_i law_i[t - u_i] for each failure day i (in increasing order of u_i) over the days
     * [from_i, to_i) it reaches: four failure days at a time over the days all four reach (one load and
     * store of m for four terms instead of four), the rest one by one. Only the order of the additions
     * differs from one failure day after the other (within rounding).
     */
    private static void convolveDays(double[] m, int n, int[] day, int[] law, double[] rate, int[] from, int[] to,
            double[][] laws) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int lo = Math.max(Math.max(from[i], from[i + 1]), Math.max(from[i + 2], from[i + 3]));
            int hi = Math.min(Math.min(to[i], to[i + 1]), Math.min(to[i + 2], to[i + 3]));
            if (hi - lo < 8) {
                for (int e = i; e < i + 4; e++) {
                    axpy(m, rate[e], laws[law[e]], day[e], from[e], to[e]);
                }
                continue;
            }
            for (int e = i; e < i + 4; e++) {
                axpy(m, rate[e], laws[law[e]], day[e], from[e], lo);
                axpy(m, rate[e], laws[law[e]], day[e], hi, to[e]);
            }
            double ra = rate[i];
            double rb = rate[i + 1];
            double rc = rate[i + 2];
            double rd = rate[i + 3];
            double[] a = laws[law[i]];
            double[] b = laws[law[i + 1]];
            double[] c = laws[law[i + 2]];
            double[] d = laws[law[i + 3]];
            int oa = lo - day[i];
            int ob = lo - day[i + 1];
            int oc = lo - day[i + 2];
            int od = lo - day[i + 3];
            int len = hi - lo;
            for (int k = 0; k < len; k++) {
                m[lo + k] += ra * a[oa + k] + rb * b[ob + k] + rc * c[oc + k] + rd * d[od + k];
            }
        }
        for (; i < n; i++) {
            axpy(m, rate[i], laws[law[i]], day[i], from[i], to[i]);
        }
    }

    /** m[t] += rate law[t - u] for t in [a, b). */
    private static void axpy(double[] m, double rate, double[] law, int u, int a, int b) {
        int off = a - u;
        int len = b - a;
        for (int k = 0; k < len; k++) {
            m[a + k] += rate * law[off + k];
        }
    }

    /**
     * Days [a, b) of one pool: its pipeline, its backorders (Palm) and its factor of the availability,
     * (1 - EBO / Z)^(Z / N): by multiplications where Z / N is a whole number of parts per machine (as
     * for the reference fleet), else exp((Z / N) log1p(-EBO / Z)). The backorders are
     * {@link #poissonEbo}'s, bit for bit, its recursion run for all the days at once (the days are
     * independent: one vector lane each).
     */
    private static void palm(double[] m, int spares, int sockets, int machines, int a, int b, double[] pipeline,
            double[] backorders, double[] availability, double[] p, double[] sum) {
        if (b <= a) {
            return;
        }
        boolean perMachine = machines > 0 && sockets > 0;
        double z = perMachine ? (double) sockets / machines : 0;
        int whole = perMachine && sockets % machines == 0 && sockets / machines <= 16 ? sockets / machines : -1;
        if (spares > 0 && spares <= RECIPROCALS.length) {
            for (int j = a; j < b; j++) {
                p[j] = Math.exp(-m[j]);
                sum[j] = 0;
            }
            for (int x = 0; x < spares; x++) {
                double w = spares - x;
                double r = RECIPROCALS[x];
                for (int j = a; j < b; j++) {
                    sum[j] += w * p[j];
                    p[j] *= m[j] * r;
                }
            }
        }
        for (int j = a; j < b; j++) {
            double mean = m[j];
            double ebo = mean == 0 || spares <= 0 ? Math.max(0, mean - Math.max(0, spares))
                    : spares <= RECIPROCALS.length ? Math.max(0, mean - spares + sum[j]) : poissonEbo(mean, spares);
            pipeline[j] += mean;
            backorders[j] += ebo;
            if (perMachine && ebo > 0) {
                double perSocket = Math.min(1, ebo / sockets);
                availability[j] *= perSocket >= 1 ? 0 : whole > 0 ? power(1 - perSocket, whole)
                        : Math.exp(z * Math.log1p(-perSocket));
            }
        }
    }

    /** x^n for 1 <= n <= 16 by squaring. */
    private static double power(double x, int n) {
        double out = 1;
        double sq = x;
        while (n > 0) {
            if ((n & 1) != 0) {
                out *= sq;
            }
            n >>= 1;
            if (n > 0) {
                sq *= sq;
            }
        }
        return out;
    }

    /**
     * EBO(s) = E[(X - s)+] of a Poisson pipeline, = mean - s + sum over x < s of (s - x) p(x), the
     * probabilities by the recursion p(x + 1) = p(x) mean / (x + 1) (what
     * {@code PipelineDistribution.poisson(mean).ebo(s)} gives, without a logGamma per term).
     */
    static double poissonEbo(double mean, int s) {
        if (mean == 0 || s <= 0) {
            return Math.max(0, mean - Math.max(0, s));
        }
        double p = Math.exp(-mean);
        double sum = 0;
        if (s <= RECIPROCALS.length) {
            // multiplications by 1 / (x + 1) instead of divisions: the recursion is the loop's whole cost
            for (int x = 0; x < s; x++) {
                sum += (s - x) * p;
                p *= mean * RECIPROCALS[x];
            }
        } else {
            for (int x = 0; x < s; x++) {
                sum += (s - x) * p;
                p *= mean / (x + 1);
            }
        }
        return Math.max(0, mean - s + sum);
    }

    /** 1 / (x + 1) for the EBO recursion. */
    private static final double[] RECIPROCALS = new double[4096];

    static {
        for (int x = 0; x < RECIPROCALS.length; x++) {
            RECIPROCALS[x] = 1.0 / (x + 1);
        }
    }

    /**
     * The laws of the time a failed part spends in the pipeline, P(not back on its shelf k days after
     * failing on day u), for every vendor and kind, shipping phase (the site's place in the weekly
     * shipping cycle) and failure day. The law depends on the failure day only through the period in
     * force then, the hub each route reaches, the day the repair starts there (relative to u) and the
     * period in force on that day: away from a change of period it is the same every shipping cycle,
     * so a handful of distinct laws serve all days and all sites. Each is computed once.
     *
     * <p>{@code unitMean[vk][phase][t]}: the mean pipeline per socket with every machine running,
     * sum over u <= t of rate(u) / 365 law(u)[t - u], by runs of failure days one shipping cycle apart
     * that share a law: a run u0, u0 + P, ..., u0 + (n - 1) P adds rate / 365 (C[t - u0] - C[t - u0 -
     * nP]) with C the cumulative sum of the law's survival in steps of P, so O(days) per run.
     */
    private static final class Laws {

        private record RouteKey(int hub, int startOffset, int startPeriod) {
        }

        private record Key(int vk, int period, RouteKey vendorHub, RouteKey onshore) {
        }

        private static final RouteKey NOT_TAKEN = new RouteKey(-2, 0, 0);
        private static final RouteKey FALLBACK = new RouteKey(-1, 0, 0);

        final int days;
        final int shipEvery;
        private final Fleet fleet;
        private final int kinds;
        private final int[] periodOfDay;
        /** What this plan's laws share with the other plans' (the periods by instance, the laws, their parts). */
        private final Cache cache;
        private final List<Period> periods;
        private final boolean[][] open;
        private final int[][] hubAt;
        private final List<double[]> survival;
        private final List<Double> rate;
        /** The distinct laws (survival per day since the failure) and the failure rate of each. */
        final double[][] laws;
        final double[] rates;
        /** Per law: one past its last non-zero day (0: nothing away). */
        final int[] support;
        private final List<double[]> strided;
        private final java.util.Map<Key, Integer> index;
        private final List<Key> keys;
        /** [vk][phase][u]: the law of a part failing on day u, -1 when nothing fails. */
        final int[][][] lawOf;
        final double[][][] unitMean;
        /** [vk][phase][r]: the law of the failures before the first day in residue r, or null: none. */
        final int[][][] tailLaw;
        /** [vk][phase]: every day before the reported ones has its residue's tail law (a whole number of cycles). */
        final boolean[][] folded;
        /** Per law used there: T[x] = sum over n >= 0 of survival(x + n P), for x < days + P. */
        final java.util.Map<Integer, double[]> tails;
        /** The return part of a hub route, per hub, turnaround and border parameters (HubPartKey). */
        private final java.util.Map<HubPartKey, HubPart> hubParts;

        /**
         * The periods (by instance: the scenarios of one run share their baseline's), the distinct laws
         * and their parts, for every plan over one fleet, number of days and shipping cycle: a law and
         * its parts depend only on its key, so a second plan computes only the laws of its own periods.
         * The laws are kept in synchronized lists (an append copies nothing, where a copy-on-write list
         * copied the whole list per law, with the other thread spinning on the lock meanwhile), appended
         * under the cache's lock and numbered there; each vendor and kind is worked by one
         * thread at a time (the keys hold it), and which number a law gets does not change any sum.
         */
        static final class Cache {
            final Fleet fleet;
            final int days;
            final int shipEvery;
            private final java.util.Map<Period, Integer> ids = new java.util.IdentityHashMap<>();
            private final List<Period> periods = new java.util.ArrayList<>();
            private final List<boolean[]> open = new java.util.ArrayList<>();
            private final List<int[]> hubAt = new java.util.ArrayList<>();
            private final List<double[]> survival = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            private final List<Double> rate = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            private final List<double[]> strided = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            private final java.util.Map<Key, Integer> index = new java.util.concurrent.ConcurrentHashMap<>();
            private final List<Key> keys = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            private final java.util.Map<Integer, double[]> tails = new java.util.concurrent.ConcurrentHashMap<>();
            private final java.util.Map<HubPartKey, HubPart> hubParts = new java.util.concurrent.ConcurrentHashMap<>();

            Cache(Fleet fleet, int days, int shipEvery) {
                this.fleet = fleet;
                this.days = days;
                this.shipEvery = shipEvery;
            }

            /** The number of a period, registered (with its open hubs and the hub of each route) when new. */
            int id(Period p) {
                Integer id = ids.get(p);
                if (id == null) {
                    id = periods.size();
                    ids.put(p, id);
                    periods.add(p);
                    int kinds = fleet.partKinds().size();
                    int vks = fleet.vendors().size() * kinds;
                    int hubs = fleet.hubs().size();
                    boolean[] o = new boolean[hubs];
                    for (int h = 0; h < hubs; h++) {
                        o[h] = p.hubs().get(h).open();
                    }
                    int[] at = new int[vks * 2];
                    for (int vk = 0; vk < vks; vk++) {
                        for (Route route : Route.values()) {
                            at[vk * 2 + route.ordinal()] = hubFor(fleet, p, vk / kinds, vk % kinds, route);
                        }
                    }
                    open.add(o);
                    hubAt.add(at);
                }
                return id;
            }
        }

        Laws(Cache cache, Plan plan, boolean stationary, int warmupDays) {
            this.cache = cache;
            this.days = cache.days;
            this.shipEvery = cache.shipEvery;
            this.fleet = cache.fleet;
            this.kinds = fleet.partKinds().size();
            int vks = fleet.vendors().size() * kinds;
            periodOfDay = new int[days];
            for (int d = 0; d < days; d++) {
                periodOfDay[d] = cache.id(plan.at(d));
            }
            periods = cache.periods;
            open = cache.open.toArray(new boolean[0][]);
            hubAt = cache.hubAt.toArray(new int[0][]);
            survival = cache.survival;
            rate = cache.rate;
            strided = cache.strided;
            index = cache.index;
            keys = cache.keys;
            tails = cache.tails;
            hubParts = cache.hubParts;
            int phases = Math.min(shipEvery, fleet.sites().size());
            lawOf = new int[vks][phases][];
            unitMean = new double[vks][phases][];
            tailLaw = new int[vks][phases][];
            folded = new boolean[vks][phases];
            // the days on which each day's run of one period starts and ends
            int[] runStart = new int[days];
            int[] runEnd = new int[days];
            for (int d = 0; d < days; d++) {
                runStart[d] = d > 0 && periodOfDay[d] == periodOfDay[d - 1] ? runStart[d - 1] : d;
            }
            for (int d = days - 1; d >= 0; d--) {
                runEnd[d] = d < days - 1 && periodOfDay[d] == periodOfDay[d + 1] ? runEnd[d + 1] : d;
            }
            // the vendors and kinds are independent: in parallel, each writing its own slots
            java.util.stream.IntStream.range(0, vks).parallel().forEach(vk -> {
                int[] span = new int[periods.size()];
                for (int p = 0; p < periods.size(); p++) {
                    span[p] = span(vk, p);
                }
                for (int c = 0; c < phases; c++) {
                    int[] byDay = new int[days];
                    boolean any = false;
                    for (int u = 0; u < days; u++) {
                        int w = span[periodOfDay[u]];
                        // inside one period's run, a shipping cycle on: what a part failing then meets is
                        // what one failing a cycle earlier met, shifted (the same law)
                        // (or the run lasts to the last day and the part ships before it: what it meets before
                        // the last day is what the one a cycle earlier met, and nothing after the last day counts)
                        boolean repeats = w >= 0 && u >= shipEvery && runStart[u] <= u - shipEvery
                                && (u + shipEvery + w < days ? runEnd[u] >= u + shipEvery + w
                                        : runEnd[u] == days - 1 && u + shipEvery <= days);
                        byDay[u] = repeats ? byDay[u - shipEvery] : law(vk, c, u);
                        any |= byDay[u] >= 0;
                    }
                    lawOf[vk][c] = byDay;
                    unitMean[vk][c] = any ? unitMean(byDay) : null;
                    if (stationary && any) {
                        tailLaw[vk][c] = tail(byDay);
                        if (tailLaw[vk][c] != null) {
                            boolean all = warmupDays % shipEvery == 0 && warmupDays <= days;
                            for (int u = 0; all && u < warmupDays; u++) {
                                all = byDay[u] == tailLaw[vk][c][u % shipEvery];
                            }
                            folded[vk][c] = all;
                            double[] m = unitMean[vk][c];
                            for (int r = 0; r < shipEvery; r++) {
                                int q = tailLaw[vk][c][r];
                                if (q < 0) {
                                    continue;
                                }
                                double lambda = rate.get(q) / 365.0;
                                double[] strided = tails.get(q);
                                int shift = shipEvery - r;
                                for (int t = 0; t < days; t++) {
                                    m[t] += lambda * strided[t + shift];
                                }
                            }
                        }
                    }
                }
            });
            this.laws = survival.toArray(new double[0][]);
            this.support = new int[laws.length];
            for (int q = 0; q < laws.length; q++) {
                int end = laws[q].length;
                while (end > 0 && laws[q][end - 1] == 0) {
                    end--;
                }
                support[q] = end;
            }
            this.rates = java.util.Arrays.stream(rate.toArray(new Double[0])).mapToDouble(Double::doubleValue).toArray();
        }

        /**
         * Days from a part's shipping day to the latest day {@code route} reads for it in period p
         * (its arrival at the hub), when every route it may take has an open hub in that period; -1
         * when one has none (its fallback depends on later periods).
         */
        private int span(int vk, int p) {
            Regime regime = periods.get(p).regimes()[vk];
            int w = 0;
            for (Route route : Route.values()) {
                double share = route == Route.VENDOR_HUB ? regime.vendorHubShare() : regime.onshoreShare();
                if (share <= 0) {
                    continue;
                }
                int h = hubAt[p][vk * 2 + route.ordinal()];
                if (h < 0) {
                    return -1;
                }
                Hub hub = fleet.hubs().get(h);
                int outHold = hub.crossesBorder() ? (int) Math.round(regime.heldShareOut() * regime.hold().mean()) : 0;
                w = Math.max(w, (int) Math.round(hub.meanTransit()) + outHold + 1);
            }
            return w;
        }

        /** How many distinct laws serve the plan. */
        int size() {
            return laws.length;
        }

        /** Sites whose place in the shipping cycle is the same share every law. */
        int phaseOf(int site) {
            return Math.floorMod(site, shipEvery);
        }

        private int law(int vk, int phase, int u) {
            int p = periodOfDay[u];
            Regime regime = periods.get(p).regimes()[vk];
            if (regime.failuresPerUnitYear() == 0) {
                return -1;
            }
            Key key = new Key(vk, p, route(vk, phase, u, Route.VENDOR_HUB, regime.vendorHubShare()),
                    route(vk, phase, u, Route.ONSHORE_PARTNER, regime.onshoreShare()));
            Integer q = index.get(key);
            if (q == null) {
                double[] s = fill(key);
                double[] c = new double[days];
                for (int x = 0; x < days; x++) {
                    c[x] = s[x] + (x >= shipEvery ? c[x - shipEvery] : 0);
                }
                synchronized (cache) {
                    q = survival.size();
                    survival.add(s);
                    keys.add(key);
                    rate.add(regime.failuresPerUnitYear());
                    strided.add(c);
                }
                index.put(key, q);
            }
            return q;
        }

        /** Where a part of this phase failing on day u goes on a hub route: as the simulation ships it. */
        private RouteKey route(int vk, int phase, int u, Route route, double share) {
            if (share <= 0) {
                return NOT_TAKEN;
            }
            // the first shipping day on or after u with a hub open for it
            int ship = u + Math.floorMod(-(u + phase), shipEvery);
            int h = -1;
            for (; ship < days; ship += shipEvery) {
                h = hubAt[periodOfDay[ship]][vk * 2 + route.ordinal()];
                if (h >= 0) {
                    break;
                }
            }
            if (h < 0) {
                return FALLBACK;
            }
            Hub hub = fleet.hubs().get(h);
            // an outbound hold delays the arrival by its mean (the mean pipeline is exact; its law is not)
            Regime out = periods.get(periodOfDay[ship]).regimes()[vk];
            int outHold = hub.crossesBorder() ? (int) Math.round(out.heldShareOut() * out.outboundHold().mean()) : 0;
            for (int d = ship + (int) Math.round(hub.meanTransit()) + outHold; d < days; d++) {
                if (open[periodOfDay[d]][h]) {
                    return new RouteKey(h, d - u, periodOfDay[d]);
                }
            }
            // shipped but not at the hub before the last day: still on its way
            return new RouteKey(h, -1, 0);
        }

        /**
         * The law of each residue of the first cycle, taken for the failures of that residue before
         * the first day, with its strided tail sums; null when a law does not repeat a cycle later
         * (the first period's law is not yet reached) or a part can stay away for ever.
         */
        private int[] tail(int[] byDay) {
            int[] out = new int[shipEvery];
            for (int r = 0; r < shipEvery; r++) {
                int q = byDay[r];
                if (r + shipEvery >= days || byDay[r + shipEvery] != q) {
                    return null;
                }
                out[r] = q;
            }
            for (int q : out) {
                if (q >= 0 && !tails.containsKey(q)) {
                    Key key = keys.get(q);
                    int support = support(key);
                    if (support < 0) {
                        return null;
                    }
                    double[] full = fill(key, Math.max(support, days + shipEvery));
                    double[] t = new double[full.length];
                    for (int x = full.length - 1; x >= 0; x--) {
                        t[x] = full[x] + (x + shipEvery < full.length ? t[x + shipEvery] : 0);
                    }
                    tails.put(q, java.util.Arrays.copyOf(t, days + shipEvery));
                }
            }
            return out;
        }

        /** Days after which no part of this law is away any more, or -1: some may stay away for ever. */
        private int support(Key key) {
            Regime regime = periods.get(key.period()).regimes()[key.vk()];
            int end = regime.benchShare() > 0 ? regime.bench().maxDays() + 1 : 0;
            int bought = regime.sparesLeadDays() + regime.hold().maxDays() + 2;
            if (regime.scrapShare() > 0) {
                if (!regime.ordersAllowed()) {
                    return -1;
                }
                end = Math.max(end, bought);
            }
            for (Route route : Route.values()) {
                double share = route == Route.VENDOR_HUB ? regime.vendorHubShare() : regime.onshoreShare();
                RouteKey rk = route == Route.VENDOR_HUB ? key.vendorHub() : key.onshore();
                if (share <= 0) {
                    continue;
                }
                if (rk.hub() >= 0 && rk.startOffset() < 0) {
                    return -1;
                }
                if (rk.hub() < 0) {
                    if (regime.fallback() == Plan.Fallback.BENCH) {
                        end = Math.max(end, regime.bench().maxDays() + 1);
                    } else if (!regime.ordersAllowed()) {
                        return -1;
                    } else {
                        end = Math.max(end, bought);
                    }
                    continue;
                }
                HubPart part = hubPart(key.vk(), rk.hub(), rk.startPeriod());
                if (part.lost() > 0) {
                    return -1;
                }
                end = Math.max(end, rk.startOffset() + part.notBack().length + 1);
            }
            return end;
        }

        /**
         * After the repair starts: P(not back j days later) for j >= 0, the repair time (the hub's
         * repair law scaled to the period's turnaround, as the simulation draws it, or the turnaround)
         * plus the return leg (the hub's transit law, or its fixed days), then the hold mixture of the
         * border (held, held and excluded with a replacement bought, or lost where orders are not
         * allowed: {@code lost} for ever).
         */
        record HubPart(double[] notBack, double lost) {
            double at(int j) {
                return j < 0 ? 1 : j < notBack.length ? notBack[j] : lost;
            }
        }

        /**
         * What a hub part depends on: the hub, its turnaround, and the border's parameters of the
         * regime in force when the repair starts (the hold law by instance). Pools, periods and plans
         * with the same values share one (the same sums).
         */
        private record HubPartKey(int hub, int turnaround, double heldShare, double excludedShare,
                int sparesLeadDays, DiscreteDuration hold, boolean ordersAllowed) {
        }

        private HubPart hubPart(int vk, int h, int startPeriod) {
            Period atStart = periods.get(startPeriod);
            // as in the simulation, the return trip runs under the parameters in force when the repair starts
            Regime atBorder = atStart.regimes()[vk];
            int turnaround = atStart.hubs().get(h).turnaroundDays();
            HubPartKey partKey = new HubPartKey(h, turnaround, atBorder.heldShare(), atBorder.excludedShare(),
                    atBorder.sparesLeadDays(), atBorder.hold(), atBorder.ordersAllowed());
            HubPart known = hubParts.get(partKey);
            if (known != null) {
                return known;
            }
            return hubParts.computeIfAbsent(partKey, k -> {
                Hub hub = fleet.hubs().get(h);
                double[] y = convolve(repairLaw(hub.repairLaw(), turnaround), transitLaw(hub));
                double held = hub.crossesBorder() ? atBorder.heldShare() : 0;
                double excluded = held * atBorder.excludedShare();
                double replacement = atBorder.sparesLeadDays() + atBorder.heldShare() * atBorder.hold().mean();
                DiscreteDuration hold = atBorder.hold();
                boolean orders = atBorder.ordersAllowed();
                int len = y.length + hold.maxDays() + (int) Math.ceil(Math.abs(replacement)) + 3;
                double[] b = new double[len];
                for (int d = 0; d < len; d++) {
                    double v = (held - excluded) * hold.survival(d);
                    if (excluded > 0) {
                        v += excluded * (orders ? hold.survival((int) Math.round(d - replacement)) : 1);
                    }
                    b[d] = v;
                }
                // notBack(j) = sum over y of P(Y = y) [(1 - held) 1{y > j} + b(j - y)], b(d < 0) = held
                // b is zero past its last non-zero day: those terms add nothing (the same sums, in the same order)
                int bEnd = len;
                while (bEnd > 0 && b[bEnd - 1] == 0) {
                    bEnd--;
                }
                double[] out = new double[len];
                for (int yy = 0; yy < y.length; yy++) {
                    double p = y[yy];
                    if (p == 0) {
                        continue;
                    }
                    int before = Math.min(yy, len);
                    for (int j = 0; j < before; j++) {
                        out[j] += p;
                    }
                    int end = Math.min(len, yy + bEnd);
                    for (int j = before; j < end; j++) {
                        out[j] += p * b[j - yy];
                    }
                }
                return new HubPart(out, orders ? 0 : excluded);
            });
        }

        /** survival[k] = P(a part with this law is not back on its shelf k days after failing). */
        private double[] fill(Key key) {
            return fill(key, days);
        }

        private double[] fill(Key key, int days) {
            double[] survival = new double[days];
            Regime regime = periods.get(key.period()).regimes()[key.vk()];
            for (int k = 0; k < days; k++) {
                survival[k] += regime.benchShare() * regime.bench().survival(k);
            }
            if (regime.scrapShare() > 0) {
                for (int k = 0; k < days; k++) {
                    survival[k] += regime.scrapShare() * (regime.ordersAllowed()
                            ? heldOrNot(regime, regime.sparesLeadDays(), k) : 1);
                }
            }
            addHubRoute(key.vk(), regime, key.vendorHub(), regime.vendorHubShare(), survival);
            addHubRoute(key.vk(), regime, key.onshore(), regime.onshoreShare(), survival);
            return survival;
        }

        private void addHubRoute(int vk, Regime regime, RouteKey route, double share, double[] survival) {
            if (share <= 0) {
                return;
            }
            int days = survival.length;
            int h = route.hub();
            if (h >= 0 && route.startOffset() < 0) {
                for (int k = 0; k < days; k++) {
                    survival[k] += share;
                }
                return;
            }
            if (h < 0) {
                // no open hub takes it: the fallback
                for (int k = 0; k < days; k++) {
                    survival[k] += share * (regime.fallback() == Plan.Fallback.BENCH ? regime.bench().survival(k)
                            : regime.ordersAllowed() ? heldOrNot(regime, regime.sparesLeadDays(), k) : 1);
                }
                return;
            }
            HubPart part = hubPart(vk, h, route.startPeriod());
            int start = route.startOffset();
            for (int k = 0; k < days; k++) {
                survival[k] += share * part.at(k - start);
            }
        }

        /** Sum over u <= t of rate(u) / 365 law(u)[t - u], by runs of one shipping cycle apart. */
        private double[] unitMean(int[] byDay) {
            double[] m = new double[days];
            int step = shipEvery;
            for (int r = 0; r < step && r < days; r++) {
                int u0 = r;
                while (u0 < days) {
                    int q = byDay[u0];
                    int n = 1;
                    while (u0 + n * step < days && byDay[u0 + n * step] == q) {
                        n++;
                    }
                    if (q >= 0) {
                        double lambda = rate.get(q) / 365.0;
                        double[] c = strided.get(q);
                        int span = n * step;
                        for (int t = u0; t < days; t++) {
                            int x = t - u0;
                            m[t] += lambda * (x >= span ? c[x] - c[x - span] : c[x]);
                        }
                    }
                    u0 += n * step;
                }
            }
            return m;
        }
    }

    /** P(R = k): max(1, round(X stretch)) for X the hub's repair law stretched to the turnaround, or the turnaround. */
    static double[] repairLaw(DiscreteDuration law, int turnaround) {
        if (law == null || law.mean() <= 0) {
            double[] p = new double[turnaround + 1];
            p[turnaround] = 1;
            return p;
        }
        double stretch = turnaround / law.mean();
        double[] p = new double[(int) Math.round(law.maxDays() * stretch) + 2];
        for (int k = 0; k <= law.maxDays(); k++) {
            p[Math.max(1, (int) Math.round(k * stretch))] += law.survival(k - 1) - law.survival(k);
        }
        return p;
    }

    /** P(T = k) of one leg: the hub's transit law, or its mean transit rounded (its fixed days). */
    static double[] transitLaw(Hub hub) {
        DiscreteDuration law = hub.transitLaw();
        if (law == null) {
            int d = (int) Math.round(hub.meanTransit());
            double[] p = new double[d + 1];
            p[d] = 1;
            return p;
        }
        double[] p = new double[law.maxDays() + 1];
        for (int k = 0; k <= law.maxDays(); k++) {
            p[k] = law.survival(k - 1) - law.survival(k);
        }
        return p;
    }

    static double[] convolve(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return out;
    }

    /** P(lead + hold > k), the hold happening with the regime's held share. */
    private static double heldOrNot(Regime regime, int lead, int k) {
        double held = regime.heldShare();
        return (1 - held) * (lead > k ? 1 : 0) + held * regime.hold().survival(k - lead);
    }

    static int hubFor(Fleet fleet, Period period, int vendor, int kind, Route route) {
        List<Hub> hubs = fleet.hubs();
        for (int h = 0; h < hubs.size(); h++) {
            Hub hub = hubs.get(h);
            if (hub.route() == route && period.hubs().get(h).open()
                    && hub.takes(fleet.vendors().get(vendor), fleet.partKinds().get(kind))) {
                return h;
            }
        }
        return -1;
    }
}
