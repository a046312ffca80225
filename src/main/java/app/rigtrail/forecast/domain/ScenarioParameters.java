package app.rigtrail.forecast.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario changes, from its effective date on, as it is stored and sent over the API. Every
 * field may be left out (null): what is not set stays as the fleet's own history says (the
 * {@link Baseline}). Rules apply in order, each to one vendor and part kind or to all (null), so a
 * later, narrower rule can refine an earlier, broader one.
 */
public record ScenarioParameters(LocalDate effectiveDate, Double firmwareOffFailureFactor, List<Rule> rules,
        List<HubRule> hubs, Integer effectiveAfterDays, String fallback, List<Phase> phases,
        List<OrderRule> machineOrders) {

    /** A scenario of one change. */
    public ScenarioParameters(LocalDate effectiveDate, Double firmwareOffFailureFactor, List<Rule> rules,
            List<HubRule> hubs, Integer effectiveAfterDays, String fallback) {
        this(effectiveDate, firmwareOffFailureFactor, rules, hubs, effectiveAfterDays, fallback, null, null);
    }

    /** A scenario without rules for machine orders. */
    public ScenarioParameters(LocalDate effectiveDate, Double firmwareOffFailureFactor, List<Rule> rules,
            List<HubRule> hubs, Integer effectiveAfterDays, String fallback, List<Phase> phases) {
        this(effectiveDate, firmwareOffFailureFactor, rules, hubs, effectiveAfterDays, fallback, phases, null);
    }

    /**
     * What a scenario does to the open orders for new machines of one vendor (docs/scenarios.md,
     * "New machines"), from its phase's day: a lead time ({@code leadDays}, or the quoted one times
     * {@code leadTimeScale}: competitors stretched under a pivot), deliveries stopped (an entity list:
     * units not shipped by then never ship; {@code undelivered} says whether their deposits are
     * {@code REFUNDED} or {@code LOST}), a share of the units still on order moved to another vendor
     * ({@code moveShare} to {@code moveTo}, at that vendor's price and TH/s per machine), and the route:
     * {@code DIRECT} or {@code GREY} (third-country transit: {@code greyAddedDays} more, its own held
     * share and seizure share; a grey route still delivers when direct deliveries are stopped).
     */
    public record OrderRule(String vendor, Integer leadDays, Double leadTimeScale, Boolean deliveriesStopped,
            String undelivered, String moveTo, Double moveShare, String route, Integer greyAddedDays,
            Double greyHeldShare, Double greySeizureShare) {

        public static OrderRule lead(String vendor, int days) {
            return new OrderRule(vendor, days, null, null, null, null, null, null, null, null, null);
        }
    }

    public static final List<String> UNDELIVERED = List.of("REFUNDED", "LOST");
    public static final List<String> ORDER_ROUTES = List.of("DIRECT", "GREY");

    /**
     * A later phase: from its day (days after the start, or a date) its rules and hub changes apply on
     * top of everything in force before it (the scenario's own and earlier phases'), and its
     * fallback, if set, replaces the one before.
     */
    public record Phase(Integer effectiveAfterDays, LocalDate effectiveDate, List<Rule> rules, List<HubRule> hubs,
            String fallback, List<OrderRule> machineOrders) {

        public Phase {
            rules = rules == null ? List.of() : List.copyOf(rules);
            hubs = hubs == null ? List.of() : List.copyOf(hubs);
            machineOrders = machineOrders == null ? List.of() : List.copyOf(machineOrders);
        }

        public Phase(Integer effectiveAfterDays, LocalDate effectiveDate, List<Rule> rules, List<HubRule> hubs,
                String fallback) {
            this(effectiveAfterDays, effectiveDate, rules, hubs, fallback, null);
        }

        public int day(LocalDate start) {
            if (effectiveAfterDays != null) {
                return effectiveAfterDays;
            }
            return (int) Math.max(0, Math.min(MAX_EFFECTIVE_AFTER_DAYS,
                    java.time.temporal.ChronoUnit.DAYS.between(start, effectiveDate)));
        }
    }

    /** The most phases a scenario may have beyond its first change. */
    public static final int MAX_PHASES = 12;

    /** The longest delay after the start a scenario may take effect. */
    public static final int MAX_EFFECTIVE_AFTER_DAYS = 3650;
    public static final List<String> FALLBACKS = List.of("BENCH", "SCRAP", "BUY_NEW");

    /** Parameters taking effect on a date (or throughout, without one), hub-less parts to the bench. */
    public ScenarioParameters(LocalDate effectiveDate, Double firmwareOffFailureFactor, List<Rule> rules,
            List<HubRule> hubs) {
        this(effectiveDate, firmwareOffFailureFactor, rules, hubs, null, null);
    }

    /**
     * Parameters for one vendor and part kind (null: all vendors, all kinds), at one site, at every site
     * flagged sensitive, or everywhere (neither); or for one model (a bad series: then only its failure
     * rate may be set, the rest of its pool follows the pool's own). {@code stopRunning}: the targeted
     * sites are ordered to stop running the vendor's machines (they count as down, their parts no longer
     * fail).
     */
    public record Rule(String vendor, String partKind, Double failuresPerUnitYear, Double failureRateScale,
            Double benchShare, Double vendorHubShare, Double onshoreShare, Double scrapShare, Double heldShare,
            Double heldShareScale, Double holdScale, Double holdShiftDays, HoldDistribution holdDistribution,
            Double excludedShare, Integer sparesLeadDays, Boolean ordersAllowed, Integer newMachineLeadDays,
            Double tariffPercent, Double priceScale, Boolean vendorHubsOpen, Boolean firmwareSupport, String site,
            Boolean sensitiveSites, String model, Boolean stopRunning) {

        /** A rule for every site and model. */
        public Rule(String vendor, String partKind, Double failuresPerUnitYear, Double failureRateScale,
                Double benchShare, Double vendorHubShare, Double onshoreShare, Double scrapShare, Double heldShare,
                Double heldShareScale, Double holdScale, Double holdShiftDays, HoldDistribution holdDistribution,
                Double excludedShare, Integer sparesLeadDays, Boolean ordersAllowed, Integer newMachineLeadDays,
                Double tariffPercent, Double priceScale, Boolean vendorHubsOpen, Boolean firmwareSupport) {
            this(vendor, partKind, failuresPerUnitYear, failureRateScale, benchShare, vendorHubShare, onshoreShare,
                    scrapShare, heldShare, heldShareScale, holdScale, holdShiftDays, holdDistribution, excludedShare,
                    sparesLeadDays, ordersAllowed, newMachineLeadDays, tariffPercent, priceScale, vendorHubsOpen,
                    firmwareSupport, null, null, null, null);
        }

        /** Whether the rule applies to some sites only (or one model) rather than the whole fleet. */
        public boolean targeted() {
            return site != null || Boolean.TRUE.equals(sensitiveSites) || model != null;
        }

        /** Whether the rule applies at a site. */
        public boolean atSite(String code, boolean sensitive) {
            return (site == null || site.equals(code)) && (!Boolean.TRUE.equals(sensitiveSites) || sensitive);
        }

        public static Rule forVendor(String vendor) {
            return new Rule(vendor, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null);
        }
    }

    /** A hold-duration distribution chosen instead of the fitted one: LOGNORMAL (median, sigma), WEIBULL (shape, scale) or FIXED. */
    public record HoldDistribution(String family, Double medianDays, Double sigma, Double shape, Double scaleDays,
            Integer days) {
    }

    /** One repair hub opened, closed or resized. */
    public record HubRule(String hub, Boolean open, Integer capacityPerWeek, Integer turnaroundDays, Integer servers) {

        public HubRule(String hub, Boolean open, Integer capacityPerWeek, Integer turnaroundDays) {
            this(hub, open, capacityPerWeek, turnaroundDays, null);
        }
    }

    public ScenarioParameters {
        rules = rules == null ? List.of() : List.copyOf(rules);
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
        phases = phases == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(phases));
        machineOrders = machineOrders == null ? List.of()
                : java.util.Collections.unmodifiableList(new ArrayList<>(machineOrders));
    }

    /** Whether anything changes from the baseline. */
    public boolean changesAnything() {
        return !rules.isEmpty() || !hubs.isEmpty() || fallback != null || !phases.isEmpty();
    }

    /** Whether any rule changes the open machine orders (they do not change failures or repairs). */
    public boolean changesOrders() {
        return !machineOrders.isEmpty() || phases.stream().anyMatch(p -> !p.machineOrders().isEmpty())
                || rules.stream().anyMatch(r -> r.newMachineLeadDays() != null)
                || phases.stream().anyMatch(p -> p.rules().stream().anyMatch(r -> r.newMachineLeadDays() != null));
    }

    /** What happens to a part no open hub takes (BENCH when not set). */
    public app.rigtrail.forecast.domain.Plan.Fallback fallbackOrDefault() {
        return fallback == null ? app.rigtrail.forecast.domain.Plan.Fallback.BENCH
                : app.rigtrail.forecast.domain.Plan.Fallback.valueOf(fallback);
    }

    /**
     * The first day (0 = the forecast's first day) on which the scenario is in force: a number of days
     * after the start, or a date; neither puts it in force throughout.
     */
    public int effectiveDay(LocalDate start) {
        if (effectiveAfterDays != null) {
            return effectiveAfterDays;
        }
        if (effectiveDate != null) {
            return (int) Math.max(0, Math.min(MAX_EFFECTIVE_AFTER_DAYS,
                    java.time.temporal.ChronoUnit.DAYS.between(start, effectiveDate)));
        }
        return 0;
    }

    public double firmwareFactor() {
        return firmwareOffFailureFactor == null ? 1.15 : firmwareOffFailureFactor;
    }

    /** Every problem with these parameters, as field paths and messages; empty if there is none. */
    public List<String[]> violations(List<String> vendors, List<String> partKinds, List<String> hubCodes) {
        return violations(vendors, partKinds, hubCodes, null, null);
    }

    /**
     * Every problem, with the fleet's site codes and model names to check targets against (null: not
     * checked); empty if there is none.
     */
    public List<String[]> violations(List<String> vendors, List<String> partKinds, List<String> hubCodes,
            List<String> sites, List<String> models) {
        List<String[]> out = new ArrayList<>();
        if (effectiveAfterDays != null && effectiveDate != null) {
            out.add(new String[] {"effectiveAfterDays", "give either effectiveDate or effectiveAfterDays, not both"});
        }
        if (effectiveAfterDays != null && (effectiveAfterDays < 0 || effectiveAfterDays > MAX_EFFECTIVE_AFTER_DAYS)) {
            out.add(new String[] {"effectiveAfterDays", "must be between 0 and " + MAX_EFFECTIVE_AFTER_DAYS});
        }
        if (fallback != null && !FALLBACKS.contains(fallback)) {
            out.add(new String[] {"fallback", "must be one of " + FALLBACKS});
        }
        if (firmwareOffFailureFactor != null && (firmwareOffFailureFactor < 1 || firmwareOffFailureFactor > 5)) {
            out.add(new String[] {"firmwareOffFailureFactor", "must be between 1 and 5"});
        }
        rules(out, "", rules, vendors, partKinds, sites, models);
        hubs(out, "", hubs, hubCodes);
        orderRules(out, "", machineOrders, vendors);
        if (phases.size() > MAX_PHASES) {
            out.add(new String[] {"phases", "at most " + MAX_PHASES + " phases"});
        }
        int previous = effectiveAfterDays != null ? effectiveAfterDays : -1;
        for (int i = 0; i < phases.size(); i++) {
            Phase ph = phases.get(i);
            String at = "phases[" + i + "].";
            if (ph == null) {
                out.add(new String[] {"phases[" + i + "]", "must not be null"});
                continue;
            }
            if ((ph.effectiveAfterDays() == null) == (ph.effectiveDate() == null)) {
                out.add(new String[] {at + "effectiveAfterDays", "give either effectiveDate or effectiveAfterDays"});
            } else if (ph.effectiveAfterDays() != null) {
                if (ph.effectiveAfterDays() < 1 || ph.effectiveAfterDays() > MAX_EFFECTIVE_AFTER_DAYS) {
                    out.add(new String[] {at + "effectiveAfterDays", "must be between 1 and " + MAX_EFFECTIVE_AFTER_DAYS});
                } else if (ph.effectiveAfterDays() <= previous) {
                    out.add(new String[] {at + "effectiveAfterDays",
                        "must come after the phase before it (day " + previous + ")"});
                }
                previous = ph.effectiveAfterDays();
            }
            if (ph.effectiveDate() != null && effectiveDate == null && effectiveAfterDays == null) {
                out.add(new String[] {at + "effectiveDate", "a phase needs the scenario's first change dated too"});
            }
            if (ph.fallback() != null && !FALLBACKS.contains(ph.fallback())) {
                out.add(new String[] {at + "fallback", "must be one of " + FALLBACKS});
            }
            rules(out, at, ph.rules(), vendors, partKinds, sites, models);
            hubs(out, at, ph.hubs(), hubCodes);
            orderRules(out, at, ph.machineOrders(), vendors);
        }
        return out;
    }

    private static void rules(List<String[]> out, String prefix, List<Rule> rules, List<String> vendors,
            List<String> partKinds, List<String> sites, List<String> models) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = prefix + "rules[" + i + "].";
            if (r == null) {
                out.add(new String[] {prefix + "rules[" + i + "]", "must not be null"});
                continue;
            }
            if (r.vendor() != null && !vendors.contains(r.vendor())) {
                out.add(new String[] {at + "vendor", "unknown vendor " + r.vendor() + " (one of " + vendors + ")"});
            }
            if (r.partKind() != null && !partKinds.contains(r.partKind())) {
                out.add(new String[] {at + "partKind", "unknown part kind " + r.partKind() + " (one of " + partKinds + ")"});
            }
            if (r.vendorHubsOpen() != null && r.partKind() != null) {
                out.add(new String[] {at + "vendorHubsOpen",
                    "opens or closes a vendor's repair centres for all part kinds: leave partKind empty"});
            }
            if (r.site() != null && sites != null && !sites.contains(r.site())) {
                out.add(new String[] {at + "site", "unknown site " + r.site() + " (one of " + sites + ")"});
            }
            if (r.site() != null && Boolean.TRUE.equals(r.sensitiveSites())) {
                out.add(new String[] {at + "sensitiveSites", "give either one site or the sensitive sites, not both"});
            }
            if (r.model() != null) {
                if (models != null && !models.contains(r.model())) {
                    out.add(new String[] {at + "model", "unknown model " + r.model() + " (one of " + models + ")"});
                }
                if (r.benchShare() != null || r.vendorHubShare() != null || r.onshoreShare() != null
                        || r.scrapShare() != null || r.heldShare() != null || r.heldShareScale() != null
                        || r.holdScale() != null || r.holdShiftDays() != null || r.holdDistribution() != null
                        || r.excludedShare() != null || r.sparesLeadDays() != null || r.ordersAllowed() != null
                        || r.newMachineLeadDays() != null || r.tariffPercent() != null || r.priceScale() != null
                        || r.vendorHubsOpen() != null || r.firmwareSupport() != null
                        || r.stopRunning() != null) {
                    out.add(new String[] {at + "model", "a rule for a model (a bad series) may set its failure rate only "
                            + "(failuresPerUnitYear or failureRateScale): its parts share their pool's routes and stock"});
                }
            }
            if (Boolean.TRUE.equals(r.stopRunning())) {
                if (r.vendor() == null) {
                    out.add(new String[] {at + "vendor", "is required to stop running a vendor's machines"});
                }
                if (r.site() == null && !Boolean.TRUE.equals(r.sensitiveSites())) {
                    out.add(new String[] {at + "stopRunning",
                        "stops machines at one site or at the sensitive sites: give site or sensitiveSites"});
                }
                if (r.partKind() != null) {
                    out.add(new String[] {at + "partKind", "stopping machines applies to whole machines: leave it empty"});
                }
            }
            range(out, at + "failuresPerUnitYear", r.failuresPerUnitYear(), 0, 5);
            range(out, at + "failureRateScale", r.failureRateScale(), 0, 20);
            range(out, at + "benchShare", r.benchShare(), 0, 1);
            range(out, at + "vendorHubShare", r.vendorHubShare(), 0, 1);
            range(out, at + "onshoreShare", r.onshoreShare(), 0, 1);
            range(out, at + "scrapShare", r.scrapShare(), 0, 1);
            range(out, at + "heldShare", r.heldShare(), 0, 1);
            range(out, at + "heldShareScale", r.heldShareScale(), 0, 20);
            range(out, at + "holdScale", r.holdScale(), 0.05, 20);
            range(out, at + "holdShiftDays", r.holdShiftDays(), -365, 365);
            range(out, at + "excludedShare", r.excludedShare(), 0, 1);
            range(out, at + "sparesLeadDays", r.sparesLeadDays() == null ? null : r.sparesLeadDays().doubleValue(), 0, 730);
            range(out, at + "newMachineLeadDays",
                    r.newMachineLeadDays() == null ? null : r.newMachineLeadDays().doubleValue(), 0, 730);
            range(out, at + "tariffPercent", r.tariffPercent(), 0, 500);
            range(out, at + "priceScale", r.priceScale(), 0, 20);
            HoldDistribution d = r.holdDistribution();
            if (d != null) {
                String family = d.family() == null ? "" : d.family();
                switch (family) {
                    case "LOGNORMAL" -> {
                        required(out, at + "holdDistribution.medianDays", d.medianDays(), 0.5, 730);
                        required(out, at + "holdDistribution.sigma", d.sigma(), 0.01, 5);
                    }
                    case "WEIBULL" -> {
                        required(out, at + "holdDistribution.shape", d.shape(), 0.1, 20);
                        required(out, at + "holdDistribution.scaleDays", d.scaleDays(), 0.5, 730);
                    }
                    case "FIXED" -> required(out, at + "holdDistribution.days",
                            d.days() == null ? null : d.days().doubleValue(), 0, 730);
                    default -> out.add(new String[] {at + "holdDistribution.family",
                            "must be LOGNORMAL, WEIBULL or FIXED"});
                }
            }
        }
    }

    private static void orderRules(List<String[]> out, String prefix, List<OrderRule> rules, List<String> vendors) {
        for (int i = 0; i < rules.size(); i++) {
            OrderRule r = rules.get(i);
            String at = prefix + "machineOrders[" + i + "].";
            if (r == null) {
                out.add(new String[] {prefix + "machineOrders[" + i + "]", "must not be null"});
                continue;
            }
            if (r.vendor() == null || !vendors.contains(r.vendor())) {
                out.add(new String[] {at + "vendor", r.vendor() == null ? "is required (the vendor whose orders change)"
                        : "unknown vendor " + r.vendor() + " (one of " + vendors + ")"});
            }
            if (r.leadDays() != null && r.leadTimeScale() != null) {
                out.add(new String[] {at + "leadTimeScale", "give either leadDays or leadTimeScale, not both"});
            }
            range(out, at + "leadDays", r.leadDays() == null ? null : r.leadDays().doubleValue(), 0, 730);
            range(out, at + "leadTimeScale", r.leadTimeScale(), 0.1, 20);
            if (r.undelivered() != null && !UNDELIVERED.contains(r.undelivered())) {
                out.add(new String[] {at + "undelivered", "must be one of " + UNDELIVERED});
            }
            if (r.undelivered() != null && !Boolean.TRUE.equals(r.deliveriesStopped())) {
                out.add(new String[] {at + "undelivered", "says what happens to undelivered machines when deliveries "
                        + "stop: set deliveriesStopped too"});
            }
            if (r.moveShare() != null || r.moveTo() != null) {
                if (r.moveTo() == null || !vendors.contains(r.moveTo())) {
                    out.add(new String[] {at + "moveTo", r.moveTo() == null ? "is required to move orders"
                            : "unknown vendor " + r.moveTo() + " (one of " + vendors + ")"});
                } else if (r.moveTo().equals(r.vendor())) {
                    out.add(new String[] {at + "moveTo", "must be another vendor than " + r.vendor()});
                }
                if (r.moveShare() == null) {
                    out.add(new String[] {at + "moveShare", "is required to move orders (0 to 1)"});
                }
                range(out, at + "moveShare", r.moveShare(), 0, 1);
            }
            if (r.route() != null && !ORDER_ROUTES.contains(r.route())) {
                out.add(new String[] {at + "route", "must be one of " + ORDER_ROUTES});
            }
            boolean greyFields = r.greyAddedDays() != null || r.greyHeldShare() != null || r.greySeizureShare() != null;
            if (greyFields && !"GREY".equals(r.route())) {
                out.add(new String[] {at + "route", "the grey route's days and shares need \"route\": \"GREY\""});
            }
            range(out, at + "greyAddedDays", r.greyAddedDays() == null ? null : r.greyAddedDays().doubleValue(), 0, 365);
            range(out, at + "greyHeldShare", r.greyHeldShare(), 0, 1);
            range(out, at + "greySeizureShare", r.greySeizureShare(), 0, 1);
        }
    }

    private static void hubs(List<String[]> out, String prefix, List<HubRule> hubs, List<String> hubCodes) {
        for (int i = 0; i < hubs.size(); i++) {
            HubRule h = hubs.get(i);
            String at = prefix + "hubs[" + i + "].";
            if (h == null || h.hub() == null || !hubCodes.contains(h.hub())) {
                out.add(new String[] {at + "hub", "unknown hub " + (h == null ? null : h.hub()) + " (one of " + hubCodes + ")"});
                continue;
            }
            range(out, at + "capacityPerWeek", h.capacityPerWeek() == null ? null : h.capacityPerWeek().doubleValue(), 0,
                    1_000_000);
            range(out, at + "servers", h.servers() == null ? null : h.servers().doubleValue(), 0, 100_000);
            range(out, at + "turnaroundDays", h.turnaroundDays() == null ? null : h.turnaroundDays().doubleValue(), 0, 365);
        }
    }

    private static void range(List<String[]> out, String field, Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            out.add(new String[] {field, "must be between " + fmt(min) + " and " + fmt(max)});
        }
    }

    private static void required(List<String[]> out, String field, Double value, double min, double max) {
        if (value == null) {
            out.add(new String[] {field, "is required for this family"});
        } else {
            range(out, field, value, min, max);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
