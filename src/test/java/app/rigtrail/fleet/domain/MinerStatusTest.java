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
    void everyInstalledStatusCanReachEveryOtherInstalledOneAndRetirementButNotItself() {
        for (MinerStatus from : MinerStatus.INSTALLED) {
            assertFalse(from.canMoveTo(from), from + " to itself");
            assertEquals(MinerStatus.INSTALLED.size(), from.allowedNext().size(), from.toString());
            assertTrue(from.canMoveTo(MinerStatus.RETIRED), from.toString());
            assertFalse(from.canMoveTo(MinerStatus.RECEIVED), from + " cannot be un-installed into RECEIVED");
        }
    }

    @Test
    void aReceivedMachineIsCommissionedHashing() {
        assertEquals(EnumSet.of(MinerStatus.HASHING), MinerStatus.RECEIVED.allowedNext());
        assertFalse(MinerStatus.RECEIVED.installed());
        assertFalse(MinerStatus.RETIRED.installed());
        assertTrue(MinerStatus.HASHING.installed() && MinerStatus.IN_REPAIR.installed());
    }
}
