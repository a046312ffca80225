package app.rigtrail.availability.domain;

import java.util.Optional;

/**
 * Where a unit that is down (or its failed part) waits in the repair pipeline, read from the states
 * of its ticket, its RMA case and the shipment carrying it (#6). This is the one definition of the
 * stage (#13 item 1): the view backlog_item (R__backlog.sql) gives the states only, the dashboard's
 * snapshot computes the stage here (with the parts' places in their hubs' lines, {@link #hubRanks}),
 * and the forecast's {@code Stage} names these stages through it.
 */
public enum BacklogStage {
    AWAITING_DIAGNOSIS("Awaiting diagnosis"), AWAITING_SPARE("Awaiting a spare"), BENCH_REPAIR("Bench repair"),
    AWAITING_RMA_SHIPMENT("Awaiting RMA shipment"), IN_TRANSIT("In transit to a hub"), CUSTOMS_HOLD("Customs hold"),
    HUB_QUEUE("Hub queue"), HUB_REPAIR("Repair at a hub"), RETURNING("Returning");

    private final String label;

    BacklogStage(String label) {
        this.label = label;
    }

    /** The stage in the users' words. */
    public String label() {
        return label;
    }

    /** The label of a stage given by name; the name itself when it is none. */
    public static String label(String stage) {
        for (BacklogStage s : values()) {
            if (s.name().equals(stage)) {
                return s.label;
            }
        }
        return stage;
    }

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
        return (int) Math.min(atHub, inRepairAtOnce(capacityPerWeek, turnaroundDays));
    }

    /**
     * Whether the part {@code rank}-th in arrival order at its hub (1 = the oldest) is in repair: the
     * first {@link #hubSplit} are.
     */
    public static boolean inRepair(long rank, int capacityPerWeek, int turnaroundDays) {
        return rank >= 1 && rank <= inRepairAtOnce(capacityPerWeek, turnaroundDays);
    }

    /** A part at a hub: which hub (null: none named), since when (null: unknown), its case. */
    public record HubArrival(Long hubId, Long sinceMillis, long caseId) {
    }

    /**
     * The place of each part in its hub's line (1 = the oldest arrival, as {@link #inRepair} takes it), by
     * case: the parts at one hub ordered by arrival, the unknown arrivals last, ties by case.
     */
    public static java.util.Map<Long, Integer> hubRanks(java.util.Collection<HubArrival> atHubs) {
        java.util.Map<Long, java.util.List<HubArrival>> byHub = new java.util.HashMap<>();
        for (HubArrival a : atHubs) {
            byHub.computeIfAbsent(a.hubId() == null ? Long.MIN_VALUE : a.hubId(), k -> new java.util.ArrayList<>()).add(a);
        }
        java.util.Comparator<HubArrival> order = java.util.Comparator
                .comparing(HubArrival::sinceMillis, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparingLong(HubArrival::caseId);
        java.util.Map<Long, Integer> ranks = new java.util.HashMap<>();
        for (java.util.List<HubArrival> line : byHub.values()) {
            line.sort(order);
            for (int i = 0; i < line.size(); i++) {
                ranks.put(line.get(i).caseId(), i + 1);
            }
        }
        return ranks;
    }

    private static long inRepairAtOnce(int capacityPerWeek, int turnaroundDays) {
        return Math.round(capacityPerWeek * turnaroundDays / 7.0);
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

    /**
     * The same order statistics of the values of several arrays, each sorted ascending (not changed), as if
     * they were one: without merging them (a weighted median of the arrays' medians as each pivot, so each
     * round drops about a quarter of what is left). NaN when they hold nothing.
     */
    public static double[] orderStatisticsOfSorted(double[][] sorted, double... qs) {
        long n = 0;
        for (double[] a : sorted) {
            n += a.length;
        }
        double[] out = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            out[i] = n == 0 ? Double.NaN : kthOfSorted(sorted, rank(qs[i], (int) n));
        }
        return out;
    }

    /** The k-th smallest (from 0) of the values of sorted arrays. */
    static double kthOfSorted(double[][] a, int k) {
        int m = a.length;
        int[] lo = new int[m];
        int[] hi = new int[m];
        int[] lt = new int[m];
        int[] le = new int[m];
        for (int i = 0; i < m; i++) {
            hi[i] = a[i].length;
        }
        long below = 0; // values left out below the windows
        double[] medians = new double[m];
        long[] weights = new long[m];
        Integer[] order = new Integer[m];
        while (true) {
            int c = 0;
            long total = 0;
            for (int i = 0; i < m; i++) {
                if (hi[i] > lo[i]) {
                    medians[c] = a[i][(lo[i] + hi[i]) >>> 1];
                    weights[c] = hi[i] - lo[i];
                    order[c] = c;
                    total += weights[c];
                    c++;
                }
            }
            if (c == 0) {
                throw new IllegalArgumentException("rank " + k + " beyond the values");
            }
            java.util.Arrays.sort(order, 0, c, (x, y) -> Double.compare(medians[x], medians[y]));
            double pivot = medians[order[c - 1]];
            long seen = 0;
            for (int j = 0; j < c; j++) {
                seen += weights[order[j]];
                if (2 * seen >= total) {
                    pivot = medians[order[j]];
                    break;
                }
            }
            long less = 0;
            long lessOrEqual = 0;
            for (int i = 0; i < m; i++) {
                lt[i] = firstNotBelow(a[i], lo[i], hi[i], pivot);
                le[i] = firstAbove(a[i], lt[i], hi[i], pivot);
                less += lt[i] - lo[i];
                lessOrEqual += le[i] - lo[i];
            }
            if (k < below + less) {
                System.arraycopy(lt, 0, hi, 0, m);
            } else if (k < below + lessOrEqual) {
                return pivot;
            } else {
                below += lessOrEqual;
                System.arraycopy(le, 0, lo, 0, m);
            }
        }
    }

    private static int firstNotBelow(double[] a, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int firstAbove(double[] a, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int rank(double q, int n) {
        return (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    }
}
