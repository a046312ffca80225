package app.rigtrail.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class MinerStatusTest {

    @Test
    void retiredIsFinal() {
        assertTrue(MinerStatus.RETIRED.allowedNext().isEmpty());
        for (MinerStatus s : MinerStatus.values()) {
            assertFalse(MinerStatus.RETIRED.canMoveTo(s));
        }
    }

    @Test
    void everyLiveStatusCanReachEveryOtherButNotItself() {
        for (MinerStatus from : EnumSet.complementOf(EnumSet.of(MinerStatus.RETIRED))) {
            assertFalse(from.canMoveTo(from), from + " to itself");
            assertEquals(MinerStatus.values().length - 1, from.allowedNext().size(), from.toString());
        }
    }

    @Test
    void degradedUnitsStillHash() {
        assertTrue(MinerStatus.DEGRADED.hashing());
        assertFalse(MinerStatus.DOWN.hashing());
        assertFalse(MinerStatus.IN_REPAIR.hashing());
    }
}
