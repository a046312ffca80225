package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The completed repairs (repair_outcome, V7) as columns in memory, brought up to date on every read by
 * fetching only the rows written since the previous read: those of transactions not older than the
 * oldest one that was still running then (pg_snapshot_xmin), so a late commit is never missed. A
 * request's turnaround figures are then a scan and two selections (KthSelector) over these columns:
 * a few milliseconds over a million repairs, where sorting them in SQL takes half a second.
 */
@ApplicationScoped
public class OutcomeColumns {

    public static final String[] ROUTES = {"SWAP", "BENCH", "VENDOR_HUB", "ONSHORE_PARTNER", "RMA", "SCRAP"};
    public static final String[] VENDORS = {"BITMAIN", "MICROBT", "CANAAN", "OTHER"};

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final java.util.concurrent.locks.ReentrantLock fetchLock = new java.util.concurrent.locks.ReentrantLock();
    private volatile long version; // changes whenever rows are applied
    private volatile long xmin = -1; // the snapshot xmin of the last catch-up; -1 before the first; under fetchLock
    private int n;
    long[] id = new long[0];
    long[] closedMillis = new long[0];
    byte[] route = new byte[0];
    byte[] vendor = new byte[0];
    long[] siteId = new long[0];
    long[] modelId = new long[0];
    double[] hours = new double[0];
    boolean[] refailed = new boolean[0];
    long[] costCents = new long[0]; // -1: unknown
    float[] ths = new float[0];

    /** What a reader sees, under the read lock. */
    public interface Reader<T> {
        T read(OutcomeColumns columns, int size);
    }

    /** Reads the columns as they are (call catchUp first for the database's state). */
    public <T> T read(Reader<T> reader) {
        lock.readLock().lock();
        try {
            return reader.read(this, n);
        } finally {
            lock.readLock().unlock();
        }
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /**
     * Loads the columns soon after start (a million repairs take seconds) and keeps them caught up
     * every minute, so that no manager's first request pays for the load.
     */
    @io.quarkus.scheduler.Scheduled(every = "60s", delayed = "5s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void keepLoaded() {
        try (Connection c = dataSource.getConnection()) {
            catchUp(c);
        } catch (SQLException | RuntimeException e) {
            org.jboss.logging.Logger.getLogger(OutcomeColumns.class).warnf("loading completed repairs failed (will retry): %s",
                    e.getMessage());
        }
    }

    /** Changes whenever the columns change: part of the key of anything computed from them. */
    public long version() {
        return version;
    }

    /** One fetched row. */
    private record Fetched(long id, long closedMillis, byte route, byte vendor, long siteId, long modelId, double hours,
            boolean refailed, long costCents, float ths) {
    }

    /**
     * Fetches what changed since the last catch-up (one fetch at a time, so that an older version of a
     * row never overwrites a newer one; readers go on meanwhile), then applies it under the write lock.
     * Everything written by a transaction older than the fetch's snapshot xmin is then in the columns.
     */
    public void catchUp(Connection c) throws SQLException {
        fetchLock.lock();
        try {
            fetchAndApply(c);
        } finally {
            fetchLock.unlock();
        }
    }

    private void fetchAndApply(Connection c) throws SQLException {
        long since = xmin;
        long snapshotXmin;
        try (PreparedStatement ps = c.prepareStatement("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            snapshotXmin = rs.getLong(1);
        }
        List<Fetched> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select id, (extract(epoch from closed_at) * 1000)::bigint, route, vendor, site_id, model_id, hours,
                       refailed_at is not null, cost_cents, ths_restored
                from repair_outcome""" + (since < 0 ? " order by id" : " where tx >= ?::text::xid8 order by id"))) {
            if (since >= 0) {
                ps.setString(1, Long.toString(since));
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long cost = rs.getLong(9);
                    boolean noCost = rs.wasNull();
                    rows.add(new Fetched(rs.getLong(1), rs.getLong(2), (byte) indexOf(ROUTES, rs.getString(3)),
                            (byte) indexOf(VENDORS, rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getDouble(7),
                            rs.getBoolean(8), noCost ? -1 : cost, rs.getFloat(10)));
                }
            }
        }
        if (rows.isEmpty()) {
            xmin = Math.max(since, snapshotXmin); // nothing to apply: readers are not held up
            return;
        }
        lock.writeLock().lock();
        try {
            for (Fetched f : rows) {
                int i = slot(f.id());
                closedMillis[i] = f.closedMillis();
                route[i] = f.route();
                vendor[i] = f.vendor();
                siteId[i] = f.siteId();
                modelId[i] = f.modelId(); // 0 when unknown
                hours[i] = f.hours();
                refailed[i] = f.refailed();
                costCents[i] = f.costCents();
                ths[i] = f.ths();
            }
            xmin = Math.max(xmin, snapshotXmin);
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The position of an id: found, appended at the end, or inserted in order (a late commit). */
    private int slot(long outcomeId) {
        if (n > 0 && outcomeId <= id[n - 1]) {
            int at = Arrays.binarySearch(id, 0, n, outcomeId);
            if (at >= 0) {
                return at;
            }
            int insert = -at - 1;
            grow();
            for (Object a : new Object[] {id, closedMillis, route, vendor, siteId, modelId, hours, refailed, costCents,
                ths}) {
                System.arraycopy(a, insert, a, insert + 1, n - insert);
            }
            id[insert] = outcomeId;
            n++;
            return insert;
        }
        grow();
        id[n] = outcomeId;
        return n++;
    }

    private void grow() {
        if (n < id.length) {
            return;
        }
        int cap = Math.max(1024, id.length * 2);
        id = Arrays.copyOf(id, cap);
        closedMillis = Arrays.copyOf(closedMillis, cap);
        route = Arrays.copyOf(route, cap);
        vendor = Arrays.copyOf(vendor, cap);
        siteId = Arrays.copyOf(siteId, cap);
        modelId = Arrays.copyOf(modelId, cap);
        hours = Arrays.copyOf(hours, cap);
        refailed = Arrays.copyOf(refailed, cap);
        costCents = Arrays.copyOf(costCents, cap);
        ths = Arrays.copyOf(ths, cap);
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
