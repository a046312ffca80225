package app.rigtrail.forecast.domain;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * What the fleet's own history says, per vendor and part kind ({@code [vendor * kinds + kind]}):
 * the failure rate and how many failures it rests on, the routes taken, bench repair times, the
 * share of border crossings held, the fitted hold-duration survival function (a vendor and kind
 * may have its own, per leg: {@link Vendorkind#holdIn()}, {@link Vendorkind#holdOut()}), the share of
 * holds ending in exclusion or seizure, spare lead times and prices; and the hubs as the master data
 * describes them. Scenarios are changes to this.
 */
public record Baseline(Vendorkind[] byVendorKind, DoubleUnaryOperator holdSurvival, String holdModel,
        List<Plan.HubState> hubs, Context context) {

    public Baseline(Vendorkind[] byVendorKind, DoubleUnaryOperator holdSurvival, String holdModel,
            List<Plan.HubState> hubs) {
        this(byVendorKind, holdSurvival, holdModel, hubs, Context.NONE);
    }

    /**
     * What rules may target beyond a vendor and part kind, and what holds cost: which sites are flagged
     * sensitive ({@code sensitiveSites[site]}), the sockets of each model per pool
     * ({@code modelSockets.get(model)[cell]}) and its vendor; the free days of a customs hold before
     * storage fees and the fee per unit and day after them.
     */
    public record Context(boolean[] sensitiveSites, java.util.Map<String, int[]> modelSockets,
            java.util.Map<String, String> modelVendors, int freeDays, long storageCentsPerUnitDay) {

        public static final Context NONE = new Context(null, java.util.Map.of(), java.util.Map.of(), 0, 0);

        public Context {
            modelSockets = modelSockets == null ? java.util.Map.of() : java.util.Map.copyOf(modelSockets);
            modelVendors = modelVendors == null ? java.util.Map.of() : java.util.Map.copyOf(modelVendors);
        }

        public boolean sensitive(int site) {
            return sensitiveSites != null && site < sensitiveSites.length && sensitiveSites[site];
        }

        public Context withSensitive(boolean[] sites) {
            return new Context(sites, modelSockets, modelVendors, freeDays, storageCentsPerUnitDay);
        }
    }

    public Baseline with(Context context) {
        return new Baseline(byVendorKind, holdSurvival, holdModel, hubs, context);
    }

    /**
     * {@code failureEvents} is the number of failures the rate was estimated from (0: a prior, taken
     * as known); route shares add up to 1.
     */
    public record Vendorkind(double failuresPerUnitYear, double failureEvents, double benchShare, double vendorHubShare,
            double onshoreShare, double scrapShare, double benchMedianDays, double benchSigma, double heldShare,
            double excludedShare, int sparesLeadDays, long unitCostCents, double heldShareOut, DiscreteDuration benchLaw,
            DoubleUnaryOperator holdIn, DoubleUnaryOperator holdOut) {

        /** The baseline's hold law on both legs. */
        public Vendorkind(double failuresPerUnitYear, double failureEvents, double benchShare, double vendorHubShare,
                double onshoreShare, double scrapShare, double benchMedianDays, double benchSigma, double heldShare,
                double excludedShare, int sparesLeadDays, long unitCostCents, double heldShareOut,
                DiscreteDuration benchLaw) {
            this(failuresPerUnitYear, failureEvents, benchShare, vendorHubShare, onshoreShare, scrapShare,
                    benchMedianDays, benchSigma, heldShare, excludedShare, sparesLeadDays, unitCostCents, heldShareOut,
                    benchLaw, null, null);
        }

        /** This kind's hold survival on the way back (the baseline's when it has none of its own). */
        public DoubleUnaryOperator holdInOr(DoubleUnaryOperator fleetWide) {
            return holdIn != null ? holdIn : fleetWide;
        }

        /** This kind's hold survival on the way out (its way back's when it has none of its own). */
        public DoubleUnaryOperator holdOutOr(DoubleUnaryOperator fleetWide) {
            return holdOut != null ? holdOut : holdInOr(fleetWide);
        }

        /** Bench times lognormal with benchMedianDays and benchSigma. */
        public Vendorkind(double failuresPerUnitYear, double failureEvents, double benchShare, double vendorHubShare,
                double onshoreShare, double scrapShare, double benchMedianDays, double benchSigma, double heldShare,
                double excludedShare, int sparesLeadDays, long unitCostCents, double heldShareOut) {
            this(failuresPerUnitYear, failureEvents, benchShare, vendorHubShare, onshoreShare, scrapShare,
                    benchMedianDays, benchSigma, heldShare, excludedShare, sparesLeadDays, unitCostCents, heldShareOut, null);
        }

        /** The bench law: the described one, or the lognormal fitted. */
        public DiscreteDuration bench() {
            return benchLaw != null ? benchLaw : DiscreteDuration.lognormal(benchMedianDays, benchSigma);
        }

        /** Crossings held on the way back only. */
        public Vendorkind(double failuresPerUnitYear, double failureEvents, double benchShare, double vendorHubShare,
                double onshoreShare, double scrapShare, double benchMedianDays, double benchSigma, double heldShare,
                double excludedShare, int sparesLeadDays, long unitCostCents) {
            this(failuresPerUnitYear, failureEvents, benchShare, vendorHubShare, onshoreShare, scrapShare,
                    benchMedianDays, benchSigma, heldShare, excludedShare, sparesLeadDays, unitCostCents, 0);
        }
    }
}
