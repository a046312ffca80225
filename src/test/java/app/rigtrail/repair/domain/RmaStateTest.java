package app.rigtrail.repair.domain;

import static app.rigtrail.repair.domain.RmaState.AT_HUB;
import static app.rigtrail.repair.domain.RmaState.CLOSED;
import static app.rigtrail.repair.domain.RmaState.OPENED;
import static app.rigtrail.repair.domain.RmaState.RECEIVED;
import static app.rigtrail.repair.domain.RmaState.REJECTED;
import static app.rigtrail.repair.domain.RmaState.REPAIRED;
import static app.rigtrail.repair.domain.RmaState.REPLACED;
import static app.rigtrail.repair.domain.RmaState.RETURNED;
import static app.rigtrail.repair.domain.RmaState.SCRAPPED;
import static app.rigtrail.repair.domain.RmaState.SHIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RmaStateTest {

    static final Map<RmaState, Set<RmaState>> LEGAL = Map.of(
            OPENED, EnumSet.of(SHIPPED, CLOSED),
            SHIPPED, EnumSet.of(AT_HUB),
            AT_HUB, EnumSet.of(REPAIRED, REPLACED, REJECTED, SCRAPPED),
            REPAIRED, EnumSet.of(RETURNED),
            REPLACED, EnumSet.of(RETURNED),
            REJECTED, EnumSet.of(RETURNED, CLOSED),
            SCRAPPED, EnumSet.of(CLOSED),
            RETURNED, EnumSet.of(RECEIVED),
            RECEIVED, EnumSet.of(CLOSED, OPENED),
            CLOSED, EnumSet.of(OPENED));

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        for (RmaState from : RmaState.values()) {
            for (RmaState to : RmaState.values()) {
                assertEquals(LEGAL.get(from).contains(to), from.allowedNext().contains(to), from + " -> " + to);
            }
        }
    }

    @Test
    void aCaseFollowsTheShipmentCarryingIt() {
        var out = app.rigtrail.logistics.domain.ShipmentKind.OUTBOUND_TO_HUB;
        var back = app.rigtrail.logistics.domain.ShipmentKind.INBOUND_RETURN;
        var s = app.rigtrail.logistics.domain.ShipmentState.class;
        int moves = 0;
        for (RmaState at : RmaState.values()) {
            for (var kind : app.rigtrail.logistics.domain.ShipmentKind.values()) {
                for (var to : s.getEnumConstants()) {
                    RmaState next = at.onShipmentMove(kind, to);
                    if (next != null) {
                        moves++;
                        assertEquals(true, at.allowedNext().contains(next), at + " -> " + next + " is a legal move");
                    }
                }
            }
        }
        assertEquals(6, moves, "out: shipped, at the hub; back: returned (from three states), received");
        assertEquals(SHIPPED, OPENED.onShipmentMove(out, app.rigtrail.logistics.domain.ShipmentState.IN_TRANSIT));
        assertEquals(AT_HUB, SHIPPED.onShipmentMove(out, app.rigtrail.logistics.domain.ShipmentState.DELIVERED));
        assertEquals(RETURNED, REJECTED.onShipmentMove(back, app.rigtrail.logistics.domain.ShipmentState.IN_TRANSIT));
        assertEquals(RECEIVED, RETURNED.onShipmentMove(back, app.rigtrail.logistics.domain.ShipmentState.RECEIVED));
        assertEquals(null, OPENED.onShipmentMove(back, app.rigtrail.logistics.domain.ShipmentState.IN_TRANSIT));
    }
}
