package app.rigtrail.growth.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a machine order, which follows from its ledger ({@link #of}); the table of allowed
 * moves says which changes the ledger may make. Complete, cancelled and lost are final.
 */
public enum MachineOrderState {
    /** Ordered; nothing has shipped yet. */
    PLACED("Placed"),
    /** Some units have shipped; others are still on order or on the way. */
    IN_DELIVERY("Being delivered"),
    /** Everything has arrived; some machines still wait to be commissioned. */
    DELIVERED("Delivered, commissioning"),
    /** Every unit is commissioned, cancelled or lost, and at least one is hashing. */
    COMPLETE("Complete"),
    /** Nothing was ever received, and some units were cancelled (the others lost). */
    CANCELLED("Cancelled"),
    /** Nothing was ever received: every unit shipped was lost, seized or sent back. */
    LOST("Lost, nothing received");

    private final String label;

    MachineOrderState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Set<MachineOrderState> allowedNext() {
        return switch (this) {
            case PLACED -> EnumSet.of(IN_DELIVERY, CANCELLED);
            case IN_DELIVERY -> EnumSet.of(DELIVERED, COMPLETE, CANCELLED, LOST);
            case DELIVERED -> EnumSet.of(COMPLETE);
            case COMPLETE, CANCELLED, LOST -> EnumSet.noneOf(MachineOrderState.class);
        };
    }

    public boolean canMoveTo(MachineOrderState next) {
        return allowedNext().contains(next);
    }

    /** Still expecting machines: on order or on the way. */
    public boolean open() {
        return this == PLACED || this == IN_DELIVERY;
    }

    /** The states that still expect machines, by name (for queries). */
    public static Set<MachineOrderState> openStates() {
        return EnumSet.of(PLACED, IN_DELIVERY);
    }

    /** The state a ledger's balances put an order in. */
    public static MachineOrderState of(OrderLedger l) {
        if (l.leftToDeliver() > 0) {
            return l.shipped() == 0 ? PLACED : IN_DELIVERY;
        }
        if (l.awaitingCommissioning() > 0) {
            return DELIVERED;
        }
        if (l.commissioned() > 0) {
            return COMPLETE;
        }
        return l.cancelled() > 0 ? CANCELLED : LOST;
    }
}
