package app.rigtrail.growth.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The balances of a machine order's ledger: how many of its units are in each bucket. They always add
 * up to the quantity ordered, and a movement can only take units a bucket holds. The order row keeps
 * these balances; replaying the order's movements from nothing must give the same ones.
 */
public record OrderLedger(int quantity, int onOrder, int onDelivery, int awaitingCommissioning, int commissioned,
        int cancelled, int lost) {

    public OrderLedger {
        if (quantity < 1 || onOrder < 0 || onDelivery < 0 || awaitingCommissioning < 0 || commissioned < 0
                || cancelled < 0 || lost < 0
                || onOrder + onDelivery + awaitingCommissioning + commissioned + cancelled + lost != quantity) {
            throw new IllegalArgumentException("inconsistent ledger: " + quantity + " ordered, " + onOrder + "/"
                    + onDelivery + "/" + awaitingCommissioning + "/" + commissioned + "/" + cancelled + "/" + lost);
        }
    }

    /** A movement as the ledger records it. */
    public record Movement(MovementKind kind, int quantity) {
    }

    /** A new order: all its units on order. */
    public static OrderLedger placed(int quantity) {
        if (quantity < 1) {
            throw new LedgerRefusal("quantity", "an order is for at least one machine");
        }
        return new OrderLedger(quantity, quantity, 0, 0, 0, 0, 0);
    }

    /** The balances that a list of movements (the first one ORDERED) gives. */
    public static OrderLedger replay(List<Movement> movements) {
        if (movements.isEmpty() || movements.get(0).kind() != MovementKind.ORDERED) {
            throw new IllegalArgumentException("a ledger starts with the order");
        }
        OrderLedger l = placed(movements.get(0).quantity());
        for (Movement m : movements.subList(1, movements.size())) {
            l = l.apply(m.kind(), m.quantity());
        }
        return l;
    }

    /** The balances after moving {@code n} units; refused when the bucket they leave holds fewer. */
    public OrderLedger apply(MovementKind kind, int n) {
        if (kind == MovementKind.ORDERED) {
            throw new LedgerRefusal("quantity", "an order is placed once");
        }
        if (n < 1) {
            throw new LedgerRefusal("quantity", "must be at least 1");
        }
        int available = count(kind.from());
        if (n > available) {
            throw new LedgerRefusal("quantity", "only " + available + " " + (available == 1 ? "unit is " : "units are ")
                    + kind.from().label() + "; cannot have " + n + " " + kind.label());
        }
        Map<Bucket, Integer> c = counts();
        c.merge(kind.from(), -n, Integer::sum);
        c.merge(kind.to(), n, Integer::sum);
        return new OrderLedger(quantity, c.get(Bucket.ON_ORDER), c.get(Bucket.ON_DELIVERY),
                c.get(Bucket.AWAITING_COMMISSIONING), c.get(Bucket.COMMISSIONED), c.get(Bucket.CANCELLED),
                c.get(Bucket.LOST));
    }

    public int count(Bucket b) {
        return switch (b) {
            case ON_ORDER -> onOrder;
            case ON_DELIVERY -> onDelivery;
            case AWAITING_COMMISSIONING -> awaitingCommissioning;
            case COMMISSIONED -> commissioned;
            case CANCELLED -> cancelled;
            case LOST -> lost;
        };
    }

    public Map<Bucket, Integer> counts() {
        Map<Bucket, Integer> c = new EnumMap<>(Bucket.class);
        for (Bucket b : Bucket.values()) {
            c.put(b, count(b));
        }
        return c;
    }

    /** Units still to come: not yet shipped, or on a delivery not yet received. */
    public int leftToDeliver() {
        return onOrder + onDelivery;
    }

    /** Units that were put on a delivery at some point. */
    public int shipped() {
        return onDelivery + awaitingCommissioning + commissioned + lost;
    }

    /** Units received into the registry (commissioned or not). */
    public int received() {
        return awaitingCommissioning + commissioned;
    }

    /** Units the order still stands for (all but the cancelled ones). */
    public int active() {
        return quantity - cancelled;
    }

    /** The state these balances put the order in (see {@link MachineOrderState#of}). */
    public MachineOrderState state() {
        return MachineOrderState.of(this);
    }
}
