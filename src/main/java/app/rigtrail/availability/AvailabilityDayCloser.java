package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import app.rigtrail.platform.cluster.ClusterJobs;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes finished UTC days into availability_day, once a minute across all replicas (each ticks
 * every 30 seconds; {@link ClusterJobs} lets one of them run the period), from the watermark on.
 * Queries never wait for it: the days after the watermark are read live from the deltas.
 */
@ApplicationScoped
public class AvailabilityDayCloser {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClusterJobs cluster;

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeFinishedDays() {
        cluster.tick("availability-days", Duration.ofMinutes(1),
                () -> closeThrough(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
    }

    /** Closes the days up to {@code day}; returns how many it closed. */
    public int closeThrough(LocalDate day) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select availability_close_days(?)")) {
            ps.setObject(1, day);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
