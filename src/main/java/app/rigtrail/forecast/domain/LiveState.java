package app.rigtrail.forecast.domain;

import java.util.List;

/**
 * The repair pipeline on day 0 as the database holds it, in the engine's indexes: every open item of
 * the dashboard's backlog at its stage, the machines down without an open item, and the spares on
 * order. Items are in the dashboard's order (oldest failure first), which is the hubs' queue order.
 *
 * @param downWithoutItem per site and vendor ({@code Fleet.siteVendor}): machines down (DOWN or
 *        IN_REPAIR) with no open ticket or RMA case; they come back after {@code otherDownMeanDays} on
 *        average (exponential), consuming no part
 */
public record LiveState(List<Item> items, int[] downWithoutItem, double otherDownMeanDays, List<Order> orders) {

    /**
     * One open item. {@code cell} is {@code Fleet.cell(site, vendor, kind)}; {@code hub} the index of
     * its hub in the fleet's list, or -1 when it has none yet; {@code route} 0 (vendor hub) or 1 (onshore
     * partner) when known, else -1; {@code ageDays} how long it has been in its stage where that is known
     * (a hold's age, a bench repair's), else NaN (the residual is then drawn from the stage's stationary
     * law); {@code inbound} for a hold, whether on the way back; {@code machineDown} whether the item keeps
     * its machine down (each down machine counts for one item only).
     */
    public record Item(Stage stage, int cell, int hub, int route, double ageDays, boolean inbound,
            boolean machineDown) {
    }

    /** Spares bought and not received: they reach the shelf of {@code cell} on {@code day} (0 = today). */
    public record Order(int cell, int day, int quantity) {
    }

    public LiveState {
        items = List.copyOf(items);
        orders = List.copyOf(orders);
        if (otherDownMeanDays <= 0) {
            throw new IllegalArgumentException("mean days down without an item must be positive");
        }
    }

    /** Items per stage, and (last) the machines down in all: what day 0 of the forecast must show. */
    public int[] stageCounts() {
        int[] n = new int[Stage.values().length];
        for (Item i : items) {
            n[i.stage().ordinal()]++;
        }
        for (Order o : orders) {
            n[Stage.ON_ORDER.ordinal()] += o.quantity();
        }
        return n;
    }

    public long machinesDown() {
        long n = 0;
        for (int d : downWithoutItem) {
            n += d;
        }
        for (Item i : items) {
            n += i.machineDown() ? 1 : 0;
        }
        return n;
    }
}
