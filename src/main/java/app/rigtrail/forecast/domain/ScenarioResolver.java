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
        if (!params.changesAnything()) {
            return Plan.unchanged(name, before);
        }
        int first = params.effectiveDate() == null && params.effectiveAfterDays() == null ? 0
                : warmupDays + params.effectiveDay(start);
        List<Integer> starts = new ArrayList<>();
        List<Period> periods = new ArrayList<>();
        if (first > 0) {
            starts.add(0);
            periods.add(before);
        }
        starts.add(first);
        periods.add(period(params, baseline, fleet));
        // each phase: everything in force before it, then its own rules and hub changes on top
        List<Rule> rules = new ArrayList<>(params.rules());
        List<HubRule> hubs = new ArrayList<>(params.hubs());
        String fallback = params.fallback();
        for (ScenarioParameters.Phase phase : params.phases()) {
            rules.addAll(phase.rules());
            hubs.addAll(phase.hubs());
            fallback = phase.fallback() != null ? phase.fallback() : fallback;
            int day = Math.max(first, warmupDays + phase.day(start));
            Period period = period(new ScenarioParameters(null, params.firmwareOffFailureFactor(), rules, hubs, null,
                    fallback), baseline, fleet);
            if (day == starts.get(starts.size() - 1)) {
                periods.set(periods.size() - 1, period);
            } else {
                starts.add(day);
                periods.add(period);
            }
        }
        return new Plan(name, starts.stream().mapToInt(Integer::intValue).toArray(), periods.toArray(Period[]::new));
    }

    /** The regimes of one period: per vendor and kind, and per pool where rules target sites or models. */
    static Period period(ScenarioParameters params, Baseline baseline, Fleet fleet) {
        int kinds = fleet.partKinds().size();
        int vendors = fleet.vendors().size();
        int sites = fleet.sites().size();
        Regime[] regimes = new Regime[vendors * kinds];
        boolean[] vendorHubsClosed = new boolean[vendors];
        Laws laws = new Laws(baseline);
        for (int v = 0; v < vendors; v++) {
            for (int k = 0; k < kinds; k++) {
                regimes[v * kinds + k] = regime(params, baseline, fleet, v, k, -1, laws, vendorHubsClosed);
            }
        }
        Regime[] cellRegimes = null;
        boolean[] stopped = null;
        boolean targeted = params.rules().stream().anyMatch(Rule::targeted);
        if (targeted) {
            cellRegimes = new Regime[fleet.cells()];
            boolean[] ignored = new boolean[vendors];
            for (int s = 0; s < sites; s++) {
                for (int v = 0; v < vendors; v++) {
                    for (int k = 0; k < kinds; k++) {
                        cellRegimes[fleet.cell(s, v, k)] = regime(params, baseline, fleet, v, k, s, laws, ignored);
                    }
                }
            }
            Baseline.Context context = baseline.context();
            for (Rule r : params.rules()) {
                if (r.stopRunning() == null || r.vendor() == null) {
                    continue;
                }
                int v = fleet.vendors().indexOf(r.vendor());
                for (int s = 0; s < sites && v >= 0; s++) {
                    if (r.atSite(fleet.sites().get(s), context.sensitive(s))) {
                        if (stopped == null) {
                            stopped = new boolean[sites * vendors];
                        }
                        stopped[fleet.siteVendor(s, v)] = r.stopRunning();
                    }
                }
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
            int servers = state.servers();
            for (HubRule r : params.hubs()) {
                if (hub.code().equals(r.hub())) {
                    open = r.open() != null ? r.open() : open;
                    capacity = r.capacityPerWeek() != null ? r.capacityPerWeek() : capacity;
                    turnaround = r.turnaroundDays() != null ? r.turnaroundDays() : turnaround;
                    servers = r.servers() != null ? r.servers() : servers;
                }
            }
            hubs.add(new HubState(open, capacity, turnaround, servers));
        }
        return new Period(regimes, List.copyOf(hubs), cellRegimes, stopped);
    }

    /** Hold and bench laws computed once per period and shared by the pools that use them. */
    private static final class Laws {
        final Baseline baseline;
        final DiscreteDuration fitted;
        final java.util.Map<List<Object>, DiscreteDuration> holds = new java.util.HashMap<>();
        final java.util.Map<Integer, DiscreteDuration> bench = new java.util.HashMap<>();

        Laws(Baseline baseline) {
            this.baseline = baseline;
            this.fitted = DiscreteDuration.fromSurvival(baseline.holdSurvival(), 1, 0);
        }

        DiscreteDuration hold(HoldDistribution chosen, double scale, double shift) {
            return hold(baseline.holdSurvival(), chosen, scale, shift);
        }

        /** A leg's law: from {@code base} (the fleet's fitted one or a kind's own), unless a rule chose one. */
        DiscreteDuration hold(DoubleUnaryOperator base, HoldDistribution chosen, double scale, double shift) {
            if (base == baseline.holdSurvival() && chosen == null && scale == 1 && shift == 0) {
                return fitted;
            }
            DoubleUnaryOperator from = chosen != null ? survival(chosen) : base;
            return holds.computeIfAbsent(java.util.Arrays.asList(chosen != null ? chosen : base, scale, shift),
                    key -> DiscreteDuration.fromSurvival(from, scale, shift));
        }

        DiscreteDuration bench(int vk) {
            return bench.computeIfAbsent(vk, i -> baseline.byVendorKind()[i].bench());
        }
    }

    /**
     * One vendor and kind's regime: fleet-wide ({@code site} -1: rules for particular sites or models
     * left out) or at one site (all rules that apply there, a model's rate mixed in by its share of the
     * pool's sockets).
     */
    private static Regime regime(ScenarioParameters params, Baseline baseline, Fleet fleet, int v, int k, int site,
            Laws laws, boolean[] vendorHubsClosed) {
        int kinds = fleet.partKinds().size();
        String vendor = fleet.vendors().get(v);
        String kind = fleet.partKinds().get(k);
        Vendorkind b = baseline.byVendorKind()[v * kinds + k];
        Baseline.Context context = baseline.context();
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
            if (r.targeted() && (site < 0 || !r.atSite(fleet.sites().get(site), context.sensitive(site)))) {
                continue;
            }
            if (r.model() != null) {
                int[] modelSockets = context.modelSockets().get(r.model());
                String modelVendor = context.modelVendors().get(r.model());
                int cell = fleet.cell(site, v, k);
                if (modelSockets == null || fleet.sockets()[cell] == 0 || (modelVendor != null && !modelVendor.equals(vendor))) {
                    continue;
                }
                // a bad series: its share of the pool's sockets fails at its own rate (Poisson streams add up)
                double w = Math.min(1, (double) modelSockets[cell] / fleet.sockets()[cell]);
                double current = rate * scale;
                double own = r.failuresPerUnitYear() != null ? r.failuresPerUnitYear()
                        : current * (r.failureRateScale() == null ? 1 : r.failureRateScale());
                rate = current + w * (own - current);
                scale = 1;
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
        DiscreteDuration hold = laws.hold(b.holdInOr(baseline.holdSurvival()), chosen, holdScale, holdShift);
        DiscreteDuration holdOut = b.holdOut() == null && b.holdIn() == null ? null
                : laws.hold(b.holdOutOr(baseline.holdSurvival()), chosen, holdScale, holdShift);
        double effectiveRate = rate * scale * (firmware ? 1 : params.firmwareFactor());
        long cost = Math.round(b.unitCostCents() * price * (1 + tariff / 100));
        long tariffCents = Math.round(b.unitCostCents() * price * tariff / 100);
        return new Regime(effectiveRate, shape, shares[0] / total, shares[1] / total, shares[2] / total,
                shares[3] / total, laws.bench(v * kinds + k), Math.min(1, held * heldScale), hold, excluded, lead, orders,
                cost, Math.min(1, heldOut * heldScale), params.fallbackOrDefault(), tariffCents, context.freeDays(),
                context.storageCentsPerUnitDay(), holdOut == hold ? null : holdOut);
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
