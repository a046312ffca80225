package app.rigtrail.forecast.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.distribution.continuous.NormalDistribution;

import app.rigtrail.forecast.domain.Baseline.Vendorkind;
import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;
import app.rigtrail.forecast.domain.ScenarioParameters.HoldDistribution;
import app.rigtrail.forecast.domain.ScenarioParameters.HubRule;
import app.rigtrail.forecast.domain.ScenarioParameters.Rule;

/** Turns a scenario's parameters and the fleet's baseline into the engine's plan. */
public final class ScenarioResolver {

    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private ScenarioResolver() {
    }

    /**
     * The plan for a forecast whose first day is {@code start}, simulated from {@code warmupDays}
     * before it. Before the effective date the baseline holds; from it on, the scenario. A date
     * before the warm-up (or none) puts the scenario in force throughout.
     */
    public static Plan compile(String name, ScenarioParameters params, Baseline baseline, Fleet fleet, LocalDate start,
            int warmupDays) {
        return compile(name, params, baseline(baseline, fleet), baseline, fleet, start, warmupDays);
    }

    /**
     * Several scenarios over one baseline: their plans share the one baseline period, which lets the
     * engine simulate their common past once.
     */
    public static List<Plan> compileAll(List<String> names, List<ScenarioParameters> params, Baseline baseline,
            Fleet fleet, LocalDate start, int warmupDays) {
        Period before = baseline(baseline, fleet);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            plans.add(compile(names.get(i), params.get(i), before, baseline, fleet, start, warmupDays));
        }
        return plans;
    }

    private static Period baseline(Baseline baseline, Fleet fleet) {
        return period(new ScenarioParameters(null, null, List.of(), List.of()), baseline, fleet);
    }

    private static Plan compile(String name, ScenarioParameters params, Period before, Baseline baseline, Fleet fleet,
            LocalDate start, int warmupDays) {
        Period after = params.rules().isEmpty() && params.hubs().isEmpty() && params.fallback() == null ? before
                : period(params, baseline, fleet);
        int shockDay = params.effectiveDate() == null && params.effectiveAfterDays() == null ? 0
                : warmupDays + params.effectiveDay(start);
        return new Plan(name, shockDay, before, after);
    }

    static Period period(ScenarioParameters params, Baseline baseline, Fleet fleet) {
        int kinds = fleet.partKinds().size();
        int vendors = fleet.vendors().size();
        Regime[] regimes = new Regime[vendors * kinds];
        boolean[] vendorHubsClosed = new boolean[vendors];
        DiscreteDuration fitted = DiscreteDuration.fromSurvival(baseline.holdSurvival(), 1, 0);
        for (int v = 0; v < vendors; v++) {
            for (int k = 0; k < kinds; k++) {
                String vendor = fleet.vendors().get(v);
                String kind = fleet.partKinds().get(k);
                Vendorkind b = baseline.byVendorKind()[v * kinds + k];
                double rate = b.failuresPerUnitYear();
                double shape = b.failureEvents();
                double scale = 1;
                double[] shares = {b.benchShare(), b.vendorHubShare(), b.onshoreShare(), b.scrapShare()};
                double held = b.heldShare();
                double heldOut = b.heldShareOut();
                double heldScale = 1;
                double holdScale = 1;
                double holdShift = 0;
                HoldDistribution chosen = null;
                double excluded = b.excludedShare();
                int lead = b.sparesLeadDays();
                boolean orders = true;
                double tariff = 0;
                double price = 1;
                boolean firmware = true;
                for (Rule r : params.rules()) {
                    if ((r.vendor() != null && !r.vendor().equals(vendor))
                            || (r.partKind() != null && !r.partKind().equals(kind))) {
                        continue;
                    }
                    if (r.failuresPerUnitYear() != null) {
                        rate = r.failuresPerUnitYear();
                        shape = 0; // a rate someone sets is taken as known
                    }
                    scale = r.failureRateScale() != null ? r.failureRateScale() : scale;
                    Double[] given = {r.benchShare(), r.vendorHubShare(), r.onshoreShare(), r.scrapShare()};
                    for (int i = 0; i < 4; i++) {
                        if (given[i] != null) {
                            shares[i] = given[i];
                        }
                    }
                    held = r.heldShare() != null ? r.heldShare() : held;
                    heldOut = r.heldShare() != null ? r.heldShare() : heldOut;
                    heldScale = r.heldShareScale() != null ? r.heldShareScale() : heldScale;
                    holdScale = r.holdScale() != null ? r.holdScale() : holdScale;
                    holdShift = r.holdShiftDays() != null ? r.holdShiftDays() : holdShift;
                    chosen = r.holdDistribution() != null ? r.holdDistribution() : chosen;
                    excluded = r.excludedShare() != null ? r.excludedShare() : excluded;
                    lead = r.sparesLeadDays() != null ? r.sparesLeadDays() : lead;
                    orders = r.ordersAllowed() != null ? r.ordersAllowed() : orders;
                    tariff = r.tariffPercent() != null ? r.tariffPercent() : tariff;
                    price = r.priceScale() != null ? r.priceScale() : price;
                    firmware = r.firmwareSupport() != null ? r.firmwareSupport() : firmware;
                    if (r.vendorHubsOpen() != null && r.partKind() == null) {
                        vendorHubsClosed[v] = !r.vendorHubsOpen();
                    }
                }
                double total = shares[0] + shares[1] + shares[2] + shares[3];
                if (total <= 0) {
                    throw new IllegalArgumentException("the scenario routes failed " + vendor + " " + kind.toLowerCase()
                            .replace('_', ' ') + "s nowhere: its bench, vendor hub, onshore and scrap shares are all "
                            + "zero; give at least one a share");
                }
                DiscreteDuration hold = chosen != null
                        ? DiscreteDuration.fromSurvival(survival(chosen), holdScale, holdShift)
                        : holdScale == 1 && holdShift == 0 ? fitted
                                : DiscreteDuration.fromSurvival(baseline.holdSurvival(), holdScale, holdShift);
                double effectiveRate = rate * scale * (firmware ? 1 : params.firmwareFactor());
                long cost = Math.round(b.unitCostCents() * price * (1 + tariff / 100));
                regimes[v * kinds + k] = new Regime(effectiveRate, shape, shares[0] / total, shares[1] / total,
                        shares[2] / total, shares[3] / total, b.bench(),
                        Math.min(1, held * heldScale), hold, excluded, lead, orders, cost,
                        Math.min(1, heldOut * heldScale), params.fallbackOrDefault());
            }
        }
        List<HubState> hubs = new ArrayList<>();
        for (int h = 0; h < fleet.hubs().size(); h++) {
            Hub hub = fleet.hubs().get(h);
            HubState state = baseline.hubs().get(h);
            boolean open = state.open();
            if (hub.route() == Fleet.Route.VENDOR_HUB) {
                for (int v = 0; v < vendors; v++) {
                    if (vendorHubsClosed[v] && hub.vendors().contains(fleet.vendors().get(v))) {
                        open = false;
                    }
                }
            }
            int capacity = state.capacityPerWeek();
            int turnaround = state.turnaroundDays();
            for (HubRule r : params.hubs()) {
                if (hub.code().equals(r.hub())) {
                    open = r.open() != null ? r.open() : open;
                    capacity = r.capacityPerWeek() != null ? r.capacityPerWeek() : capacity;
                    turnaround = r.turnaroundDays() != null ? r.turnaroundDays() : turnaround;
                }
            }
            hubs.add(new HubState(open, capacity, turnaround));
        }
        return new Period(regimes, List.copyOf(hubs));
    }

    static DoubleUnaryOperator survival(HoldDistribution d) {
        return switch (d.family()) {
            case "LOGNORMAL" -> t -> 1 - STANDARD.cumulativeProbability((Math.log(t) - Math.log(d.medianDays())) / d.sigma());
            case "WEIBULL" -> t -> Math.exp(-Math.pow(t / d.scaleDays(), d.shape()));
            case "FIXED" -> t -> t < d.days() ? 1 : 0;
            default -> throw new IllegalArgumentException("unknown hold distribution " + d.family());
        };
    }
}
