package app.rigtrail.growth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import app.rigtrail.growth.domain.OrderLedger.Movement;

class OrderLedgerTest {

    @Test
    void aPartialDeliveryAndACancellationKeepEveryUnitInOneBucket() {
        // 200 ordered; 120 shipped and received, 100 of them commissioned; 50 cancelled; 30 still on order
        OrderLedger l = OrderLedger.placed(200)
                .apply(MovementKind.SHIPPED, 120)
                .apply(MovementKind.RECEIVED, 120)
                .apply(MovementKind.COMMISSIONED, 100)
                .apply(MovementKind.CANCELLED, 50);
        assertEquals(new OrderLedger(200, 30, 0, 20, 100, 50, 0), l);
        assertEquals(30, l.leftToDeliver());
        assertEquals(120, l.shipped());
        assertEquals(150, l.active());
        assertEquals(MachineOrderState.IN_DELIVERY, l.state());
        // the rest is cancelled: nothing to come, 20 to commission
        OrderLedger rest = l.apply(MovementKind.CANCELLED, 30);
        assertEquals(MachineOrderState.DELIVERED, rest.state());
        assertEquals(MachineOrderState.COMPLETE, rest.apply(MovementKind.COMMISSIONED, 20).state());
    }

    @Test
    void aMovementCannotTakeMoreThanItsBucketHolds() {
        OrderLedger l = OrderLedger.placed(200).apply(MovementKind.SHIPPED, 150);
        LedgerRefusal r = assertThrows(LedgerRefusal.class, () -> l.apply(MovementKind.CANCELLED, 51));
        assertEquals("quantity", r.field());
        assertTrue(r.getMessage().contains("only 50 units are on order"), r.getMessage());
        assertThrows(LedgerRefusal.class, () -> l.apply(MovementKind.COMMISSIONED, 1), "nothing received yet");
        assertThrows(LedgerRefusal.class, () -> l.apply(MovementKind.SHIPPED, 0));
        assertThrows(LedgerRefusal.class, () -> l.apply(MovementKind.ORDERED, 5));
        assertThrows(LedgerRefusal.class, () -> OrderLedger.placed(0));
        assertThrows(IllegalArgumentException.class, () -> new OrderLedger(10, 5, 0, 0, 0, 0, 4), "9 of 10 accounted");
    }

    @Test
    void statesFollowTheBalances() {
        assertEquals(MachineOrderState.PLACED, OrderLedger.placed(10).state());
        assertEquals(MachineOrderState.PLACED, OrderLedger.placed(10).apply(MovementKind.CANCELLED, 4).state());
        assertEquals(MachineOrderState.CANCELLED, OrderLedger.placed(10).apply(MovementKind.CANCELLED, 10).state());
        OrderLedger seized = OrderLedger.placed(10).apply(MovementKind.SHIPPED, 10).apply(MovementKind.LOST, 10);
        assertEquals(MachineOrderState.LOST, seized.state());
        OrderLedger partlySeized = OrderLedger.placed(10).apply(MovementKind.SHIPPED, 6).apply(MovementKind.LOST, 6);
        assertEquals(MachineOrderState.IN_DELIVERY, partlySeized.state(), "4 still on order");
        assertEquals(MachineOrderState.CANCELLED, partlySeized.apply(MovementKind.CANCELLED, 4).state());
    }

    /**
     * Random sequences of allowed movements: the balances always add up, every change of state the
     * ledger makes is in the transition table, final states stay final, and replaying the movements
     * from the order gives the same balances.
     */
    @Test
    void randomHistoriesStayConsistentAndFollowTheTransitionTable() {
        SplittableRandom r = new SplittableRandom(15);
        MovementKind[] moves = {MovementKind.SHIPPED, MovementKind.RECEIVED, MovementKind.COMMISSIONED,
                MovementKind.CANCELLED, MovementKind.LOST};
        int stateChanges = 0;
        for (int run = 0; run < 2_000; run++) {
            int quantity = 1 + r.nextInt(300);
            OrderLedger l = OrderLedger.placed(quantity);
            List<Movement> history = new ArrayList<>(List.of(new Movement(MovementKind.ORDERED, quantity)));
            for (int step = 0; step < 40; step++) {
                MovementKind kind = moves[r.nextInt(moves.length)];
                int available = l.count(kind.from());
                if (available == 0) {
                    OrderLedger current = l;
                    assertThrows(LedgerRefusal.class, () -> current.apply(kind, 1));
                    continue;
                }
                int n = 1 + r.nextInt(available);
                OrderLedger next = l.apply(kind, n);
                if (next.state() != l.state()) {
                    assertTrue(l.state().canMoveTo(next.state()), l.state() + " -> " + next.state() + " by " + kind);
                    stateChanges++;
                }
                assertEquals(quantity, next.counts().values().stream().mapToInt(Integer::intValue).sum());
                history.add(new Movement(kind, n));
                l = next;
            }
            assertEquals(l, OrderLedger.replay(history));
        }
        assertTrue(stateChanges > 2_000, "the runs changed state " + stateChanges + " times");
    }
}
