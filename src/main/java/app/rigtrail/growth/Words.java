package app.rigtrail.growth;

import java.util.Map;

/** What the machine order pages call the states and kinds of other features, in their users' words. */
final class Words {

    private static final Map<String, String> SHIPMENT = Map.ofEntries(
            Map.entry("CREATED", "Waiting at the vendor"), Map.entry("READY", "Ready to ship"),
            Map.entry("IN_TRANSIT", "In transit"), Map.entry("AT_PORT", "At the port"),
            Map.entry("HELD", "Held by customs"), Map.entry("CLEARED", "Cleared customs"),
            Map.entry("DELIVERED", "Delivered to the site"), Map.entry("RECEIVED", "Received"),
            Map.entry("LOST", "Lost"), Map.entry("SEIZED", "Seized"), Map.entry("RE_EXPORTED", "Sent back (re-exported)"));

    private static final Map<String, String> HOLD = Map.of(
            "CBP_NON_INTRUSIVE", "CBP scan (non-intrusive)", "CBP_TAILGATE", "CBP tailgate exam",
            "CBP_INTENSIVE", "CBP intensive exam", "OTHER_AGENCY", "Held for another agency (e.g. FCC)",
            "UFLPA_DETENTION", "Forced-labour (UFLPA) detention", "TARIFF_REVIEW", "Tariff review",
            "ENTITY_LIST_REVIEW", "Entity-list or licence review", "MANIFEST", "Manifest hold");

    private static final Map<String, String> STANDING = Map.of(
            "WITHIN_RELEASE_WINDOW", "within the 5-day release window", "PAST_RELEASE_CLOCK", "past the release clock",
            "PAST_NOTICE_CLOCK", "past the notice clock, no notice", "DEEMED_EXCLUDED", "deemed excluded (30 days)",
            "NO_CLOCK", "no CBP clock (another agency)", "CLOSED", "decided");

    private static final Map<String, String> OUTCOME = Map.of("RELEASED", "released", "EXCLUDED", "excluded",
            "RE_EXPORTED", "re-exported", "SEIZED", "seized", "ABANDONED", "abandoned");

    private static final Map<String, String> VENDOR = Map.of("BITMAIN", "Bitmain", "MICROBT", "MicroBT",
            "CANAAN", "Canaan", "OTHER", "Other");

    private Words() {
    }

    static String shipmentState(String s) {
        return s == null ? null : SHIPMENT.getOrDefault(s, s);
    }

    static String holdKind(String s) {
        return s == null ? null : HOLD.getOrDefault(s, s);
    }

    static String standing(String s) {
        return s == null ? null : STANDING.getOrDefault(s, s);
    }

    static String outcome(String s) {
        return s == null ? null : OUTCOME.getOrDefault(s, s);
    }

    static String vendor(String s) {
        return s == null ? null : VENDOR.getOrDefault(s, s);
    }
}
