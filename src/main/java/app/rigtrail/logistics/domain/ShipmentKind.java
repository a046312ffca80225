package app.rigtrail.logistics.domain;

public enum ShipmentKind {
    OUTBOUND_TO_HUB, INBOUND_RETURN, SPARES_PURCHASE, NEW_MACHINES;

    /** Whether the shipment ends at the site (else at a hub). */
    public boolean toSite() {
        return this != OUTBOUND_TO_HUB;
    }
}
