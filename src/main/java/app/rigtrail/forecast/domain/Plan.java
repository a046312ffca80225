package app.rigtrail.forecast.domain;

import java.util.List;

/**
 * One scenario compiled for the engine: the baseline period and the periods of its phases, each in
 * force from its first day ({@code starts[i]} for {@code periods[i]}, counted from the first simulated
 * day, warm-up included; {@code starts[0] = 0}, increasing). A scenario of one change has two periods
 * and {@link #shockDay()} is the day of the change.
 */
public record Plan(String name, int[] starts, Period[] periods) {

    /** The baseline before {@code shockDay}, {@code after} from it on. */
    public Plan(String name, int shockDay, Period before, Period after) {
        this(name, shockDay == Integer.MAX_VALUE || shockDay <= 0 ? new int[] {0} : new int[] {0, shockDay},
                shockDay == Integer.MAX_VALUE ? new Period[] {before}
                        : shockDay <= 0 ? new Period[] {after} : new Period[] {before, after});
    }

    public Plan {
        if (starts.length != periods.length || starts.length == 0 || starts[0] != 0) {
            throw new IllegalArgumentException("a plan starts with its baseline period on day 0");
        }
        for (int i = 1; i < starts.length; i++) {
            if (starts[i] <= starts[i - 1]) {
                throw new IllegalArgumentException("phases must start on increasing days");
            }
        }
    }

    /** The first day on which the plan differs from its baseline period (MAX_VALUE: never). */
    public int shockDay() {
        return starts.length > 1 ? starts[1] : Integer.MAX_VALUE;
    }

    public Period before() {
        return periods[0];
    }

    /** The period of the first change (the baseline itself for a plan that changes nothing). */
    public Period after() {
        return periods.length > 1 ? periods[1] : periods[0];
    }

    /** Whether the plan changes anything from its baseline. */
    public boolean changes() {
        for (Period p : periods) {
            if (p != periods[0]) {
                return true;
            }
        }
        return false;
    }

    /** The index of the period in force on a day. */
    public int periodIndex(int day) {
        int p = 0;
        while (p + 1 < starts.length && day >= starts[p + 1]) {
            p++;
        }
        return p;
    }

    /**
     * Parameters of one vendor and part kind in one period. Shares are of the failed parts. {@code hold}
     * is the hold law of the way back (and of purchases), {@code holdOut} that of the way out to a hub
     * (null: the same as {@code hold}).
     */
    public record Regime(double failuresPerUnitYear, double rateShape, double benchShare, double vendorHubShare,
            double onshoreShare, double scrapShare, DiscreteDuration bench, double heldShare, DiscreteDuration hold,
            double excludedShare, int sparesLeadDays, boolean ordersAllowed, long unitCostCents, double heldShareOut,
            Fallback fallback, long tariffCentsPerUnit, int freeDays, long storageCentsPerUnitDay,
            DiscreteDuration holdOut) {

        /** One hold law for both legs. */
        public Regime(double failuresPerUnitYear, double rateShape, double benchShare, double vendorHubShare,
                double onshoreShare, double scrapShare, DiscreteDuration bench, double heldShare, DiscreteDuration hold,
                double excludedShare, int sparesLeadDays, boolean ordersAllowed, long unitCostCents, double heldShareOut,
                Fallback fallback, long tariffCentsPerUnit, int freeDays, long storageCentsPerUnitDay) {
            this(failuresPerUnitYear, rateShape, benchShare, vendorHubShare, onshoreShare, scrapShare, bench, heldShare,
                    hold, excludedShare, sparesLeadDays, ordersAllowed, unitCostCents, heldShareOut, fallback,
                    tariffCentsPerUnit, freeDays, storageCentsPerUnitDay, null);
        }

        /** The hold law of a crossing on the way out to a hub. */
        public DiscreteDuration outboundHold() {
            return holdOut != null ? holdOut : hold;
        }

        /** No tariff in the unit cost and no storage fees on holds. */
        public Regime(double failuresPerUnitYear, double rateShape, double benchShare, double vendorHubShare,
                double onshoreShare, double scrapShare, DiscreteDuration bench, double heldShare, DiscreteDuration hold,
                double excludedShare, int sparesLeadDays, boolean ordersAllowed, long unitCostCents, double heldShareOut,
                Fallback fallback) {
            this(failuresPerUnitYear, rateShape, benchShare, vendorHubShare, onshoreShare, scrapShare, bench, heldShare,
                    hold, excludedShare, sparesLeadDays, ordersAllowed, unitCostCents, heldShareOut, fallback, 0, 0, 0);
        }

        /** The same regime with another failure rate (a model's share of the pool failing differently). */
        public Regime withRate(double rate, double shape) {
            return new Regime(rate, shape, benchShare, vendorHubShare, onshoreShare, scrapShare, bench, heldShare, hold,
                    excludedShare, sparesLeadDays, ordersAllowed, unitCostCents, heldShareOut, fallback,
                    tariffCentsPerUnit, freeDays, storageCentsPerUnitDay, holdOut);
        }

        /** Storage fees of a hold of that many days on that many units: every day past the free days. */
        public long storageFeesCents(int holdDays, int units) {
            return Math.max(0, holdDays - freeDays) * storageCentsPerUnitDay * units;
        }

        /** A regime whose crossings are held on the way back only and whose hub-less parts go to the bench. */
        public Regime(double failuresPerUnitYear, double rateShape, double benchShare, double vendorHubShare,
                double onshoreShare, double scrapShare, DiscreteDuration bench, double heldShare, DiscreteDuration hold,
                double excludedShare, int sparesLeadDays, boolean ordersAllowed, long unitCostCents) {
            this(failuresPerUnitYear, rateShape, benchShare, vendorHubShare, onshoreShare, scrapShare, bench, heldShare,
                    hold, excludedShare, sparesLeadDays, ordersAllowed, unitCostCents, 0, Fallback.BENCH);
        }

        public Regime {
            double sum = benchShare + vendorHubShare + onshoreShare + scrapShare;
            if (Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException("route shares must add up to 1, not " + sum);
            }
        }
    }

    /**
     * What happens to a failed part routed to a hub when no open hub takes it: repaired on the site's
     * bench, scrapped (a replacement is bought where the vendor may be ordered from), or replaced by a
     * new part bought at once. Such parts are counted and reported; none waits for ever.
     */
    public enum Fallback {
        BENCH, SCRAP, BUY_NEW
    }

    /**
     * A hub's state in one period: open or closed, and either a weekly capacity ({@code servers} 0) or
     * {@code servers} benches working in parallel, each repair taking the hub's repair-time law scaled
     * to {@code turnaroundDays} (fixed at it without a law).
     */
    public record HubState(boolean open, int capacityPerWeek, int turnaroundDays, int servers) {

        public HubState(boolean open, int capacityPerWeek, int turnaroundDays) {
            this(open, capacityPerWeek, turnaroundDays, 0);
        }
    }

    /**
     * regimes[vendor * kinds + kind]; hubs in the fleet's order. Where a rule targets a site, the sites
     * flagged sensitive or a model, {@code cellRegimes[cell]} holds the regime of that site, vendor
     * and kind (null: none does, {@code regimes} hold for every site); {@code stopped[sv]}: the site
     * has been ordered to stop running that vendor's machines (null: no site has).
     */
    public record Period(Regime[] regimes, List<HubState> hubs, Regime[] cellRegimes, boolean[] stopped) {

        public Period(Regime[] regimes, List<HubState> hubs) {
            this(regimes, hubs, null, null);
        }

        /** The regime of a pool (cell = site-vendor x kinds + kind; vk = vendor x kinds + kind). */
        public Regime regime(int cell, int vk) {
            return cellRegimes != null ? cellRegimes[cell] : regimes[vk];
        }

        /** Whether rules differ between sites (the closed form is computed per vendor and kind). */
        public boolean perSite() {
            return cellRegimes != null || stopped != null;
        }

        public boolean stopped(int sv) {
            return stopped != null && stopped[sv];
        }
    }

    public static Plan unchanged(String name, Period period) {
        return new Plan(name, Integer.MAX_VALUE, period, period);
    }

    public Period at(int day) {
        return periods[periodIndex(day)];
    }
}
