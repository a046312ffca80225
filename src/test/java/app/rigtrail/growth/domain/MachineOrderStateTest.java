package app.rigtrail.growth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class MachineOrderStateTest {

    @Test
    void finalStatesHaveNoWayOut() {
        for (MachineOrderState s : EnumSet.of(MachineOrderState.COMPLETE, MachineOrderState.CANCELLED,
                MachineOrderState.LOST)) {
            assertTrue(s.allowedNext().isEmpty(), s.toString());
            assertFalse(s.open());
        }
    }

    @Test
    void noStateGoesBackToPlacedOrToItself() {
        for (MachineOrderState s : MachineOrderState.values()) {
            assertFalse(s.canMoveTo(MachineOrderState.PLACED), s.toString());
            assertFalse(s.canMoveTo(s), s.toString());
        }
        assertEquals(EnumSet.of(MachineOrderState.PLACED, MachineOrderState.IN_DELIVERY), MachineOrderState.openStates());
    }

    @Test
    void labelsAreWordsNotEnumNames() {
        for (MachineOrderState s : MachineOrderState.values()) {
            assertNotEquals(s.name(), s.label());
            assertFalse(s.label().contains("_"));
        }
        for (Bucket b : Bucket.values()) {
            assertFalse(b.label().contains("_"), b.toString());
        }
    }
}
