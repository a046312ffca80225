package app.rigtrail.repair.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rules beyond the state table: routes, diagnosis, the spare of a swap. */
class TicketTransitionTest {

    static boolean allowed(TicketState from, TicketState to, RepairRoute route, boolean spare, boolean diagnosis) {
        return new TicketTransition(from, to, route, spare, diagnosis, true).check().isEmpty();
    }

    @Test
    void eachWaitingStateNeedsItsRoute() {
        assertTrue(allowed(TicketState.DIAGNOSING, TicketState.AWAITING_PART, RepairRoute.SWAP, false, true));
        assertFalse(allowed(TicketState.DIAGNOSING, TicketState.AWAITING_PART, RepairRoute.BENCH, false, true));
        assertTrue(allowed(TicketState.DIAGNOSING, TicketState.IN_BENCH_REPAIR, RepairRoute.BENCH, false, true));
        assertFalse(allowed(TicketState.DIAGNOSING, TicketState.IN_BENCH_REPAIR, RepairRoute.RMA, false, true));
        assertTrue(allowed(TicketState.DIAGNOSING, TicketState.AWAITING_RMA_SHIPMENT, RepairRoute.RMA, false, true));
        assertFalse(allowed(TicketState.DIAGNOSING, TicketState.AWAITING_RMA_SHIPMENT, RepairRoute.SWAP, false, true));
        assertTrue(allowed(TicketState.IN_BENCH_REPAIR, TicketState.AWAITING_RMA_SHIPMENT, RepairRoute.RMA, false, true));
    }

    @Test
    void aSwapIsResolvedOnlyWithItsSpare() {
        assertFalse(allowed(TicketState.AWAITING_PART, TicketState.RESOLVED, RepairRoute.SWAP, false, true));
        assertTrue(allowed(TicketState.AWAITING_PART, TicketState.RESOLVED, RepairRoute.SWAP, true, true));
        assertTrue(allowed(TicketState.DIAGNOSING, TicketState.RESOLVED, RepairRoute.SWAP, true, true));
        assertTrue(allowed(TicketState.DIAGNOSING, TicketState.RESOLVED, RepairRoute.SCRAP, false, true));
        assertFalse(allowed(TicketState.DIAGNOSING, TicketState.RESOLVED, null, false, true));
        assertFalse(allowed(TicketState.DIAGNOSING, TicketState.RESOLVED, RepairRoute.RMA, false, true),
                "an RMA goes through AWAITING_RMA_SHIPMENT");
    }

    @Test
    void leavingDiagnosisNeedsADiagnosisButCancellingDoesNot() {
        assertFalse(allowed(TicketState.DIAGNOSING, TicketState.AWAITING_PART, RepairRoute.SWAP, false, false));
        assertTrue(allowed(TicketState.DIAGNOSING, TicketState.CANCELLED, null, false, false));
        assertTrue(allowed(TicketState.OPEN, TicketState.CANCELLED, null, false, false));
    }

    @Test
    void diagnosisStartsOnlyWhileTheFailedPartsAreInTheMiner() {
        assertFalse(new TicketTransition(TicketState.OPEN, TicketState.DIAGNOSING, null, false, false, false)
                .check().isEmpty());
    }
}
