package app.rigtrail.availability;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import app.rigtrail.platform.cluster.ClusterJobs;
import app.rigtrail.platform.runtime.WarmUpConfig;
import app.rigtrail.platform.runtime.WarmUpSteps;
import io.agroal.api.AgroalDataSource;

/**
 * The dashboard's warm-up before the instance says ready: finished days closed into availability_day
 * (after a restart or a bulk load that can take tens of seconds and holds the locks that status changes
 * need; a second replica waits for the first to finish it, up to {@code rigtrail.warm-up.timeout}), then
 * the first DashboardSnapshot (the completed repairs read into memory whole, the backlog copy).
 */
@ApplicationScoped
public class DashboardWarmUp implements WarmUpSteps {

    private static final Logger LOG = Logger.getLogger(DashboardWarmUp.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClusterJobs cluster;

    @Inject
    AvailabilityDayCloser days;

    @Inject
    DashboardSnapshots snapshots;

    /** timeout: how long to wait for another replica closing availability days. */
    @Inject
    WarmUpConfig warmUp;

    @Override
    public List<Step> steps() {
        return List.of(new Step("closing finished availability days", this::closeDays),
                new Step("taking the dashboard's first snapshot (completed repairs, repair backlog)",
                        snapshots::warmUp));
    }

    private void closeDays() {
        long deadline = System.nanoTime() + warmUp.timeout().toNanos();
        while (true) {
            ClusterJobs.Outcome o = cluster.runOncePerPeriod("availability-days", Duration.ofMinutes(1),
                    () -> days.closeThrough(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
            if (o != ClusterJobs.Outcome.BUSY) {
                return; // closed here, or by another replica this minute
            }
            if (System.nanoTime() > deadline) {
                LOG.warnf("Another replica is still closing availability days after %s; ready without waiting", warmUp.timeout());
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
