package app.rigtrail.availability.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class BacklogStageTest {

    @Test
    void ticketsAloneGiveTheSiteStages() {
        assertEquals(Optional.of(BacklogStage.AWAITING_DIAGNOSIS), BacklogStage.of("OPEN", null, null, false));
        assertEquals(Optional.of(BacklogStage.AWAITING_DIAGNOSIS), BacklogStage.of("DIAGNOSING", null, null, false));
        assertEquals(Optional.of(BacklogStage.AWAITING_SPARE), BacklogStage.of("AWAITING_PART", null, null, false));
        assertEquals(Optional.of(BacklogStage.BENCH_REPAIR), BacklogStage.of("IN_BENCH_REPAIR", null, null, false));
        assertEquals(Optional.of(BacklogStage.AWAITING_RMA_SHIPMENT),
                BacklogStage.of("AWAITING_RMA_SHIPMENT", null, null, false));
        assertTrue(BacklogStage.of("RESOLVED", null, null, false).isEmpty());
        assertTrue(BacklogStage.of("CANCELLED", null, null, false).isEmpty());
    }

    @Test
    void theRmaCaseAndItsShipmentGiveTheStagesAwayFromTheSite() {
        assertEquals(Optional.of(BacklogStage.AWAITING_RMA_SHIPMENT), BacklogStage.of("RESOLVED", "OPENED", null, false));
        assertEquals(Optional.of(BacklogStage.IN_TRANSIT), BacklogStage.of("RESOLVED", "SHIPPED", "IN_TRANSIT", false));
        assertEquals(Optional.of(BacklogStage.CUSTOMS_HOLD), BacklogStage.of("RESOLVED", "SHIPPED", "HELD", false));
        assertEquals(Optional.of(BacklogStage.HUB_QUEUE), BacklogStage.of("RESOLVED", "AT_HUB", null, false));
        assertEquals(Optional.of(BacklogStage.HUB_REPAIR), BacklogStage.of("RESOLVED", "AT_HUB", null, true));
        assertEquals(Optional.of(BacklogStage.RETURNING), BacklogStage.of(null, "RETURNED", "IN_TRANSIT", false));
        assertEquals(Optional.of(BacklogStage.CUSTOMS_HOLD), BacklogStage.of(null, "REPAIRED", "HELD", false));
        assertTrue(BacklogStage.of(null, "RECEIVED", "RECEIVED", false).isEmpty());
        assertTrue(BacklogStage.of("RESOLVED", "SCRAPPED", null, false).isEmpty());
    }

    @Test
    void aPartsPlaceInItsHubsLineIsItsArrivalOrderAtThatHubUnknownArrivalsLast() {
        java.util.Map<Long, Integer> ranks = BacklogStage.hubRanks(java.util.List.of(
                new BacklogStage.HubArrival(1L, 300L, 10), new BacklogStage.HubArrival(1L, 100L, 11),
                new BacklogStage.HubArrival(1L, null, 12), new BacklogStage.HubArrival(1L, 100L, 9),
                new BacklogStage.HubArrival(2L, 500L, 13), new BacklogStage.HubArrival(null, 1L, 14)));
        // hub 1: case 9 and 11 arrived together (case order), then 10, then 12 whose arrival is unknown
        assertEquals(java.util.Map.of(9L, 1, 11L, 2, 10L, 3, 12L, 4, 13L, 1, 14L, 1), ranks);
        // a hub of capacity 1 a week with a 14-day turnaround repairs 2 at once: the first two of its line
        assertTrue(BacklogStage.inRepair(ranks.get(11L), 1, 14));
        assertTrue(!BacklogStage.inRepair(ranks.get(10L), 1, 14));
    }

    @Test
    void aHubAtCapacityHoldsCapacityTimesTurnaroundInRepair() {
        // 70 a week for 14 days: 140 in repair, the rest wait
        assertEquals(140, BacklogStage.hubSplit(300, 70, 14));
        assertEquals(90, BacklogStage.hubSplit(90, 70, 14));
        assertEquals(0, BacklogStage.hubSplit(12, 0, 30));
    }

    @Test
    void agesGiveTheirMedianAndP90() {
        assertArrayEquals(new double[] {5, 9}, BacklogStage.medianAndP90(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5}));
        assertArrayEquals(new double[] {4, 4}, BacklogStage.medianAndP90(new double[] {4}));
        assertTrue(Double.isNaN(BacklogStage.medianAndP90(new double[0])[0]));
    }
}
