package app.rigtrail.platform.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Scheduled jobs that must run once per period however many replicas share the database.
 *
 * <p>Every replica's timer ticks (more often than the period); a tick runs the job only if it
 * takes a PostgreSQL advisory lock for the job without waiting (so no two replicas run it at the
 * same time) and finds no {@code job_run} row for the current period (so a period that ran is not
 * run again). The work and the row claiming its period commit in one transaction: a replica that
 * dies mid-job rolls both back and releases the lock with its connection, and the next tick of any
 * replica does the period's work. Periods are cut from the database's clock, not the replicas'.
 * The job's own writes must be idempotent only against a retry after a failure, never against a
 * second replica.
 */
@ApplicationScoped
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Replica replica;

    @Inject
    MeterRegistry registry;

    /** What one tick did. */
    public enum Outcome {
        /** This replica ran the period's work. */
        RAN,
        /** Another replica is running the job right now. */
        BUSY,
        /** The current period already ran. */
        DONE_THIS_PERIOD
    }

    /**
     * Runs {@code work} in a new transaction if the current period of {@code job} has not run on
     * any replica. An exception from the work rolls the claim back and propagates.
     */
    public Outcome runOncePerPeriod(String job, Duration period, Runnable work) {
        long seconds = Math.max(1, period.toSeconds());
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds(period)).call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!tryLock(c, job)) {
                    return Outcome.BUSY;
                }
                Instant periodStart = periodStart(c, seconds);
                if (ran(c, job, periodStart)) {
                    return Outcome.DONE_THIS_PERIOD;
                }
                Instant started = Instant.now();
                work.run();
                record(c, job, periodStart, started);
                return Outcome.RAN;
            }
        });
    }

    /**
     * How long a job's transaction may take: its period (a run may not outlast the period it claims), at
     * least the default transaction timeout (60 s) and at most 15 minutes. With the default alone the hold
     * check's first pass over a large import (6,400 open holds of the 100,000-miner benchmark data: 6,237
     * alerts raised, 110 s on the shared 2 cores) was cancelled at 60 s on every tick and never claimed its period.
     */
    static int timeoutSeconds(Duration period) {
        return (int) Math.min(Duration.ofMinutes(15).toSeconds(), Math.max(60, period.toSeconds()));
    }

    /**
     * Like {@link #runOncePerPeriod} for a timer: failures are logged (the next tick retries), not thrown.
     * Every tick is counted on this replica as {@code rigtrail.jobs.ticks{job, outcome}} (outcome ran,
     * busy, done_this_period or failed), so that each replica shows that it ticks and how often it
     * found the period taken by another.
     */
    public Outcome tick(String job, Duration period, Runnable work) {
        try {
            Outcome o = runOncePerPeriod(job, period, work);
            count(job, o.name());
            return o;
        } catch (RuntimeException e) {
            count(job, "FAILED");
            LOG.warnf("scheduled job %s failed on %s (the next tick retries): %s", job, replica.id(), e.getMessage());
            return Outcome.BUSY;
        }
    }

    private void count(String job, String outcome) {
        registry.counter("rigtrail.jobs.ticks", "job", job, "outcome", outcome.toLowerCase()).increment();
    }

    /** Seconds since each job last finished a period (the job lag), from the database. */
    public Map<String, Double> secondsSinceLastRun() {
        Map<String, Double> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select job, extract(epoch from statement_timestamp() - max(finished_at)) from job_run group by job");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getDouble(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading job runs failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Forgets periods older than {@code keep}: job_run is an operations log, not domain history. */
    public int prune(Duration keep) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "delete from job_run where finished_at < statement_timestamp() - ?::interval")) {
            ps.setString(1, keep.toSeconds() + " seconds");
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pruning job runs failed: " + e.getMessage(), e);
        }
    }

    private static boolean tryLock(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "rigtrail.job:" + job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Instant periodStart(Connection c, long seconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select to_timestamp(floor(extract(epoch from statement_timestamp()) / ?) * ?)")) {
            ps.setLong(1, seconds);
            ps.setLong(2, seconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static boolean ran(Connection c, String job, Instant periodStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from job_run where job = ? and period_start = ?")) {
            ps.setString(1, job);
            ps.setTimestamp(2, Timestamp.from(periodStart));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** job_run keeps two weeks of periods; one replica a day forgets the rest. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "2m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void pruneDaily() {
        tick("job-run-prune", Duration.ofDays(1), () -> prune(Duration.ofDays(14)));
    }

    private void record(Connection c, String job, Instant periodStart, Instant started) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into job_run (job, period_start, instance, started_at, "
                + "finished_at) values (?, ?, ?, ?, clock_timestamp())")) {
            ps.setString(1, job);
            ps.setTimestamp(2, Timestamp.from(periodStart));
            ps.setString(3, replica.id());
            ps.setTimestamp(4, Timestamp.from(started));
            ps.executeUpdate();
        }
    }
}
