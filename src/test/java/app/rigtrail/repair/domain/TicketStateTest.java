package app.rigtrail.repair.domain;

import static app.rigtrail.repair.domain.TicketState.AWAITING_PART;
import static app.rigtrail.repair.domain.TicketState.AWAITING_RMA_SHIPMENT;
import static app.rigtrail.repair.domain.TicketState.CANCELLED;
import static app.rigtrail.repair.domain.TicketState.DIAGNOSING;
import static app.rigtrail.repair.domain.TicketState.IN_BENCH_REPAIR;
import static app.rigtrail.repair.domain.TicketState.OPEN;
import static app.rigtrail.repair.domain.TicketState.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every pair of states: the legal moves are exactly these, every other one is refused. */
class TicketStateTest {

    static final Map<TicketState, Set<TicketState>> LEGAL = Map.of(
            OPEN, EnumSet.of(DIAGNOSING, CANCELLED),
            DIAGNOSING, EnumSet.of(AWAITING_PART, IN_BENCH_REPAIR, AWAITING_RMA_SHIPMENT, RESOLVED, CANCELLED),
            AWAITING_PART, EnumSet.of(DIAGNOSING, RESOLVED, CANCELLED),
            IN_BENCH_REPAIR, EnumSet.of(AWAITING_RMA_SHIPMENT, RESOLVED),
            AWAITING_RMA_SHIPMENT, EnumSet.of(RESOLVED),
            RESOLVED, EnumSet.noneOf(TicketState.class),
            CANCELLED, EnumSet.noneOf(TicketState.class));

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        int legal = 0;
        for (TicketState from : TicketState.values()) {
            for (TicketState to : TicketState.values()) {
                boolean expected = LEGAL.get(from).contains(to);
                assertEquals(expected, from.allowedNext().contains(to), from + " -> " + to);
                // the policy refuses every illegal pair whatever else is given
                var check = new TicketTransition(from, to, RepairRoute.SWAP, true, true, true).check();
                if (!expected) {
                    assertTrue(check.isPresent(), from + " -> " + to + " must be refused");
                    assertTrue(check.get().reason().contains("cannot be moved to " + to.label().toLowerCase()),
                            check.get().reason());
                } else {
                    legal++;
                }
            }
        }
        assertEquals(13, legal);
    }

    @Test
    void closedTicketsAreFinalAndOpenOnesAreOpen() {
        assertFalse(RESOLVED.isOpen());
        assertFalse(CANCELLED.isOpen());
        for (TicketState s : EnumSet.range(OPEN, AWAITING_RMA_SHIPMENT)) {
            assertTrue(s.isOpen(), s.toString());
        }
    }
}
