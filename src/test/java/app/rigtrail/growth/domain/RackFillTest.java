package app.rigtrail.growth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.domain.RackPosition;

class RackFillTest {

    static final RackFill.Layout SMALL = new RackFill.Layout(2, 2, 2, 3); // 24 positions

    @Test
    void fillsSlotByslotSkippingTakenOnesAndWrapsIntoTheNextRackRowAndBuilding() {
        Set<RackPosition> taken = Set.of(new RackPosition(1, 1, 1, 2), new RackPosition(1, 1, 2, 1));
        List<RackPosition> got = RackFill.from(SMALL, taken, new RackPosition(1, 1, 1, 1), 5);
        assertEquals(List.of(new RackPosition(1, 1, 1, 1), new RackPosition(1, 1, 1, 3), new RackPosition(1, 1, 2, 2),
                new RackPosition(1, 1, 2, 3), new RackPosition(1, 2, 1, 1)), got);
        List<RackPosition> wrap = RackFill.from(SMALL, Set.of(), new RackPosition(1, 2, 2, 3), 2);
        assertEquals(List.of(new RackPosition(1, 2, 2, 3), new RackPosition(2, 1, 1, 1)), wrap);
    }

    @Test
    void refusesWhenTheSiteRunsOutOrTheStartIsOutside() {
        LedgerRefusal full = assertThrows(LedgerRefusal.class,
                () -> RackFill.from(SMALL, Set.of(), new RackPosition(2, 2, 2, 1), 4));
        assertEquals("startAt", full.field());
        assertTrue(full.getMessage().contains("only 3 free positions"), full.getMessage());
        assertThrows(LedgerRefusal.class, () -> RackFill.from(SMALL, Set.of(), new RackPosition(3, 1, 1, 1), 1));
        assertThrows(LedgerRefusal.class, () -> RackFill.from(SMALL, Set.of(), new RackPosition(1, 1, 1, 4), 1));
    }

    @Test
    void twoHundredMachinesFillTheirRacksInOrderWithoutRepeats() {
        RackFill.Layout site = new RackFill.Layout(1, 10, 20, 12);
        List<RackPosition> got = RackFill.from(site, Set.of(), new RackPosition(1, 3, 1, 1), 200);
        assertEquals(200, Set.copyOf(got).size());
        assertEquals(new RackPosition(1, 3, 1, 1), got.get(0));
        // 12 slots a rack: the 200th machine is in rack 17 (16 full racks = 192), slot 8
        assertEquals(new RackPosition(1, 3, 17, 8), got.get(199));
    }
}
