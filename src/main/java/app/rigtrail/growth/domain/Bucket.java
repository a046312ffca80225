package app.rigtrail.growth.domain;

/**
 * Where the units of a machine order are. Every unit ordered is in exactly one bucket; the order's
 * ledger moves units from one to another (see {@link MovementKind}).
 */
public enum Bucket {
    /** Ordered, not yet on any delivery. */
    ON_ORDER("on order"),
    /** On a delivery that has not been received: at the factory, in transit, at the port or in customs. */
    ON_DELIVERY("on the way"),
    /** Received into the fleet registry, not yet installed at a rack position. */
    AWAITING_COMMISSIONING("awaiting commissioning"),
    /** Installed at a rack position and hashing. */
    COMMISSIONED("commissioned"),
    /** No longer wanted: cancelled before it shipped. */
    CANCELLED("cancelled"),
    /** Lost in transit, seized, or excluded and sent back. */
    LOST("lost or seized");

    private final String label;

    Bucket(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
