package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes finished UTC days into availability_day, every 30 seconds, from the watermark on. Queries
 * never wait for it: the days after the watermark are read live from the deltas.
 */
@ApplicationScoped
public class AvailabilityDayCloser {

    private static final Logger LOG = Logger.getLogger(AvailabilityDayCloser.class);

    @Inject
    AgroalDataSource dataSource;

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeFinishedDays() {
        try {
            closeThrough(LocalDate.now(ZoneOffset.UTC).minusDays(1));
        } catch (RuntimeException e) {
            LOG.warnf("closing availability days failed (will retry): %s", e.getMessage());
        }
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
