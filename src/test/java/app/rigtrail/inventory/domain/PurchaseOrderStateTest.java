package app.rigtrail.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import app.rigtrail.logistics.domain.ShipmentState;

class PurchaseOrderStateTest {

    @Test
    void theTransitionTable() {
        assertEquals(EnumSet.of(PurchaseOrderState.IN_TRANSIT, PurchaseOrderState.RECEIVED, PurchaseOrderState.CANCELLED),
                PurchaseOrderState.OPEN.allowedNext());
        assertEquals(EnumSet.of(PurchaseOrderState.RECEIVED), PurchaseOrderState.IN_TRANSIT.allowedNext());
        assertTrue(PurchaseOrderState.RECEIVED.allowedNext().isEmpty(), "received is final");
        assertTrue(PurchaseOrderState.CANCELLED.allowedNext().isEmpty(), "cancelled is final");
        assertFalse(PurchaseOrderState.IN_TRANSIT.canMoveTo(PurchaseOrderState.OPEN), "never back on order");
        assertTrue(PurchaseOrderState.OPEN.pending() && PurchaseOrderState.IN_TRANSIT.pending());
        assertFalse(PurchaseOrderState.RECEIVED.pending() || PurchaseOrderState.CANCELLED.pending());
    }

    @Test
    void anOrderFollowsItsShipment() {
        assertEquals(PurchaseOrderState.IN_TRANSIT, PurchaseOrderState.OPEN.onShipmentMove(ShipmentState.IN_TRANSIT));
        assertEquals(PurchaseOrderState.RECEIVED, PurchaseOrderState.IN_TRANSIT.onShipmentMove(ShipmentState.RECEIVED));
        assertEquals(PurchaseOrderState.RECEIVED, PurchaseOrderState.OPEN.onShipmentMove(ShipmentState.RECEIVED),
                "received without a recorded departure");
        assertNull(PurchaseOrderState.IN_TRANSIT.onShipmentMove(ShipmentState.IN_TRANSIT), "no second departure");
        assertNull(PurchaseOrderState.RECEIVED.onShipmentMove(ShipmentState.RECEIVED), "received once");
        assertNull(PurchaseOrderState.OPEN.onShipmentMove(ShipmentState.HELD), "a hold leaves the order where it is");
        assertNull(PurchaseOrderState.CANCELLED.onShipmentMove(ShipmentState.RECEIVED));
    }
}
