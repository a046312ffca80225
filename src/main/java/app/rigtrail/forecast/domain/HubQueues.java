package app.rigtrail.forecast.domain;

/**
 * The first-come first-served queues of one worker: each hub's repair queue, then each site's
 * diagnosis queue (queue {@code hubs + site}). A queue holds cohorts (the day they are available, an
 * item code, a count) in the order of their available day, then of their arrival, in primitive arrays
 * that grow by doubling and are compacted in place; {@code head} is the first cohort still waiting and
 * {@code tail} one past the last. The hubs' items are pools; the sites' are pool * 2 + 1 when the
 * machine is down.
 */
final class HubQueues {
    int[][] avail;
    int[][] item;
    int[][] count;
    final int[] head;
    final int[] tail;

    /** Queues with room for 64 cohorts each. */
    HubQueues(int queues) {
        this(queues, 64);
    }

    private HubQueues(int queues, int capacity) {
        avail = new int[queues][capacity];
        item = new int[queues][capacity];
        count = new int[queues][capacity];
        head = new int[queues];
        tail = new int[queues];
    }

    /** Empty queues for a snapshot (the arrays come with the first copy). */
    static HubQueues unallocated(int queues) {
        HubQueues q = new HubQueues(queues, 0);
        q.avail = new int[queues][];
        q.item = new int[queues][];
        q.count = new int[queues][];
        return q;
    }

    boolean isEmpty(int q) {
        return head[q] == tail[q];
    }

    void clear() {
        java.util.Arrays.fill(head, 0);
        java.util.Arrays.fill(tail, 0);
    }

    /** A cohort into queue q, after every cohort available no later (first come, first served). */
    void enqueue(int q, int available, int code, int n) {
        if (tail[q] == avail[q].length) {
            int live = tail[q] - head[q];
            // room at the front: slide the live cohorts down; otherwise grow
            int size = live * 2 <= avail[q].length ? avail[q].length : avail[q].length * 2;
            avail[q] = compact(avail[q], head[q], live, size);
            item[q] = compact(item[q], head[q], live, size);
            count[q] = compact(count[q], head[q], live, size);
            head[q] = 0;
            tail[q] = live;
        }
        int at = tail[q];
        while (at > head[q] && avail[q][at - 1] > available) {
            at--;
        }
        if (at < tail[q]) {
            int len = tail[q] - at;
            System.arraycopy(avail[q], at, avail[q], at + 1, len);
            System.arraycopy(item[q], at, item[q], at + 1, len);
            System.arraycopy(count[q], at, count[q], at + 1, len);
        }
        avail[q][at] = available;
        item[q][at] = code;
        count[q][at] = n;
        tail[q]++;
    }

    private static int[] compact(int[] a, int from, int live, int size) {
        int[] out = size == a.length ? a : new int[size];
        System.arraycopy(a, from, out, 0, live);
        return out;
    }

    /** Every queue's cohorts into {@code to} (its arrays reused where they have the same length). */
    void copyInto(HubQueues to) {
        for (int q = 0; q < head.length; q++) {
            to.avail[q] = into(avail[q], to.avail[q], tail[q]);
            to.item[q] = into(item[q], to.item[q], tail[q]);
            to.count[q] = into(count[q], to.count[q], tail[q]);
        }
        System.arraycopy(head, 0, to.head, 0, head.length);
        System.arraycopy(tail, 0, to.tail, 0, tail.length);
    }

    /** The first n entries of a queue array into another of the same length (reused when it fits). */
    private static int[] into(int[] from, int[] to, int n) {
        int[] out = to != null && to.length == from.length ? to : new int[from.length];
        System.arraycopy(from, 0, out, 0, n);
        return out;
    }
}
