package app.rigtrail.repair.domain;

import java.util.EnumSet;
import java.util.Set;

/** The states of a repair ticket and the moves allowed between them. */
public enum TicketState {
    OPEN, DIAGNOSING, AWAITING_PART, IN_BENCH_REPAIR, AWAITING_RMA_SHIPMENT, RESOLVED, CANCELLED;

    public Set<TicketState> allowedNext() {
        return switch (this) {
            case OPEN -> EnumSet.of(DIAGNOSING, CANCELLED);
            case DIAGNOSING -> EnumSet.of(AWAITING_PART, IN_BENCH_REPAIR, AWAITING_RMA_SHIPMENT, RESOLVED, CANCELLED);
            case AWAITING_PART -> EnumSet.of(DIAGNOSING, RESOLVED, CANCELLED);
            case IN_BENCH_REPAIR -> EnumSet.of(AWAITING_RMA_SHIPMENT, RESOLVED);
            case AWAITING_RMA_SHIPMENT -> EnumSet.of(RESOLVED);
            case RESOLVED, CANCELLED -> EnumSet.noneOf(TicketState.class);
        };
    }

    public boolean isOpen() {
        return this != RESOLVED && this != CANCELLED;
    }

    /** Words for the button that moves a ticket into this state. */
    public String action() {
        return switch (this) {
            case OPEN -> "Open";
            case DIAGNOSING -> "Diagnose";
            case AWAITING_PART -> "Wait for a spare";
            case IN_BENCH_REPAIR -> "Bench repair";
            case AWAITING_RMA_SHIPMENT -> "Send under RMA";
            case RESOLVED -> "Resolve";
            case CANCELLED -> "Cancel ticket";
        };
    }
}
