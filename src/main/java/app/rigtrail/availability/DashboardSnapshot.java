package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * What the dashboard shows, at one moment: one repeatable-read, read-only transaction in which the
 * copies were taken (the backlog copy, the completed-repair columns) and which stays open, exported
 * (pg_export_snapshot), while requests use it: each request's own transaction imports it (SET
 * TRANSACTION SNAPSHOT), so what a request reads with SQL (availability, holds, lists) is of the same
 * moment as the copies, and the memo's keys name the snapshot's versions. Taken by
 * {@link DashboardSnapshots}; closed once a newer one replaced it and no request is still importing it.
 *
 * @param version one number per snapshot, for the memo's keys of what is computed from the backlog copy
 * @param at the moment it shows: every commit before it is in it
 * @param takenNanos {@link DashboardFreshness#nanos()} at that moment, for its age
 */
public record DashboardSnapshot(long version, Instant at, long takenNanos, String exportedId, BacklogCopy.Items backlog,
        OutcomeColumns.View outcomes, Holder holder) {

    private static final Logger LOG = Logger.getLogger(DashboardSnapshot.class);

    /** The open transaction behind a snapshot and who is still importing it. */
    static final class Holder {
        private final Connection connection;
        private final AtomicInteger users = new AtomicInteger();
        private volatile boolean retired;
        private final AtomicBoolean closed = new AtomicBoolean();

        Holder(Connection connection) {
            this.connection = connection;
        }

        boolean acquire() {
            users.incrementAndGet();
            if (retired || closed.get()) {
                release();
                return false;
            }
            return true;
        }

        void release() {
            if (users.decrementAndGet() == 0 && retired) {
                close();
            }
        }

        void retire() {
            retired = true;
            if (users.get() == 0) {
                close();
            }
        }

        boolean isClosed() {
            return closed.get();
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    connection.rollback();
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    LOG.debugf("ending a dashboard snapshot: %s", e.getMessage());
                } finally {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        LOG.debugf("closing a dashboard snapshot's connection: %s", e.getMessage());
                    }
                }
            }
        }
    }

    /** Its age at {@code nanos}. */
    long ageNanos(long nanos) {
        return nanos - takenNanos;
    }
}
