package app.rigtrail.forecast.domain;

import java.util.List;

import app.rigtrail.forecast.domain.ScenarioParameters.Rule;

/**
 * The three scenarios the analysts describe (docs/scenarios.md gives the reasoning behind each
 * value). They take effect {@link #AFTER_DAYS} days after a forecast's start (editable in a copy:
 * managers copy them to vary them, and may give a date instead).
 */
public final class BuiltInScenarios {

    public record BuiltIn(String code, String name, String description, ScenarioParameters parameters) {
    }

    /** Days after the start the built-in changes take effect. */
    public static final int AFTER_DAYS = 30;

    private static final List<String> CHINESE_VENDORS = List.of("BITMAIN", "MICROBT", "CANAAN");

    private BuiltInScenarios() {
    }

    public static List<BuiltIn> all() {
        return List.of(fades(), managedBox(), entityList());
    }

    static BuiltIn fades() {
        List<Rule> rules = CHINESE_VENDORS.stream().map(v -> with(v, 10.0, null, null, null)).toList();
        return new BuiltIn("review-fades", "The review fades",
                "Monitoring continues, no new measures. Customs behaves as in the fleet's own history; the 10% "
                        + "tariff of February 2025 stays.",
                new ScenarioParameters(null, null, rules, List.of(), AFTER_DAYS, "BENCH"));
    }

    static BuiltIn managedBox() {
        List<Rule> rules = CHINESE_VENDORS.stream().map(v -> {
            Rule r = with(v, 25.0, 1.15, 2.0, 1.5);
            return new Rule(r.vendor(), null, null, null, 0.35, 0.25, 0.30, 0.10, null, r.heldShareScale(),
                    r.holdScale(), null, null, null, 42, true, 90, r.tariffPercent(), r.priceScale(), true, true);
        }).toList();
        return new BuiltIn("managed-box", "Managed within a box",
                "Mitigation agreements, firmware attestation and audits. Hardware still flows, but twice as many "
                        + "shipments are held and for 50% longer, spare parts take six weeks, part of the repair "
                        + "work moves to vetted onshore partners, and tariffs and prices rise.",
                new ScenarioParameters(null, null, rules, List.of(), AFTER_DAYS, "BENCH"));
    }

    static BuiltIn entityList() {
        Rule bitmain = new Rule("BITMAIN", null, null, null, 0.30, 0.0, 0.45, 0.25, null, null, null, null, null, null,
                null, false, null, 10.0, null, false, false);
        Rule microbt = new Rule("MICROBT", null, null, null, null, null, null, null, null, 1.5, null, null, null, null,
                90, true, 180, 10.0, 1.2, true, true);
        Rule canaan = new Rule("CANAAN", null, null, null, null, null, null, null, null, 1.5, null, null, null, null,
                90, true, 180, 10.0, 1.2, true, true);
        return new BuiltIn("entity-list", "Entity list",
                "Bitmain is entity-listed: no new orders, machines not shipped by then never come (deposits lost), "
                        + "firmware support frozen, its repair centres cannot move parts across the border. Repairs go to onshore partners with their limited capacity, to the "
                        + "bench or to scrap; competitors' lead times stretch under the pivot.",
                new ScenarioParameters(null, 1.15, List.of(bitmain, microbt, canaan), List.of(), AFTER_DAYS,
                        "BENCH", null, List.of(new ScenarioParameters.OrderRule("BITMAIN", null, null, true, "LOST",
                                null, null, null, null, null, null))));
    }

    private static Rule with(String vendor, Double tariff, Double price, Double heldScale, Double holdScale) {
        return new Rule(vendor, null, null, null, null, null, null, null, null, heldScale, holdScale, null, null, null,
                null, null, null, tariff, price, null, null);
    }
}
