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
}
