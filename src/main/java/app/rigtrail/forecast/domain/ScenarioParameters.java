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
        List<HubRule> hubs, Integer effectiveAfterDays, String fallback) {

    /** The longest delay after the start a scenario may take effect. */
    public static final int MAX_EFFECTIVE_AFTER_DAYS = 3650;
    public static final List<String> FALLBACKS = List.of("BENCH", "SCRAP", "BUY_NEW");

    /** Parameters taking effect on a date (or throughout, without one), hub-less parts to the bench. */
    public ScenarioParameters(LocalDate effectiveDate, Double firmwareOffFailureFactor, List<Rule> rules,
            List<HubRule> hubs) {
        this(effectiveDate, firmwareOffFailureFactor, rules, hubs, null, null);
    }

    /** Parameters for one vendor and part kind (null: all vendors, all kinds). */
    public record Rule(String vendor, String partKind, Double failuresPerUnitYear, Double failureRateScale,
            Double benchShare, Double vendorHubShare, Double onshoreShare, Double scrapShare, Double heldShare,
            Double heldShareScale, Double holdScale, Double holdShiftDays, HoldDistribution holdDistribution,
            Double excludedShare, Integer sparesLeadDays, Boolean ordersAllowed, Integer newMachineLeadDays,
            Double tariffPercent, Double priceScale, Boolean vendorHubsOpen, Boolean firmwareSupport) {

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
    public record HubRule(String hub, Boolean open, Integer capacityPerWeek, Integer turnaroundDays) {
    }

    public ScenarioParameters {
        rules = rules == null ? List.of() : List.copyOf(rules);
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
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
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "].";
            if (r == null) {
                out.add(new String[] {"rules[" + i + "]", "must not be null"});
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
        for (int i = 0; i < hubs.size(); i++) {
            HubRule h = hubs.get(i);
            String at = "hubs[" + i + "].";
            if (h == null || h.hub() == null || !hubCodes.contains(h.hub())) {
                out.add(new String[] {at + "hub", "unknown hub " + (h == null ? null : h.hub()) + " (one of " + hubCodes + ")"});
                continue;
            }
            range(out, at + "capacityPerWeek", h.capacityPerWeek() == null ? null : h.capacityPerWeek().doubleValue(), 0,
                    1_000_000);
            range(out, at + "turnaroundDays", h.turnaroundDays() == null ? null : h.turnaroundDays().doubleValue(), 0, 365);
        }
        return out;
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
