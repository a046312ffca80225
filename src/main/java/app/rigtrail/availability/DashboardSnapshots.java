package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The dashboard's one read path to the moment it shows: the current {@link DashboardSnapshot}, never
 * older than {@link DashboardFreshness#bound()} when a request takes it. While the dashboard is in use,
 * one background thread per instance takes the next snapshot before the current one is too old for
 * requests: it starts when the current one is {@code bound - 2 x (the last take) - }{@value #MARGIN_MS}
 * ms old, so requests do not wait for a snapshot (they keep using the current one meanwhile). Only a
 * request that finds none young enough (the first, after an idle minute, or when taking could not keep
 * up) takes it itself (one at a time: the others wait for it and use it); {@link #waits()} counts those.
 * An unused dashboard holds no snapshot open after a minute.
 */
@ApplicationScoped
public class DashboardSnapshots {

    private static final Logger LOG = Logger.getLogger(DashboardSnapshots.class);
    /** After this long without a request the background job stops and the snapshot is closed. */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Kept between a background snapshot being ready and the current one reaching the bound. */
    static final long MARGIN_MS = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DashboardFreshness freshness;

    private final ReentrantLock taking = new ReentrantLock();
    private final AtomicLong versions = new AtomicLong();
    private final ThreadLocal<DashboardSnapshot> inRead = new ThreadLocal<>();
    private volatile DashboardSnapshot current;
    private volatile long lastUse;
    /** How long the last snapshot took to take (the background job starts the next that much earlier). */
    private volatile long lastTakeNanos = TimeUnit.MILLISECONDS.toNanos(200);
    private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong waits = new java.util.concurrent.atomic.AtomicLong();
    private java.util.concurrent.ScheduledExecutorService refresher;

    /**
     * A snapshot at most the staleness bound old, acquired for importing: release it (through its
     * holder) once the request's transaction has imported it.
     */
    DashboardSnapshot acquire() {
        return acquire(true);
    }

    /** {@code use}: a dashboard request (keeps the background job going), not a gauge. */
    private DashboardSnapshot acquire(boolean use) {
        for (int attempt = 0;; attempt++) {
            long now = freshness.nanos();
            if (use) {
                lastUse = now;
            }
            DashboardSnapshot s = current;
            if (s == null || s.holder().isClosed() || !young(s, now)) {
                if (s != null && use) {
                    waits.incrementAndGet();
                }
                s = take(s, now, () -> { });
            }
            if (use) {
                refreshLater(s);
            }
            if (s.holder().acquire()) {
                return s;
            }
            if (attempt > 100) {
                throw new IllegalStateException("no dashboard snapshot could be acquired");
            }
        }
    }

    /**
     * A snapshot at most the bound old, for reading its copies only (the gauges, every 30 s: they do
     * not count as use, so an unwatched dashboard keeps no background job going for them).
     */
    public DashboardSnapshot fresh() {
        DashboardSnapshot s = acquire(false);
        s.holder().release();
        return s;
    }

    /** The snapshot of the dashboard read running on this thread (Dashboard.read), else a fresh one. */
    public DashboardSnapshot inRead() {
        DashboardSnapshot s = inRead.get();
        if (s != null) {
            return s;
        }
        s = acquire(true);
        s.holder().release();
        return s;
    }

    DashboardSnapshot enter(DashboardSnapshot s) {
        DashboardSnapshot before = inRead.get();
        inRead.set(s);
        return before;
    }

    void exit(DashboardSnapshot before) {
        if (before == null) {
            inRead.remove();
        } else {
            inRead.set(before);
        }
    }

    /** Whether a snapshot may serve a request made at {@code nanos} (not older than the bound; not from another clock). */
    private boolean young(DashboardSnapshot s, long nanos) {
        long age = s.ageNanos(nanos);
        return age >= 0 && age <= freshness.bound().toNanos();
    }

    /** The snapshot that proved unusable (its transaction gone) is replaced on the next acquire. */
    void broken(DashboardSnapshot s) {
        s.holder().retire();
    }

    /**
     * Takes a new snapshot unless another caller took one meanwhile that is young enough at
     * {@code requestedNanos}. {@code betweenCopies} runs after the columns are read and before the backlog is
     * (the tests commit there, to show that the copies still agree).
     */
    DashboardSnapshot take(DashboardSnapshot seen, long requestedNanos, Runnable betweenCopies) {
        taking.lock();
        try {
            DashboardSnapshot c = current;
            if (c != null && c != seen && !c.holder().isClosed() && young(c, requestedNanos)) {
                return c; // taken by another caller meanwhile, young enough for this one
            }
            // outside any transaction of the caller's: the snapshot's connection outlives it
            DashboardSnapshot next = QuarkusTransaction.suspendingExisting().call(() -> read(c, betweenCopies));
            current = next;
            if (c != null) {
                c.holder().retire();
            }
            return next;
        } finally {
            taking.unlock();
        }
    }

    private DashboardSnapshot read(DashboardSnapshot previous, Runnable betweenCopies) {
        long started = System.nanoTime();
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            Instant at = freshness.now();
            long nanos = freshness.nanos();
            String id;
            // the transaction's snapshot is taken by its first query, this one, after the clock was read
            try (PreparedStatement ps = c.prepareStatement("select pg_export_snapshot()"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getString(1);
            }
            OutcomeColumns.View outcomes = OutcomeColumns.read(c, previous == null ? null : previous.outcomes());
            betweenCopies.run();
            long columnsRead = freshness.nanos();
            BacklogCopy.Items backlog = BacklogCopy.read(c, at, previous == null ? null : previous.backlog());
            long took = System.nanoTime() - started;
            lastTakeNanos = took;
            LOG.debugf("snapshot taken in %d ms (completed repairs %d ms, %d rows; backlog %s %d ms, %d items)",
                    took / 1_000_000, (columnsRead - nanos) / 1_000_000, outcomes.size(),
                    backlog.incremental() ? "changes" : "whole", (freshness.nanos() - columnsRead) / 1_000_000,
                    backlog.rows().size());
            return new DashboardSnapshot(versions.incrementAndGet(), at, nanos, id, backlog, outcomes,
                    new DashboardSnapshot.Holder(c));
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.rollback();
                    c.close();
                } catch (SQLException ignored) {
                    // the connection is broken anyway
                }
            }
            throw new IllegalStateException("taking the dashboard's snapshot failed: " + e.getMessage(), e);
        }
    }

    /** Takes the first snapshot (the warm-up, before the instance says ready): the columns are read whole. */
    void warmUp() {
        lastUse = freshness.nanos();
        take(current, freshness.nanos(), () -> { });
    }

    /** How many requests found no snapshot young enough and waited for one (since the start). */
    public long waits() {
        return waits.get();
    }

    /**
     * The age at which the background job starts taking the next snapshot: early enough that it is
     * ready, twice the last take and a margin, before the current one is too old for requests.
     */
    long refreshAgeNanos() {
        long bound = freshness.bound().toNanos();
        long lead = 2 * lastTakeNanos + TimeUnit.MILLISECONDS.toNanos(MARGIN_MS);
        return Math.max(bound / 5, bound - lead);
    }

    /** Schedules the next background snapshot after {@code s}, unless one is scheduled (or the bound is 0). */
    private void refreshLater(DashboardSnapshot s) {
        if (!freshness.inBackground() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, s.takenNanos() + refreshAgeNanos() - freshness.nanos());
        try {
            refresher().schedule(this::refresh, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            scheduled.set(false); // shutting down
        }
    }

    private synchronized java.util.concurrent.ScheduledExecutorService refresher() {
        if (refresher == null) {
            refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dashboard-snapshots");
                t.setDaemon(true);
                return t;
            });
        }
        return refresher;
    }

    /** The next snapshot before requests need it, while the dashboard is in use; none kept open when idle. */
    void refresh() {
        scheduled.set(false);
        DashboardSnapshot s = current;
        if (s == null) {
            return;
        }
        long now = freshness.nanos();
        if (now - lastUse > IDLE_NANOS) {
            retireIdle(s);
            return; // the next request starts it again
        }
        try {
            s = take(s, now, () -> { });
        } catch (RuntimeException e) {
            LOG.warnf("taking the dashboard's next snapshot failed (will retry): %s", e.getMessage());
        }
        refreshLater(s);
    }

    /**
     * Drops the backlog changes older than an hour (a copy older than that is read whole), every ten
     * minutes whether the dashboard is in use or not, so the log stays bounded by an hour of writes.
     */
    @io.quarkus.scheduler.Scheduled(every = "10m", delayed = "1m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void pruneChanges() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from backlog_change where at < now() - interval '1 hour'");
        } catch (SQLException e) {
            LOG.debugf("pruning backlog_change: %s", e.getMessage());
        }
    }

    private void retireIdle(DashboardSnapshot s) {
        taking.lock();
        try {
            if (current == s && !s.holder().isClosed()) {
                // keep its copies (the next snapshot builds on its columns), close its transaction
                s.holder().retire();
            }
        } finally {
            taking.unlock();
        }
    }

    @PreDestroy
    void close() {
        synchronized (this) {
            if (refresher != null) {
                refresher.shutdownNow();
            }
        }
        DashboardSnapshot s = current;
        if (s != null) {
            s.holder().retire();
        }
    }
}
