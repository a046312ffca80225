package app.rigtrail.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import app.rigtrail.platform.cluster.ClusterJobs.Outcome;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** A scheduled job runs once per period however many replicas tick, and a dead replica blocks nobody. */
@QuarkusTest
class ClusterJobsTest {

    static final Duration DAY = Duration.ofDays(1);

    @Inject
    ClusterJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String password;

    int periodsRun(String job) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from job_run where job = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void twoReplicasTickingTogetherRunThePeriodOnce() throws Exception {
        String job = "test-together-" + UUID.randomUUID();
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> first = pool.submit(() -> jobs.runOncePerPeriod(job, DAY, () -> {
                ran.incrementAndGet();
                inside.countDown();
                await(release);
            }));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            // the second replica ticks while the first is still at work: it does not wait, it skips
            Future<Outcome> second = pool.submit(() -> jobs.runOncePerPeriod(job, DAY, ran::incrementAndGet));
            assertEquals(Outcome.BUSY, second.get(10, TimeUnit.SECONDS));
            release.countDown();
            assertEquals(Outcome.RAN, first.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        // and a later tick in the same period finds it done
        assertEquals(Outcome.DONE_THIS_PERIOD, jobs.runOncePerPeriod(job, DAY, ran::incrementAndGet));
        assertEquals(1, ran.get());
        assertEquals(1, periodsRun(job));
    }

    @Test
    void manyTicksFromManyThreadsRunEachPeriodOnce() throws Exception {
        String job = "test-many-" + UUID.randomUUID();
        AtomicInteger ran = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome>> ticks = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ticks.add(pool.submit(() -> {
                    go.await();
                    return jobs.runOncePerPeriod(job, DAY, ran::incrementAndGet);
                }));
            }
            go.countDown();
            int ranOutcomes = 0;
            for (Future<Outcome> f : ticks) {
                if (f.get(30, TimeUnit.SECONDS) == Outcome.RAN) {
                    ranOutcomes++;
                }
            }
            assertEquals(1, ranOutcomes);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, ran.get());
        assertEquals(1, periodsRun(job));
    }

    @Test
    void aFailedRunClaimsNothingAndTheNextTickRunsThePeriod() throws Exception {
        String job = "test-failing-" + UUID.randomUUID();
        assertThrows(RuntimeException.class, () -> jobs.runOncePerPeriod(job, DAY, () -> {
            throw new IllegalStateException("the carrier's service is down");
        }));
        assertEquals(0, periodsRun(job));
        assertEquals(Outcome.RAN, jobs.runOncePerPeriod(job, DAY, () -> {
        }));
        assertEquals(1, periodsRun(job));
    }

    @Test
    void aReplicaThatDiesWhileHoldingTheJobReleasesItWithItsConnection() throws Exception {
        String job = "test-dead-" + UUID.randomUUID();
        // another replica, with its own connection, is inside the job (holds the lock, not committed)
        Connection other = DriverManager.getConnection(url, username, password);
        other.setAutoCommit(false);
        try (PreparedStatement ps = other.prepareStatement("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "rigtrail.job:" + job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertTrue(rs.getBoolean(1));
            }
        }
        assertEquals(Outcome.BUSY, jobs.runOncePerPeriod(job, DAY, () -> {
        }));
        other.close(); // the replica dies: its connection drops, its transaction and lock with it
        // the server notices the dropped connection within moments; a later tick then runs the period
        Outcome next = Outcome.BUSY;
        for (int i = 0; i < 50 && next == Outcome.BUSY; i++) {
            Thread.sleep(100);
            next = jobs.runOncePerPeriod(job, DAY, () -> {
            });
        }
        assertEquals(Outcome.RAN, next);
        assertTrue(jobs.secondsSinceLastRun().get(job) < 60, "the job lag is read from the periods run");
    }

    @Test
    void periodsAreCutFromTheDatabaseClock() throws Exception {
        String job = "test-periods-" + UUID.randomUUID();
        assertEquals(Outcome.RAN, jobs.runOncePerPeriod(job, Duration.ofSeconds(1), () -> {
        }));
        Thread.sleep(1100);
        assertEquals(Outcome.RAN, jobs.runOncePerPeriod(job, Duration.ofSeconds(1), () -> {
        }), "a new period runs again");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from job_run where job = ? "
                        + "and period_start = date_trunc('second', period_start)")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
