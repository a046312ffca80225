package app.rigtrail.growth.domain;

/** The movements of a machine order's ledger: each moves units from one bucket to another. */
public enum MovementKind {
    /** The order is placed: its units are on order. */
    ORDERED(null, Bucket.ON_ORDER, "ordered"),
    /** Units put on a delivery (the vendor's shipping notice). */
    SHIPPED(Bucket.ON_ORDER, Bucket.ON_DELIVERY, "put on a delivery"),
    /** Units of a delivery received into the fleet registry. */
    RECEIVED(Bucket.ON_DELIVERY, Bucket.AWAITING_COMMISSIONING, "received"),
    /** Received units installed at a rack position, hashing. */
    COMMISSIONED(Bucket.AWAITING_COMMISSIONING, Bucket.COMMISSIONED, "commissioned"),
    /** Units not yet shipped that are no longer wanted. */
    CANCELLED(Bucket.ON_ORDER, Bucket.CANCELLED, "cancelled"),
    /** Units of a delivery lost, seized, or excluded and sent back. */
    LOST(Bucket.ON_DELIVERY, Bucket.LOST, "lost");

    private final Bucket from;
    private final Bucket to;
    private final String label;

    MovementKind(Bucket from, Bucket to, String label) {
        this.from = from;
        this.to = to;
        this.label = label;
    }

    /** The bucket the units leave (null when the order is placed). */
    public Bucket from() {
        return from;
    }

    public Bucket to() {
        return to;
    }

    public String label() {
        return label;
    }
}
