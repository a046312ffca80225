package app.rigtrail.availability.domain;

import java.util.Optional;

/**
 * Where a unit that is down (or its failed part) waits in the repair pipeline, read from the states
 * of its ticket, its RMA case and the shipment carrying it (#6).
 */
public enum BacklogStage {
    AWAITING_DIAGNOSIS, AWAITING_SPARE, BENCH_REPAIR, AWAITING_RMA_SHIPMENT, IN_TRANSIT, CUSTOMS_HOLD, HUB_QUEUE,
    HUB_REPAIR, RETURNING;

    /**
     * The stage of an open item; empty when it is no longer in the backlog. {@code rmaState} and
     * {@code shipmentState} may be null (no case, or not on a shipment). A part at a hub is in repair
     * or in the queue according to {@code atHubInRepair} (see {@link #hubSplit}).
     */
    public static Optional<BacklogStage> of(String ticketState, String rmaState, String shipmentState,
            boolean atHubInRepair) {
        if (rmaState != null) {
            switch (rmaState) {
                case "OPENED":
                    return Optional.of(AWAITING_RMA_SHIPMENT);
                case "SHIPPED":
                    return Optional.of("HELD".equals(shipmentState) ? CUSTOMS_HOLD : IN_TRANSIT);
                case "AT_HUB":
                    return Optional.of(atHubInRepair ? HUB_REPAIR : HUB_QUEUE);
                case "REPAIRED", "REPLACED", "RETURNED":
                    return Optional.of("HELD".equals(shipmentState) ? CUSTOMS_HOLD : RETURNING);
                default:
                    break; // rejected, scrapped, received, closed: the ticket tells
            }
        }
        if (ticketState == null) {
            return Optional.empty();
        }
        return switch (ticketState) {
            case "OPEN", "DIAGNOSING" -> Optional.of(AWAITING_DIAGNOSIS);
            case "AWAITING_PART" -> Optional.of(AWAITING_SPARE);
            case "IN_BENCH_REPAIR" -> Optional.of(BENCH_REPAIR);
            case "AWAITING_RMA_SHIPMENT" -> Optional.of(AWAITING_RMA_SHIPMENT);
            default -> Optional.empty();
        };
    }

    /**
     * How many of the parts at a hub are being repaired rather than waiting: a hub working at capacity
     * c per week with turnaround T days holds c T / 7 in repair (Little's law); the oldest arrivals are
     * those, the rest queue.
     */
    public static int hubSplit(int atHub, int capacityPerWeek, int turnaroundDays) {
        return (int) Math.min(atHub, Math.round(capacityPerWeek * turnaroundDays / 7.0));
    }

    /** Median and P90 of ages in days (order statistics: the ceil(q n)-th smallest); NaN when empty. */
    public static double[] medianAndP90(double[] ages) {
        return orderStatistics(ages.clone(), ages.length, 0.5, 0.9);
    }

    /**
     * The ceil(q n)-th smallest of the first {@code n} values for each q (percentile_disc in SQL), found by
     * selection (Hipparchus KthSelector), not by sorting; the values are reordered. NaN when n is 0.
     */
    public static double[] orderStatistics(double[] values, int n, double... qs) {
        double[] out = new double[qs.length];
        if (n == 0) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        double[] work = values.length == n ? values : java.util.Arrays.copyOf(values, n);
        org.hipparchus.util.KthSelector selector = new org.hipparchus.util.KthSelector();
        for (int i = 0; i < qs.length; i++) {
            out[i] = selector.select(work, null, rank(qs[i], n));
        }
        return out;
    }

    private static int rank(double q, int n) {
        return (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    }
}
