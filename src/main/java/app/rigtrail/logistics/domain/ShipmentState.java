package app.rigtrail.logistics.domain;

import java.util.EnumSet;
import java.util.Set;

/** A shipment's states, with the exceptions lost, seized and re-exported. */
public enum ShipmentState {
    CREATED, READY, IN_TRANSIT, AT_PORT, HELD, CLEARED, DELIVERED, RECEIVED, LOST, SEIZED, RE_EXPORTED;

    public Set<ShipmentState> allowedNext() {
        return switch (this) {
            case CREATED -> EnumSet.of(READY);
            case READY -> EnumSet.of(IN_TRANSIT, CREATED);
            case IN_TRANSIT -> EnumSet.of(AT_PORT, DELIVERED, LOST);
            case AT_PORT -> EnumSet.of(HELD, CLEARED, LOST);
            case HELD -> EnumSet.of(CLEARED, SEIZED, RE_EXPORTED);
            case CLEARED -> EnumSet.of(DELIVERED, LOST);
            case DELIVERED -> EnumSet.of(RECEIVED);
            case RECEIVED, LOST, SEIZED, RE_EXPORTED -> EnumSet.noneOf(ShipmentState.class);
        };
    }

    /** The state in the users' words. */
    public String label() {
        return switch (this) {
            case CREATED -> "Being packed";
            case READY -> "Ready for pick-up";
            case IN_TRANSIT -> "In transit";
            case AT_PORT -> "At the port of entry";
            case HELD -> "Held by customs";
            case CLEARED -> "Cleared customs";
            case DELIVERED -> "Delivered";
            case RECEIVED -> "Received";
            case LOST -> "Lost";
            case SEIZED -> "Seized";
            case RE_EXPORTED -> "Re-exported";
        };
    }

    /** The button that moves a shipment into this state, read from the state it leaves. */
    public String actionFrom(ShipmentState from) {
        return switch (this) {
            case CREATED -> "Reopen for packing";
            case READY -> "Mark ready for pick-up";
            case IN_TRANSIT -> "Mark picked up";
            case AT_PORT -> "Mark arrived at the port";
            case HELD -> "Record customs hold";
            case CLEARED -> from == HELD ? "Record release by customs" : "Mark cleared customs";
            case DELIVERED -> "Mark delivered";
            case RECEIVED -> "Mark received";
            case LOST -> "Report lost";
            case SEIZED -> "Record seizure";
            case RE_EXPORTED -> "Record re-export";
        };
    }

    /** What the user is told before a move that goes backwards or ends the shipment badly; null when none. */
    public String confirmationFrom(ShipmentState from) {
        return switch (this) {
            case CREATED -> "Reopen this shipment for packing? It goes back from ready to being packed.";
            case LOST -> "Report this shipment lost? Its contents are written off as lost and it cannot move again.";
            case SEIZED -> "Record that customs seized this shipment? It cannot move again.";
            case RE_EXPORTED -> "Record that this shipment was re-exported? It cannot move again.";
            default -> null;
        };
    }
}
