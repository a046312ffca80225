package app.rigtrail.inventory.domain;

import java.util.EnumSet;
import java.util.Set;

import app.rigtrail.logistics.domain.ShipmentState;

/**
 * The states of a purchase order for spares and the moves between them (#13 item 2). An order is
 * placed OPEN (counted on order); when its shipment leaves the supplier it is IN_TRANSIT (counted in
 * transit); when the shipment is received the lot is on the shelf and the order RECEIVED. RECEIVED and
 * CANCELLED are final.
 */
public enum PurchaseOrderState {
    OPEN, IN_TRANSIT, RECEIVED, CANCELLED;

    /** The transition table. */
    public Set<PurchaseOrderState> allowedNext() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_TRANSIT, RECEIVED, CANCELLED);
            case IN_TRANSIT -> EnumSet.of(RECEIVED);
            case RECEIVED, CANCELLED -> EnumSet.noneOf(PurchaseOrderState.class);
        };
    }

    public boolean canMoveTo(PurchaseOrderState next) {
        return allowedNext().contains(next);
    }

    /** Still to come: on order or in transit. */
    public boolean pending() {
        return this == OPEN || this == IN_TRANSIT;
    }

    /**
     * Where an order goes when the shipment of its lot moves to {@code shipment}: in transit when it leaves,
     * received when it is received; null when the order stays where it is (or may not move there).
     */
    public PurchaseOrderState onShipmentMove(ShipmentState shipment) {
        PurchaseOrderState next = switch (shipment) {
            case IN_TRANSIT -> IN_TRANSIT;
            case RECEIVED -> RECEIVED;
            default -> null;
        };
        return next != null && canMoveTo(next) ? next : null;
    }

    /** The state in the users' words. */
    public String label() {
        return switch (this) {
            case OPEN -> "On order";
            case IN_TRANSIT -> "In transit";
            case RECEIVED -> "Received";
            case CANCELLED -> "Cancelled";
        };
    }
}
