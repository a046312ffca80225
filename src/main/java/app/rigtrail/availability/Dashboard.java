package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * Runs the dashboard's reads: each request on one read-only connection in one repeatable-read
 * snapshot, so the watermark, the closed days and the live deltas it reads agree with each other.
 * The reads use plain JDBC on the aggregates of V7. Two inputs are kept in memory rather than read in
 * that snapshot: the completed repairs (OutcomeColumns, caught up on every read by transaction id, so
 * never behind a commit) and the open backlog (BacklogSnapshot: re-read in the background once older
 * than 20 s, and by a request that finds it older than 50 s); results are remembered by DashboardMemo
 * under their data's version, so they are never older than their inputs.
 */
@ApplicationScoped
public class Dashboard {

    public interface Read<T> {
        T apply(Connection c, DashboardFilter f, Instant now) throws SQLException;
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AvailabilityService availability;

    @Inject
    BacklogService backlog;

    @Inject
    TurnaroundService turnaround;

    /** Resolves the filters and runs the read at the current instant. */
    public <T> T read(String site, String vendor, String model, String from, String to, Read<T> read) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            try {
                DashboardFilter f = DashboardFilter.resolve(c, site, vendor, model, from, to,
                        LocalDate.ofInstant(now, ZoneOffset.UTC));
                return read.apply(c, f, now);
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dashboard query failed: " + e.getMessage(), e);
        }
    }

    /** The first column of a small master-data query (site codes, model names) for the filter lists. */
    public java.util.List<String> names(String sql) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public AvailabilityService availability() {
        return availability;
    }

    public BacklogService backlog() {
        return backlog;
    }

    public TurnaroundService turnaround() {
        return turnaround;
    }
}
