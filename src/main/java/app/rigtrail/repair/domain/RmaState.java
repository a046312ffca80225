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
}
