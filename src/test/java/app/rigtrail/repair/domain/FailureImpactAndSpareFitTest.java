package app.rigtrail.repair.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.fleet.domain.MinerStatus;

class FailureImpactAndSpareFitTest {

    @Test
    void aMachineRunsWithoutFansAndDegradingBoardsOnly() {
        assertEquals(MinerStatus.DEGRADED, FailureImpact.of(true, List.of(ComponentKind.FAN)));
        assertEquals(MinerStatus.DEGRADED, FailureImpact.of(true, List.of(ComponentKind.HASHBOARD, ComponentKind.FAN)));
        assertEquals(MinerStatus.DOWN, FailureImpact.of(false, List.of(ComponentKind.HASHBOARD)));
        assertEquals(MinerStatus.DOWN, FailureImpact.of(true, List.of(ComponentKind.PSU)));
        assertEquals(MinerStatus.DOWN, FailureImpact.of(true, List.of(ComponentKind.FAN, ComponentKind.CONTROL_BOARD)));
    }

    @Test
    void aTicketOnlyMakesAMachineWorse() {
        assertTrue(FailureImpact.worse(MinerStatus.DOWN, MinerStatus.DEGRADED));
        assertTrue(FailureImpact.worse(MinerStatus.DEGRADED, MinerStatus.HASHING));
        assertFalse(FailureImpact.worse(MinerStatus.DEGRADED, MinerStatus.DOWN));
        assertFalse(FailureImpact.worse(MinerStatus.DOWN, MinerStatus.IN_REPAIR));
        assertFalse(FailureImpact.worse(MinerStatus.DOWN, MinerStatus.DOWN));
    }

    @Test
    void aSpareComesFromTheSitesShelfAndFitsTheModel() {
        assertEquals(Optional.empty(), SpareFit.notOnTheShelf("S1", LocationKind.STOCK, 7L, "TX1 store", 7, "TX1"));
        assertEquals(Optional.of("not in TX1's stock"), SpareFit.notOnTheShelf("S1", LocationKind.STOCK, 8L, "ND1 store", 7,
                "TX1"));
        assertEquals(Optional.of("not in TX1's stock"), SpareFit.notOnTheShelf("S1", LocationKind.HUB, 7L, null, 7, "TX1"));
        assertEquals(Optional.of("S1 is at TX1 lab, not on the spares shelf"),
                SpareFit.notOnTheShelf("S1", LocationKind.STOCK, 7L, "TX1 lab", 7, "TX1"));
        assertEquals(Optional.of("fan"), SpareFit.replaces(ComponentKind.FAN, List.of("psu", "fan", "fan2"),
                c -> c.startsWith("fan") ? ComponentKind.FAN : ComponentKind.PSU));
        assertEquals(Optional.empty(), SpareFit.replaces(ComponentKind.HASHBOARD, List.of("psu"), c -> ComponentKind.PSU));
        assertEquals(Optional.empty(), SpareFit.doesNotFit("HB-1", List.of(1L, 2L), 2, "S19"));
        assertEquals(Optional.of("HB-1 does not fit a M50"), SpareFit.doesNotFit("HB-1", List.of(1L, 2L), 3, "M50"));
    }
}
