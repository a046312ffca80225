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
 * Runs the dashboard's reads, all of one moment: each request takes the current
 * {@link DashboardSnapshot} (at most {@link DashboardFreshness#bound()} old, {@value
 * DashboardFreshness#STALENESS}) and reads on a read-only repeatable-read transaction that imports that
 * snapshot's, so the watermark, the closed days, the live deltas and the holds it reads with SQL are of
 * the same moment as the snapshot's backlog copy and completed-repair columns, and the memo's keys name
 * that moment's versions. {@code now} is the snapshot's moment.
 */
@ApplicationScoped
public class Dashboard {

    public interface Read<T> {
        T apply(Connection c, DashboardFilter f, Instant now) throws SQLException;
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DashboardSnapshots snapshots;

    @Inject
    AvailabilityService availability;

    @Inject
    BacklogService backlog;

    @Inject
    TurnaroundService turnaround;

    /** Resolves the filters and runs the read at the moment of the current snapshot. */
    public <T> T read(String site, String vendor, String model, String from, String to, Read<T> read) {
        for (int attempt = 0;; attempt++) {
            DashboardSnapshot snapshot = snapshots.acquire();
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    try (Statement s = c.createStatement()) {
                        s.execute("set transaction isolation level repeatable read, read only");
                        s.execute("set transaction snapshot '" + snapshot.exportedId().replace("'", "") + "'");
                    } catch (SQLException e) {
                        if (attempt == 0) { // its transaction ended under it: another snapshot
                            snapshots.broken(snapshot);
                            continue;
                        }
                        throw e;
                    } finally {
                        snapshot.holder().release(); // imported (or not): the request no longer needs it open
                    }
                    DashboardSnapshot before = snapshots.enter(snapshot);
                    try {
                        Instant now = snapshot.at();
                        DashboardFilter f = DashboardFilter.resolve(c, site, vendor, model, from, to,
                                LocalDate.ofInstant(now, ZoneOffset.UTC));
                        return read.apply(c, f, now);
                    } finally {
                        snapshots.exit(before);
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("dashboard query failed: " + e.getMessage(), e);
            }
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
