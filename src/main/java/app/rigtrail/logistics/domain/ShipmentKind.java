package app.rigtrail.logistics.domain;

public enum ShipmentKind {
    OUTBOUND_TO_HUB, INBOUND_RETURN, SPARES_PURCHASE, NEW_MACHINES;

    /** Whether the shipment ends at the site (else at a hub). */
    public boolean toSite() {
        return this != OUTBOUND_TO_HUB;
    }

    /** The kind in the users' words. */
    public String label() {
        return switch (this) {
            case OUTBOUND_TO_HUB -> "Parts to a repair hub";
            case INBOUND_RETURN -> "Parts back from a hub";
            case SPARES_PURCHASE -> "Spare parts purchase";
            case NEW_MACHINES -> "New machines";
        };
    }
}
