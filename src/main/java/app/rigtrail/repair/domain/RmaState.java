package app.rigtrail.repair.domain;

import java.util.EnumSet;
import java.util.Set;

/** The states of an RMA case. A re-failure within 30 days of the return reopens the same case. */
public enum RmaState {
    OPENED, SHIPPED, AT_HUB, REPAIRED, REPLACED, REJECTED, SCRAPPED, RETURNED, RECEIVED, CLOSED;

    public Set<RmaState> allowedNext() {
        return switch (this) {
            case OPENED -> EnumSet.of(SHIPPED, CLOSED);
            case SHIPPED -> EnumSet.of(AT_HUB);
            case AT_HUB -> EnumSet.of(REPAIRED, REPLACED, REJECTED, SCRAPPED);
            case REPAIRED, REPLACED -> EnumSet.of(RETURNED);
            case REJECTED -> EnumSet.of(RETURNED, CLOSED);
            case SCRAPPED -> EnumSet.of(CLOSED);
            case RETURNED -> EnumSet.of(RECEIVED);
            case RECEIVED -> EnumSet.of(CLOSED, OPENED);
            case CLOSED -> EnumSet.of(OPENED);
        };
    }

    /**
     * Where a case on a shipment goes when the shipment moves (#13 item 2): out to a hub it is shipped,
     * then at the hub; back from one it is returned, then received. Null when it stays.
     */
    public RmaState onShipmentMove(app.rigtrail.logistics.domain.ShipmentKind kind,
            app.rigtrail.logistics.domain.ShipmentState to) {
        if (kind == app.rigtrail.logistics.domain.ShipmentKind.OUTBOUND_TO_HUB) {
            if (to == app.rigtrail.logistics.domain.ShipmentState.IN_TRANSIT && this == OPENED) {
                return SHIPPED;
            }
            if (to == app.rigtrail.logistics.domain.ShipmentState.DELIVERED && this == SHIPPED) {
                return AT_HUB;
            }
        } else if (kind == app.rigtrail.logistics.domain.ShipmentKind.INBOUND_RETURN) {
            if (to == app.rigtrail.logistics.domain.ShipmentState.IN_TRANSIT
                    && (this == REPAIRED || this == REPLACED || this == REJECTED)) {
                return RETURNED;
            }
            if (to == app.rigtrail.logistics.domain.ShipmentState.RECEIVED && this == RETURNED) {
                return RECEIVED;
            }
        }
        return null;
    }

    /** The state in the users' words. */
    public String label() {
        return switch (this) {
            case OPENED -> "Open, not shipped";
            case SHIPPED -> "Shipped to the hub";
            case AT_HUB -> "At the hub";
            case REPAIRED -> "Repaired by the hub";
            case REPLACED -> "Replaced by the hub";
            case REJECTED -> "Claim rejected";
            case SCRAPPED -> "Scrapped by the hub";
            case RETURNED -> "On its way back";
            case RECEIVED -> "Received back";
            case CLOSED -> "Closed";
        };
    }

    /** The button that moves a case into this state. */
    public String action() {
        return switch (this) {
            case OPENED -> "Reopen: failed again";
            case SHIPPED -> "Mark shipped";
            case AT_HUB -> "Mark arrived at the hub";
            case REPAIRED -> "Hub repaired it";
            case REPLACED -> "Hub replaced it";
            case REJECTED -> "Hub rejected the claim";
            case SCRAPPED -> "Hub scrapped it";
            case RETURNED -> "Mark sent back";
            case RECEIVED -> "Mark received";
            case CLOSED -> "Close case";
        };
    }

    /** Moves that end a case or give up on it ask first; null when none is needed. */
    public String confirmationFrom(RmaState from) {
        return switch (this) {
            case CLOSED -> from == OPENED
                    ? "Close this case without shipping? The part stays in the RMA cage and no claim is made."
                    : "Close this case? It can be reopened only by a new failure within the repair warranty.";
            case SCRAPPED -> "Record that the hub scrapped the part? It leaves the fleet for good.";
            case REJECTED -> "Record that the hub rejected the claim?";
            case OPENED -> "Reopen the case for a second return under the repair warranty?";
            default -> null;
        };
    }
}
