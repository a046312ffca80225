package app.rigtrail.repair.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.domain.Vendor;

class RmaPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final RmaPolicy.Claim EMPTY = new RmaPolicy.Claim(null, null, null, null, null);

    @Test
    void eachVendorAsksForItsOwnFields() {
        assertEquals(List.of("rmaNumber", "claimReason"), List.copyOf(RmaPolicy.missingClaimFields(Vendor.BITMAIN, EMPTY).keySet()));
        assertEquals(List.of("rmaNumber", "faultCode"), List.copyOf(RmaPolicy.missingClaimFields(Vendor.MICROBT, EMPTY).keySet()));
        assertEquals(List.of("vendorTicketId", "faultDescription"),
                List.copyOf(RmaPolicy.missingClaimFields(Vendor.CANAAN, EMPTY).keySet()));
        assertTrue(RmaPolicy.missingClaimFields(Vendor.OTHER, EMPTY).isEmpty());
        assertTrue(RmaPolicy.missingClaimFields(Vendor.BITMAIN,
                new RmaPolicy.Claim("BM-1", "no chips detected", null, null, null)).isEmpty());
        assertEquals(Map.of("faultCode", "MicroBT needs the fault code"), RmaPolicy.missingClaimFields(Vendor.MICROBT,
                new RmaPolicy.Claim("MB-1", "ignored", " ", null, null)));
    }

    @Test
    void deadOnArrivalIsThirtyDaysFromDispatchInclusive() {
        LocalDate dispatched = LocalDate.of(2026, 10, 23);
        assertTrue(RmaPolicy.deadOnArrival(dispatched, NOW), "day 30");
        assertFalse(RmaPolicy.deadOnArrival(dispatched.minusDays(1), NOW), "day 31");
        assertFalse(RmaPolicy.deadOnArrival(null, NOW));
        assertFalse(RmaPolicy.deadOnArrival(LocalDate.of(2026, 11, 23), NOW), "dispatched in the future");
    }

    @Test
    void warrantyFromTheMachineOrFromARecentRepair() {
        assertTrue(RmaPolicy.inWarranty(LocalDate.of(2026, 11, 22), null, NOW));
        assertFalse(RmaPolicy.inWarranty(LocalDate.of(2026, 11, 21), null, NOW));
        Instant returned = NOW.minus(Duration.ofDays(29));
        assertTrue(RmaPolicy.inWarranty(LocalDate.of(2020, 1, 1),
                new RmaPolicy.RepairWarranty(returned, returned.plus(Duration.ofDays(30)), true), NOW));
        assertFalse(RmaPolicy.inWarranty(LocalDate.of(2020, 1, 1),
                new RmaPolicy.RepairWarranty(returned, returned.plus(Duration.ofDays(30)), false), NOW));
    }

    @Test
    void aSecondReturnOnlyInsideTheRepairWarranty() {
        // the window itself is SQL's (RepairWarrantySqlTest); the policy says what follows from it
        Instant returned = NOW.minus(Duration.ofDays(31));
        Instant ends = returned.plus(Duration.ofDays(30));
        assertTrue(RmaPolicy.refusalToReopen(new RmaPolicy.RepairWarranty(returned, ends, true)).isEmpty());
        assertEquals(java.util.Optional.of("the 30-day repair warranty ended " + ends + "; open a new case"),
                RmaPolicy.refusalToReopen(new RmaPolicy.RepairWarranty(returned, ends, false)));
        assertTrue(RmaPolicy.refusalToReopen(null).isPresent());
    }

    @Test
    void timeInEachStateAddsUpRepeatedVisits() {
        Instant t0 = NOW.minus(Duration.ofDays(10));
        var spent = RmaPolicy.timeInStates(RmaState.class,
                List.of(t0, t0.plus(Duration.ofDays(2)), t0.plus(Duration.ofDays(5)), t0.plus(Duration.ofDays(6))),
                List.of(RmaState.OPENED, RmaState.SHIPPED, RmaState.OPENED, RmaState.SHIPPED), NOW);
        assertEquals(Duration.ofDays(3), spent.get(RmaState.OPENED));
        assertEquals(Duration.ofDays(7), spent.get(RmaState.SHIPPED));
    }
}
