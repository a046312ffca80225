package app.rigtrail.forecast.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import app.rigtrail.forecast.domain.ScenarioParameters.OrderRule;
import app.rigtrail.forecast.domain.ScenarioParameters.Rule;

/**
 * The open orders for new machines, replication by replication: each batch of machines ships on its
 * (scenario-adjusted) date, travels, meets customs at its arrival (held with the vendor's held share
 * and hold law of the period, seized with its seizure share, storage fees past the free days), is
 * received and, after the commissioning lag, hashes. Scenarios change lead times per vendor and phase,
 * stop a vendor's deliveries (undelivered machines refunded or lost), move a share of the machines
 * still on order to another vendor, and send a vendor's machines by a grey route.
 *
 * <p>Modelling choice: machines installed within the horizon add to the installed and hashing TH/s;
 * their own failures are not simulated (they are new, under warranty, and the failure side keeps the
 * fleet of day 0). The failure side ({@link MonteCarloForecast}) therefore never sees the orders.
 *
 * <p>Common random numbers: the draws of an order come from a stream of their own, seeded from (seed,
 * {@link #ORDERS}, the order's index, replication) alone, a fixed number per batch whatever the
 * scenario does. Two scenarios that differ only in their orders see the same failures (exactly), and
 * an order moved to a vendor with the same terms sees the same draws (the larger part of a split
 * order keeps the order's draws), so it changes nothing.
 */
public final class OrderPipeline {

    /** The source id of the order streams (the failure side's sources are below 40). */
    static final int ORDERS = 1001;

    /** Where a batch of an order is on day 0. */
    public enum LotStage {
        /** On a delivery not yet shipped: it ships like the machines on order. */
        AT_VENDOR,
        /** Shipped, in transit or at the port: customs on arrival. */
        ON_THE_WAY,
        /** Held by customs now, for {@code holdAgeDays} already. */
        HELD,
        /** Released or delivered, not yet received: at the site on its arrival day. */
        AT_SITE
    }

    /** Units of one delivery, with days counted from the forecast's day 0. */
    public record Lot(int units, LotStage stage, int shipDay, int arrivalDay, int holdAgeDays) {
    }

    /**
     * An open order: its units on order ship on {@code shipDay} and arrive {@code arrivalDay -
     * shipDay} later (days from day 0, negative when overdue); {@code awaitingCommissioning} units are
     * at the site already. The deposit is spread evenly over the quantity ordered.
     */
    public record Order(long id, String label, String vendor, String model, String site, double thsPerUnit,
            long unitPriceCents, long depositCents, int quantity, int quotedLeadDays, int shipDay, int arrivalDay,
            int unitsOnOrder, int awaitingCommissioning, List<Lot> lots) {

        public Order {
            lots = lots == null ? List.of() : List.copyOf(lots);
        }

        public long depositPerUnitCents() {
            return quantity <= 0 ? 0 : depositCents / quantity;
        }

        public int unitsToCome() {
            return unitsOnOrder + lots.stream().mapToInt(Lot::units).sum();
        }
    }

    /** What a vendor's machines cost and give when orders move to it, and its usual lead time. */
    public record Offer(String vendor, String model, double thsPerUnit, long unitPriceCents, int leadDays) {
    }

    /**
     * The orders a forecast starts from, the offers of the vendors orders may move to, and the fixed
     * terms: days from a machine's receipt to hashing, customs free days and the storage fee per machine
     * and day after them.
     */
    public record Book(List<Order> orders, Map<String, Offer> offers, int commissioningLagDays, int freeDays,
            long storageCentsPerUnitDay) {

        public Book {
            orders = List.copyOf(orders);
            offers = Map.copyOf(offers);
        }

        public static Book empty() {
            return new Book(List.of(), Map.of(), 0, 0, 0);
        }
    }

    /** Customs for one vendor's machines arriving on a day: the share held, the hold law, the share seized. */
    public record Customs(double heldShare, DiscreteDuration hold, double seizureShare) {
    }

    /** Customs by day of arrival (a horizon day) and vendor. */
    public interface CustomsLaw {
        Customs at(int day, String vendor);
    }

    /** A vendor's order terms in one period; null fields: as quoted (direct route, deliveries flowing). */
    public record Terms(Integer leadDays, double leadScale, boolean stopped, boolean refunded, String moveTo,
            double moveShare, boolean grey, int greyAddedDays, double greyHeldShare, double greySeizureShare) {

        static final Terms QUOTED = new Terms(null, 1, false, false, null, 0, false, 0, 0, 0);

        /** The lead time in force for an order quoted {@code quoted} days. */
        int lead(int quoted) {
            return leadDays != null ? leadDays : (int) Math.round(quoted * leadScale);
        }
    }

    /**
     * A scenario's order side: the periods (first horizon day each, increasing; the first one may be
     * before day 0) and per period each vendor's terms (missing: as quoted), with the customs law.
     */
    public record Schedule(int[] starts, List<Map<String, Terms>> terms, CustomsLaw customs) {

        Terms terms(int period, String vendor) {
            Terms t = terms.get(period).get(vendor);
            return t == null ? Terms.QUOTED : t;
        }

        /**
         * The same scenario with {@code share} of {@code from}'s machines still on order moved to {@code to}
         * from day 0 (what moving the open orders today would change): the move is set in every period,
         * so it happens on day 0, and the moved machines follow {@code to}'s terms from then on.
         */
        public Schedule movedFromStart(String from, String to, double share) {
            List<Map<String, Terms>> moved = new ArrayList<>();
            for (Map<String, Terms> m : terms) {
                Map<String, Terms> c = new HashMap<>(m);
                Terms t = c.getOrDefault(from, Terms.QUOTED);
                c.put(from, new Terms(t.leadDays(), t.leadScale(), t.stopped(), t.refunded(), to, share, t.grey(),
                        t.greyAddedDays(), t.greyHeldShare(), t.greySeizureShare()));
                moved.add(c);
            }
            return new Schedule(starts, moved, customs);
        }

        int period(int day) {
            int p = 0;
            while (p + 1 < starts.length && day >= starts[p + 1]) {
                p++;
            }
            return p;
        }
    }

    /**
     * One scenario's orders over the horizon. Series are laid out replication by replication
     * ({@code [r * days + day]}): TH/s added by machines commissioned, machines on order (not shipped),
     * on the way, in customs, received and waiting to be commissioned. Totals per replication: capital
     * spent by the horizon (deposits, and each machine's price when it ships), stranded (paid for
     * machines seized, deposits lost to a stop), paid but not hashing at the horizon (not stranded),
     * storage fees from day 0 on, machines commissioned, seized, and never shipped because deliveries
     * stopped.
     */
    public record Result(int days, int replications, float[] addedThs, float[] onOrder, float[] onTheWay,
            float[] inCustoms, float[] awaitingCommissioning, double[] spentCents, double[] strandedCents,
            double[] notHashingCents, double[] storageFeesCents, double[] unitsCommissioned, double[] unitsSeized,
            double[] unitsStopped, double[] unitsMoved) {

        public double addedThsAt(int r, int day) {
            return addedThs[r * days + day];
        }
    }

    private OrderPipeline() {
    }

    /**
     * The order side of a scenario, phase by phase as {@link ScenarioResolver} compiles its failure
     * side: the baseline before the scenario's first change, then the first change and each phase on
     * top of what came before. A vendor-level {@code newMachineLeadDays} (a rule for all part kinds,
     * sites and models) sets that vendor's lead time; {@code machineOrders} rules set the rest, later
     * ones overriding earlier ones field by field. Days are horizon days (day 0 = the forecast's
     * first day); customs come from the plan's period in force on the arrival day.
     */
    public static Schedule schedule(ScenarioParameters params, Plan plan, Fleet fleet, LocalDate start,
            int warmupDays) {
        CustomsLaw customs = customsOf(plan, fleet, warmupDays);
        List<Integer> starts = new ArrayList<>();
        List<Map<String, Terms>> terms = new ArrayList<>();
        starts.add(Integer.MIN_VALUE / 2);
        terms.add(Map.of());
        if (params == null || !params.changesOrders()) {
            return new Schedule(new int[] {starts.get(0)}, terms, customs);
        }
        int first = params.effectiveDate() == null && params.effectiveAfterDays() == null ? Integer.MIN_VALUE / 4
                : params.effectiveDay(start);
        List<Rule> rules = new ArrayList<>(params.rules());
        List<OrderRule> orderRules = new ArrayList<>(params.machineOrders());
        starts.add(first);
        terms.add(terms(rules, orderRules));
        for (ScenarioParameters.Phase phase : params.phases()) {
            rules.addAll(phase.rules());
            orderRules.addAll(phase.machineOrders());
            int day = Math.max(first, phase.day(start));
            Map<String, Terms> t = terms(rules, orderRules);
            if (day == starts.get(starts.size() - 1)) {
                terms.set(terms.size() - 1, t);
            } else {
                starts.add(day);
                terms.add(t);
            }
        }
        return new Schedule(starts.stream().mapToInt(Integer::intValue).toArray(), terms, customs);
    }

    private static Map<String, Terms> terms(List<Rule> rules, List<OrderRule> orderRules) {
        Map<String, Terms> out = new HashMap<>();
        for (String v : vendorsNamed(rules, orderRules)) {
            Integer lead = null;
            double scale = 1;
            boolean stopped = false;
            boolean refunded = false;
            String moveTo = null;
            double moveShare = 0;
            boolean grey = false;
            int greyDays = 0;
            double greyHeld = 0;
            double greySeized = 0;
            for (Rule r : rules) {
                if ((r.vendor() == null || r.vendor().equals(v)) && r.partKind() == null && !r.targeted()
                        && r.newMachineLeadDays() != null) {
                    lead = r.newMachineLeadDays();
                    scale = 1;
                }
            }
            for (OrderRule r : orderRules) {
                if (!v.equals(r.vendor())) {
                    continue;
                }
                if (r.leadDays() != null) {
                    lead = r.leadDays();
                    scale = 1;
                }
                if (r.leadTimeScale() != null) {
                    lead = null;
                    scale = r.leadTimeScale();
                }
                if (r.deliveriesStopped() != null) {
                    stopped = r.deliveriesStopped();
                    refunded = "REFUNDED".equals(r.undelivered());
                }
                if (r.moveTo() != null) {
                    moveTo = r.moveTo();
                    moveShare = r.moveShare() == null ? 0 : r.moveShare();
                }
                if (r.route() != null) {
                    grey = "GREY".equals(r.route());
                }
                if (r.greyAddedDays() != null) {
                    greyDays = r.greyAddedDays();
                }
                if (r.greyHeldShare() != null) {
                    greyHeld = r.greyHeldShare();
                }
                if (r.greySeizureShare() != null) {
                    greySeized = r.greySeizureShare();
                }
            }
            out.put(v, new Terms(lead, scale, stopped, refunded, moveTo, moveShare, grey, greyDays, greyHeld,
                    greySeized));
        }
        return out;
    }

    private static List<String> vendorsNamed(List<Rule> rules, List<OrderRule> orderRules) {
        java.util.LinkedHashSet<String> v = new java.util.LinkedHashSet<>();
        for (Rule r : rules) {
            if (r.newMachineLeadDays() != null) {
                if (r.vendor() == null) {
                    v.addAll(List.of("BITMAIN", "MICROBT", "CANAAN", "OTHER"));
                } else {
                    v.add(r.vendor());
                }
            }
        }
        for (OrderRule r : orderRules) {
            if (r.vendor() != null) {
                v.add(r.vendor());
            }
        }
        return List.copyOf(v);
    }

    /**
     * Customs for machines from the plan: the period in force on the arrival day, the vendor's held
     * share (mean over its part kinds: crossings of the vendor's goods), its hold law and excluded share;
     * a vendor without machines in the fleet gets the fleet's mean share and the first vendor's law.
     */
    static CustomsLaw customsOf(Plan plan, Fleet fleet, int warmupDays) {
        int kinds = fleet.partKinds().size();
        int vendors = fleet.vendors().size();
        Map<Long, Customs> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return (day, vendor) -> {
            int p = plan.periodIndex(Math.max(0, day + warmupDays));
            int v = fleet.vendors().indexOf(vendor);
            long key = p * 64L + (v + 1);
            return cache.computeIfAbsent(key, k -> {
                Plan.Period period = plan.periods()[p];
                double held = 0;
                int n = 0;
                for (int vv = v < 0 ? 0 : v; vv < (v < 0 ? vendors : v + 1); vv++) {
                    for (int kk = 0; kk < kinds; kk++) {
                        held += period.regimes()[vv * kinds + kk].heldShare();
                        n++;
                    }
                }
                Plan.Regime law = period.regimes()[(v < 0 ? 0 : v) * kinds];
                return new Customs(n == 0 ? 0 : held / n, law.hold(), law.excludedShare());
            });
        };
    }

    /** One scenario's orders over {@code days} days, {@code replications} times, from the seed's streams. */
    public static Result run(Book book, Schedule schedule, int days, int replications, long seed) {
        int n = days * replications;
        Result res = new Result(days, replications, new float[n], new float[n], new float[n], new float[n],
                new float[n], new double[replications], new double[replications], new double[replications],
                new double[replications], new double[replications], new double[replications],
                new double[replications], new double[replications]);
        if (book.orders().isEmpty()) {
            return res;
        }
        java.util.stream.IntStream.range(0, replications).parallel()
                .forEach(r -> replicate(book, schedule, days, seed, r, res));
        return res;
    }

    private static final int TH = 0;
    private static final int ON_ORDER = 1;
    private static final int ON_THE_WAY = 2;
    private static final int IN_CUSTOMS = 3;
    private static final int AWAITING = 4;

    /** One replication's state: difference arrays per series, and the totals. */
    private static final class Rep {
        final int days;
        final double[][] diff;
        double spent;
        double stranded;
        double notHashing;
        double fees;
        double commissioned;
        double seized;
        double stopped;
        double moved;

        Rep(int days) {
            this.days = days;
            this.diff = new double[5][days + 1];
        }

        /** {@code value} on days [from, to), clipped to the horizon. */
        void add(int series, int from, int to, double value) {
            int a = Math.max(0, from);
            int b = Math.min(days, to);
            if (a < b) {
                diff[series][a] += value;
                diff[series][b] -= value;
            }
        }
    }

    private static void replicate(Book book, Schedule schedule, int days, long seed, int r, Result res) {
        Rep rep = new Rep(days);
        int lag = book.commissioningLagDays();
        for (int i = 0; i < book.orders().size(); i++) {
            Order o = book.orders().get(i);
            SplittableRandom u = RandomStreams.stream(seed, ORDERS, i, r);
            long price = o.unitPriceCents();
            double ths = o.thsPerUnit();
            // machines received, waiting to be commissioned: hashing after the lag
            if (o.awaitingCommissioning() > 0) {
                int k = o.awaitingCommissioning();
                rep.add(AWAITING, 0, lag, k);
                rep.add(TH, lag, days, k * ths);
                rep.spent += (double) k * price;
                settle(rep, lag < days, k, price);
            }
            for (Lot lot : o.lots()) {
                double u1 = u.nextDouble();
                double u2 = u.nextDouble();
                double u3 = u.nextDouble();
                switch (lot.stage()) {
                    case AT_SITE -> {
                        int at = Math.max(0, lot.arrivalDay());
                        rep.spent += (double) lot.units() * price;
                        receive(rep, at, lag, lot.units(), ths, price);
                    }
                    case HELD -> {
                        Customs c = schedule.customs().at(0, o.vendor());
                        int left = c.hold().residual(lot.holdAgeDays(), u2);
                        rep.spent += (double) lot.units() * price;
                        rep.add(IN_CUSTOMS, 0, left, lot.units());
                        // fees from day 0 on: the held days within the horizon past the free days
                        int feeDays = Math.min(days, left);
                        int pastFree = Math.max(0, lot.holdAgeDays() + feeDays - book.freeDays())
                                - Math.max(0, lot.holdAgeDays() - book.freeDays());
                        rep.fees += (double) pastFree * book.storageCentsPerUnitDay() * lot.units();
                        if (u3 < c.seizureShare()) {
                            seize(rep, left, lot.units(), price);
                        } else {
                            receive(rep, left, lag, lot.units(), ths, price);
                        }
                    }
                    case ON_THE_WAY -> {
                        int at = Math.max(0, lot.arrivalDay());
                        rep.spent += (double) lot.units() * price;
                        rep.add(ON_THE_WAY, 0, at, lot.units());
                        Customs c = schedule.customs().at(at, o.vendor());
                        customs(rep, book, at, lag, lot.units(), ths, price, c.heldShare(), c.hold(), c.seizureShare(),
                                u1, u2, u3);
                    }
                    case AT_VENDOR -> unshipped(rep, book, schedule, o, o.vendor(), lot.units(), ths, price,
                            o.depositPerUnitCents(), lot.shipDay(), Math.max(0, lot.arrivalDay() - lot.shipDay()),
                            o.quotedLeadDays(), 0, u1, u2, u3);
                    default -> throw new IllegalStateException();
                }
            }
            // the machines still on order, some perhaps moved to another vendor
            double[] a = {u.nextDouble(), u.nextDouble(), u.nextDouble()};
            double[] b = {u.nextDouble(), u.nextDouble(), u.nextDouble()};
            if (o.unitsOnOrder() > 0) {
                int transit = Math.max(0, o.arrivalDay() - o.shipDay());
                int move = -1;
                int ship = shipDay(schedule, o.vendor(), Math.max(0, o.shipDay()), o.quotedLeadDays(), 0);
                for (int p = 0; p < schedule.starts().length; p++) {
                    Terms t = schedule.terms(p, o.vendor());
                    if (t.moveTo() != null && t.moveShare() > 0 && schedule.starts()[p] <= ship) {
                        move = p;
                        break;
                    }
                }
                int moved = move < 0 ? 0
                        : (int) Math.round(o.unitsOnOrder() * schedule.terms(move, o.vendor()).moveShare());
                int kept = o.unitsOnOrder() - moved;
                double[] keptDraws = kept >= moved ? a : b;
                double[] movedDraws = kept >= moved ? b : a;
                if (kept > 0) {
                    unshipped(rep, book, schedule, o, o.vendor(), kept, ths, price, o.depositPerUnitCents(),
                            o.shipDay(), transit, o.quotedLeadDays(), 0, keptDraws[0], keptDraws[1], keptDraws[2]);
                }
                if (moved > 0) {
                    Terms t = schedule.terms(move, o.vendor());
                    Offer offer = book.offers().get(t.moveTo());
                    double thsTo = offer == null || offer.thsPerUnit() <= 0 ? ths : offer.thsPerUnit();
                    long priceTo = offer == null ? Math.round(price * thsTo / ths) : offer.unitPriceCents();
                    int leadTo = offer == null ? o.quotedLeadDays() : offer.leadDays();
                    int units = Math.max(1, (int) Math.round(moved * ths / thsTo));
                    int moveDay = Math.max(0, schedule.starts()[move]);
                    // re-placed on the day of the move with the new vendor, keeping the order's own delay
                    int baseShip = Math.max(moveDay, Math.max(0, o.shipDay()) - o.quotedLeadDays() + leadTo);
                    long depositCarried = Math.round((double) o.depositPerUnitCents() * moved / units);
                    rep.moved += moved;
                    unshipped(rep, book, schedule, o, t.moveTo(), units, thsTo, priceTo, depositCarried, baseShip,
                            transit, leadTo, move, movedDraws[0], movedDraws[1], movedDraws[2]);
                }
            }
        }
        float[][] out = {res.addedThs(), res.onOrder(), res.onTheWay(), res.inCustoms(), res.awaitingCommissioning()};
        for (int s = 0; s < 5; s++) {
            double acc = 0;
            for (int d = 0; d < days; d++) {
                acc += rep.diff[s][d];
                out[s][r * days + d] = (float) acc;
            }
        }
        res.spentCents()[r] = rep.spent;
        res.strandedCents()[r] = rep.stranded;
        res.notHashingCents()[r] = rep.notHashing;
        res.storageFeesCents()[r] = rep.fees;
        res.unitsCommissioned()[r] = rep.commissioned;
        res.unitsSeized()[r] = rep.seized;
        res.unitsStopped()[r] = rep.stopped;
        res.unitsMoved()[r] = rep.moved;
    }

    /**
     * The ship day of machines expected to ship on {@code baseShip} at a quoted lead time: from the
     * first period considered on, each period that has begun by the (moving) ship day sets it to the
     * base day plus the change of lead time it brings, never before the period's own first day.
     */
    static int shipDay(Schedule schedule, String vendor, int baseShip, int quoted, int fromPeriod) {
        int ship = baseShip;
        int[] starts = schedule.starts();
        for (int p = fromPeriod; p < starts.length && starts[p] <= ship; p++) {
            int lead = schedule.terms(p, vendor).lead(quoted);
            ship = Math.max(starts[p], baseShip + lead - quoted);
        }
        return ship;
    }

    /** Machines not shipped on day 0: they ship (or are stopped), travel, pass customs, hash. */
    private static void unshipped(Rep rep, Book book, Schedule schedule, Order o, String vendor, int units,
            double ths, long price, long depositPerUnit, int baseShip, int transit, int quoted, int fromPeriod,
            double u1, double u2, double u3) {
        int days = rep.days;
        int ship = shipDay(schedule, vendor, Math.max(0, baseShip), quoted, fromPeriod);
        int p = schedule.period(ship);
        Terms t = schedule.terms(p, vendor);
        double deposit = (double) depositPerUnit * units;
        if (t.stopped() && !t.grey()) {
            int stopDay = Math.max(0, schedule.starts()[p]);
            rep.add(ON_ORDER, 0, stopDay, units);
            if (stopDay < days) {
                rep.stopped += units;
                if (!t.refunded()) {
                    rep.spent += deposit;
                    rep.stranded += deposit;
                }
            } else {
                rep.spent += deposit;
                rep.notHashing += deposit;
            }
            return;
        }
        rep.add(ON_ORDER, 0, ship, units);
        rep.spent += deposit;
        if (ship >= days) {
            rep.notHashing += deposit;
            return;
        }
        rep.spent += (double) units * price - deposit;
        int at = ship + transit + (t.grey() ? t.greyAddedDays() : 0);
        rep.add(ON_THE_WAY, ship, at, units);
        Customs c = schedule.customs().at(at, vendor);
        double held = t.grey() ? t.greyHeldShare() : c.heldShare();
        double seized = t.grey() ? t.greySeizureShare() : c.seizureShare();
        customs(rep, book, at, book.commissioningLagDays(), units, ths, price, held, c.hold(), seized, u1, u2, u3);
    }

    /** Machines at the border on {@code at}: held or not, then seized or received. */
    private static void customs(Rep rep, Book book, int at, int lag, int units, double ths, long price, double heldShare,
            DiscreteDuration hold, double seizureShare, double u1, double u2, double u3) {
        int release = at;
        if (u1 < heldShare) {
            int d = hold.sample(u2);
            release = at + d;
            rep.add(IN_CUSTOMS, at, release, units);
            // every held day past the free days, within the horizon
            int feeDays = Math.max(0, Math.min(release, rep.days) - Math.max(at + book.freeDays(), 0));
            rep.fees += (double) feeDays * book.storageCentsPerUnitDay() * units;
            if (u3 < seizureShare) {
                seize(rep, release, units, price);
                return;
            }
        }
        receive(rep, release, lag, units, ths, price);
    }

    private static void seize(Rep rep, int day, int units, long price) {
        if (day < rep.days) {
            rep.seized += units;
            rep.stranded += (double) units * price;
        } else {
            rep.notHashing += (double) units * price;
        }
    }

    /** Received on {@code at}, hashing {@code lag} days later. */
    private static void receive(Rep rep, int at, int lag, int units, double ths, long price) {
        rep.add(AWAITING, at, at + lag, units);
        rep.add(TH, at + lag, rep.days, units * ths);
        settle(rep, at + lag < rep.days, units, price);
    }

    private static void settle(Rep rep, boolean hashing, int units, long price) {
        if (hashing) {
            rep.commissioned += units;
        } else {
            rep.notHashing += (double) units * price;
        }
    }
}
