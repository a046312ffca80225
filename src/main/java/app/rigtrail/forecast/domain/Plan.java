package app.rigtrail.forecast.domain;

import java.util.List;

/**
 * One scenario compiled for the engine: the parameters in force before its date and after it.
 * {@code shockDay} counts from the first simulated day (warm-up included).
 */
public record Plan(String name, int shockDay, Period before, Period after) {

    /** Parameters of one vendor and part kind in one period. Shares are of the failed parts. */
    public record Regime(double failuresPerUnitYear, double rateShape, double benchShare, double vendorHubShare,
            double onshoreShare, double scrapShare, DiscreteDuration bench, double heldShare, DiscreteDuration hold,
            double excludedShare, int sparesLeadDays, boolean ordersAllowed, long unitCostCents, double heldShareOut,
            Fallback fallback) {

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

    /** A hub's state in one period. */
    public record HubState(boolean open, int capacityPerWeek, int turnaroundDays) {
    }

    /** regimes[vendor * kinds + kind]; hubs in the fleet's order. */
    public record Period(Regime[] regimes, List<HubState> hubs) {
    }

    public static Plan unchanged(String name, Period period) {
        return new Plan(name, Integer.MAX_VALUE, period, period);
    }

    public Period at(int day) {
        return day < shockDay ? before : after;
    }
}
