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

    /**
     * Open while it has somewhere to go: until it is resolved or cancelled. The database has the same rule
     * once, {@code repair_ticket_is_open} (V23, for its views, index predicates and native queries);
     * OpenTicketStatesTest holds the two together.
     */
    public boolean isOpen() {
        return !allowedNext().isEmpty();
    }

    /** The states a ticket ends in (not {@link #isOpen()}). */
    public static Set<TicketState> closed() {
        Set<TicketState> closed = EnumSet.noneOf(TicketState.class);
        for (TicketState s : values()) {
            if (!s.isOpen()) {
                closed.add(s);
            }
        }
        return closed;
    }

    /** Words for the button that moves a ticket into this state. */
    public String action() {
        return switch (this) {
            case OPEN -> "Open";
            case DIAGNOSING -> "Start diagnosis";
            case AWAITING_PART -> "Wait for a spare";
            case IN_BENCH_REPAIR -> "Repair on the bench";
            case AWAITING_RMA_SHIPMENT -> "Send to a hub under RMA";
            case RESOLVED -> "Resolve";
            case CANCELLED -> "Cancel ticket";
        };
    }

    /** The state in the users' words. */
    public String label() {
        return switch (this) {
            case OPEN -> "Open";
            case DIAGNOSING -> "Diagnosing";
            case AWAITING_PART -> "Waiting for a spare";
            case IN_BENCH_REPAIR -> "On the bench";
            case AWAITING_RMA_SHIPMENT -> "Waiting for the RMA shipment";
            case RESOLVED -> "Resolved";
            case CANCELLED -> "Cancelled";
        };
    }

    /** The button that moves a ticket from {@code from} into this state. */
    public String actionFrom(TicketState from) {
        return from == AWAITING_PART && this == DIAGNOSING ? "Back to diagnosing" : action();
    }

    /** Whether moving from this state to {@code next} undoes work or ends the ticket without a repair. */
    public boolean needsConfirmation(TicketState next) {
        return next == CANCELLED || (this == AWAITING_PART && next == DIAGNOSING);
    }

    /** What the user is told before a move that needs confirmation. */
    public String confirmation(TicketState next) {
        if (next == CANCELLED) {
            return "Cancel this ticket? The miner goes back to its status before the ticket, and the ticket cannot be"
                    + " reopened.";
        }
        if (this == AWAITING_PART && next == DIAGNOSING) {
            return "Go back to diagnosing? The ticket stops waiting for a spare, and any spare reserved for it is"
                    + " released.";
        }
        return "";
    }
}
