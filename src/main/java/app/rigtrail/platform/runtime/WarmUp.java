package app.rigtrail.platform.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import app.rigtrail.availability.AvailabilityDayCloser;
import app.rigtrail.availability.BacklogSnapshot;
import app.rigtrail.availability.OutcomeColumns;
import app.rigtrail.platform.cluster.ClusterJobs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Readiness that means warm: after start, the work that would otherwise land on the first
 * requests is done before the instance says ready. Finished days are closed into availability_day
 * (after a restart or a bulk load that can take tens of seconds and holds the locks that status
 * changes need; a second replica waits for the first to finish it), the completed repairs are read
 * into memory and the backlog copy is read once. A step that fails is logged and the next is tried:
 * the database check says whether the database is there.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClusterJobs cluster;

    @Inject
    AvailabilityDayCloser days;

    @Inject
    OutcomeColumns outcomes;

    @Inject
    BacklogSnapshot backlog;

    @ConfigProperty(name = "rigtrail.warm-up.timeout", defaultValue = "PT5M")
    Duration timeout;

    @ConfigProperty(name = "rigtrail.warm-up.enabled", defaultValue = "true")
    boolean enabled;

    private volatile String stage = "starting";
    private volatile long warmMillis = -1;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            warmMillis = 0;
            return;
        }
        Thread t = new Thread(this::warm, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    void warm() {
        long t0 = System.nanoTime();
        step("closing finished availability days", this::closeDays);
        step("reading completed repairs into memory", () -> {
            try (Connection c = dataSource.getConnection()) {
                outcomes.catchUp(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        step("reading the repair backlog", backlog::items);
        warmMillis = (System.nanoTime() - t0) / 1_000_000;
        stage = "warm";
        LOG.infof("Warm after %d ms: availability days closed, completed repairs and backlog in memory; ready", warmMillis);
    }

    private void closeDays() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ClusterJobs.Outcome o = cluster.runOncePerPeriod("availability-days", Duration.ofMinutes(1),
                    () -> days.closeThrough(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
            if (o != ClusterJobs.Outcome.BUSY) {
                return; // closed here, or by another replica this minute
            }
            if (System.nanoTime() > deadline) {
                LOG.warnf("Another replica is still closing availability days after %s; ready without waiting", timeout);
                return;
            }
            sleep(500);
        }
    }

    private void step(String name, Runnable work) {
        stage = name;
        long t0 = System.nanoTime();
        try {
            work.run();
            LOG.debugf("warm-up: %s took %d ms", name, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("warm-up: %s failed (%s); going on", name, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isWarm() {
        return warmMillis >= 0;
    }

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("warm-up");
        return warmMillis >= 0 ? r.up().withData("warmMillis", warmMillis).build() : r.down().withData("stage", stage).build();
    }
}
