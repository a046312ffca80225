package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The completed repairs (repair_outcome, V7) as columns in memory, one immutable {@link View} per
 * {@link DashboardSnapshot}, read in the snapshot's transaction: a request's turnaround figures are a
 * scan and two selections (KthSelector) over them, a few milliseconds over a million repairs, where
 * sorting them in SQL takes half a second.
 * <p>
 * A view is brought up from the previous one by fetching only the rows written since: those of
 * transactions not older than the oldest one that was still running at the previous read
 * (pg_snapshot_xmin), so a late commit is never missed. Rows leave repair_outcome only by a delete or
 * truncate (its rebuild after a bulk load), which bumps its dashboard_version (R__repair_outcome.sql):
 * a view that finds another version reads the table whole again, so rows that left are gone from it.
 * The rows are kept in chunks ordered by id; a new view shares every chunk it does not change, so the
 * views of two snapshots differ only where rows were written between them.
 */
public final class OutcomeColumns {

    public static final String[] ROUTES = {"SWAP", "BENCH", "VENDOR_HUB", "ONSHORE_PARTNER", "RMA", "SCRAP"};
    public static final String[] VENDORS = {"BITMAIN", "MICROBT", "CANAAN", "OTHER"};

    /** Rows per chunk; a chunk is copied whenever one of its rows changes. */
    static final int CHUNK = 4096;

    private static final AtomicLong VERSIONS = new AtomicLong();

    private OutcomeColumns() {
    }

    /** Up to {@link OutcomeColumns#CHUNK} rows (a little more after late inserts), ordered by id. */
    public static final class Chunk {
        int n;
        long[] id;
        long[] closedMillis;
        byte[] route;
        byte[] vendor;
        long[] siteId;
        long[] modelId; // 0 when unknown
        double[] hours;
        boolean[] refailed;
        long[] costCents; // -1: unknown
        float[] ths;
        /** No row closed before or after these (a range that may be wider than the rows'): a period can skip the chunk. */
        long minClosed = Long.MAX_VALUE;
        long maxClosed = Long.MIN_VALUE;

        Chunk(int capacity) {
            id = new long[capacity];
            closedMillis = new long[capacity];
            route = new byte[capacity];
            vendor = new byte[capacity];
            siteId = new long[capacity];
            modelId = new long[capacity];
            hours = new double[capacity];
            refailed = new boolean[capacity];
            costCents = new long[capacity];
            ths = new float[capacity];
        }

        /** How many rows it holds. */
        public int size() {
            return n;
        }

        Chunk copy(int capacity) {
            Chunk c = new Chunk(0);
            c.n = n;
            c.minClosed = minClosed;
            c.maxClosed = maxClosed;
            c.id = Arrays.copyOf(id, capacity);
            c.closedMillis = Arrays.copyOf(closedMillis, capacity);
            c.route = Arrays.copyOf(route, capacity);
            c.vendor = Arrays.copyOf(vendor, capacity);
            c.siteId = Arrays.copyOf(siteId, capacity);
            c.modelId = Arrays.copyOf(modelId, capacity);
            c.hours = Arrays.copyOf(hours, capacity);
            c.refailed = Arrays.copyOf(refailed, capacity);
            c.costCents = Arrays.copyOf(costCents, capacity);
            c.ths = Arrays.copyOf(ths, capacity);
            return c;
        }

        /** Whether some row may have closed in [from, to). */
        public boolean mayHaveClosed(long from, long to) {
            return n > 0 && maxClosed >= from && minClosed < to;
        }

        void set(int i, Fetched f) {
            minClosed = Math.min(minClosed, f.closedMillis());
            maxClosed = Math.max(maxClosed, f.closedMillis());
            id[i] = f.id();
            closedMillis[i] = f.closedMillis();
            route[i] = f.route();
            vendor[i] = f.vendor();
            siteId[i] = f.siteId();
            modelId[i] = f.modelId();
            hours[i] = f.hours();
            refailed[i] = f.refailed();
            costCents[i] = f.costCents();
            ths[i] = f.ths();
        }

        /** Makes room at {@code at} (growing when full). */
        void open(int at) {
            if (n == id.length) {
                Chunk bigger = copy(Math.max(16, n * 2));
                take(bigger);
            }
            for (Object a : new Object[] {id, closedMillis, route, vendor, siteId, modelId, hours, refailed, costCents,
                ths}) {
                System.arraycopy(a, at, a, at + 1, n - at);
            }
            n++;
        }

        private void take(Chunk o) {
            id = o.id;
            closedMillis = o.closedMillis;
            route = o.route;
            vendor = o.vendor;
            siteId = o.siteId;
            modelId = o.modelId;
            hours = o.hours;
            refailed = o.refailed;
            costCents = o.costCents;
            ths = o.ths;
        }

        /** The rows from {@code from} on, as a chunk of their own. */
        Chunk tail(int from) {
            Chunk c = new Chunk(Math.max(CHUNK, n - from));
            for (Object[] a : new Object[][] {{id, c.id}, {closedMillis, c.closedMillis}, {route, c.route},
                {vendor, c.vendor}, {siteId, c.siteId}, {modelId, c.modelId}, {hours, c.hours},
                {refailed, c.refailed}, {costCents, c.costCents}, {ths, c.ths}}) {
                System.arraycopy(a[0], from, a[1], 0, n - from);
            }
            c.n = n - from;
            c.minClosed = minClosed;
            c.maxClosed = maxClosed;
            n = from;
            return c;
        }
    }

    /**
     * The completed repairs as one snapshot has them. Never changed once built: a snapshot's requests
     * read it without locks while the next one is built.
     *
     * @param version changes whenever rows change: part of the key of anything computed from them
     * @param xmin the snapshot xmin of the read that built it (the next read fetches from there)
     * @param generation repair_outcome's dashboard_version when read (another one: read whole again)
     */
    public record View(List<Chunk> chunks, int size, long version, long xmin, long generation) {
    }

    /** One fetched row. */
    record Fetched(long id, long closedMillis, byte route, byte vendor, long siteId, long modelId, double hours,
            boolean refailed, long costCents, float ths) {
    }

    private static final String SELECT = """
            select id, (extract(epoch from closed_at) * 1000)::bigint, route, vendor, site_id, model_id, hours,
                   refailed_at is not null, cost_cents, ths_restored
            from repair_outcome""";

    /**
     * The columns as {@code c}'s (repeatable-read) snapshot has them, built from {@code previous} (null:
     * none yet) by fetching what changed since it, or everything when rows have left the table.
     */
    static View read(Connection c, View previous) throws SQLException {
        long snapshotXmin;
        long generation;
        try (PreparedStatement ps = c.prepareStatement("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
                + "(select version from dashboard_version where name = 'repair_outcome')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            snapshotXmin = rs.getLong(1);
            generation = rs.getLong(2);
        }
        if (previous == null || previous.generation() != generation) {
            return whole(c, snapshotXmin, generation);
        }
        List<Fetched> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where tx >= ?::text::xid8 order by id")) {
            ps.setString(1, Long.toString(previous.xmin()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(fetched(rs));
                }
            }
        }
        long xmin = Math.max(previous.xmin(), snapshotXmin);
        if (rows.isEmpty()) {
            return new View(previous.chunks(), previous.size(), previous.version(), xmin, generation);
        }
        return apply(previous, rows, xmin, generation);
    }

    private static View whole(Connection c, long xmin, long generation) throws SQLException {
        List<Chunk> chunks = new ArrayList<>();
        Chunk last = null;
        int size = 0;
        try (PreparedStatement ps = c.prepareStatement(SELECT + " order by id")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (last == null || last.n == CHUNK) {
                        last = new Chunk(CHUNK);
                        chunks.add(last);
                    }
                    last.set(last.n++, fetched(rs));
                    size++;
                }
            }
        }
        return new View(List.copyOf(chunks), size, VERSIONS.incrementAndGet(), xmin, generation);
    }

    /** The previous view with the fetched rows (ordered by id) written in: changed chunks copied, the rest shared. */
    static View apply(View previous, List<Fetched> rows, long xmin, long generation) {
        List<Chunk> chunks = new ArrayList<>(previous.chunks());
        Map<Chunk, Boolean> copied = new IdentityHashMap<>();
        int size = previous.size();
        for (Fetched f : rows) {
            int k = chunkOf(chunks, f.id());
            if (k < 0) { // no rows yet
                Chunk first = new Chunk(CHUNK);
                chunks.add(first);
                copied.put(first, Boolean.TRUE);
                k = 0;
            }
            Chunk chunk = chunks.get(k);
            int at = Arrays.binarySearch(chunk.id, 0, chunk.n, f.id());
            if (at < 0 && -at - 1 == chunk.n && chunk.n >= CHUNK && k == chunks.size() - 1) {
                chunk = new Chunk(CHUNK); // appended past a full last chunk: a new one
                chunks.add(chunk);
                copied.put(chunk, Boolean.TRUE);
                k++;
                at = -1;
            }
            if (!copied.containsKey(chunk)) {
                chunk = chunk.copy(Math.max(chunk.id.length, 16));
                chunks.set(k, chunk);
                copied.put(chunk, Boolean.TRUE);
            }
            if (at < 0) {
                at = -at - 1;
                chunk.open(at);
                size++;
            }
            chunk.set(at, f);
            if (chunk.n > 2 * CHUNK) { // late inserts piled into one chunk: split it
                Chunk tail = chunk.tail(CHUNK);
                chunks.add(k + 1, tail);
                copied.put(tail, Boolean.TRUE);
            }
        }
        return new View(List.copyOf(chunks), size, VERSIONS.incrementAndGet(), xmin, generation);
    }

    /** The chunk an id belongs in: the last one whose first id is not above it (the first when none); -1: none. */
    private static int chunkOf(List<Chunk> chunks, long id) {
        int lo = 0;
        int hi = chunks.size() - 1;
        int found = chunks.isEmpty() ? -1 : 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Chunk c = chunks.get(mid);
            if (c.n == 0 || c.id[0] <= id) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static Fetched fetched(ResultSet rs) throws SQLException {
        long cost = rs.getLong(9);
        boolean noCost = rs.wasNull();
        return new Fetched(rs.getLong(1), rs.getLong(2), (byte) indexOf(ROUTES, rs.getString(3)),
                (byte) indexOf(VENDORS, rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getDouble(7),
                rs.getBoolean(8), noCost ? -1 : cost, rs.getFloat(10));
    }

    static int indexOf(String[] values, String v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(v)) {
                return i;
            }
        }
        return values.length - 1;
    }
}
