package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.rigtrail.availability.domain.BacklogStage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * The open items of the repair backlog (the view backlog_item of R__backlog.sql; their stage from
 * BacklogStage, the one definition), read whole from the database and kept in memory: a background job reads them again once they are older than
 * {@code rigtrail.dashboard.backlog-max-age} (20 s), and a request that finds them older than
 * {@code rigtrail.dashboard.backlog-hard-limit} (50 s; both 0 in tests) reads them itself first, so
 * nothing served is older than a minute. Each request filters and aggregates in memory: a few
 * milliseconds at 100,000 machines (30,000 open items), where the view takes a third of a second.
 */
@ApplicationScoped
public class BacklogSnapshot {

    private static final Logger LOG = Logger.getLogger(BacklogSnapshot.class);

    /** One open item, with what a list and a filter need. */
    public record Row(String kind, Long ticketId, Long rmaCaseId, String stage, long siteId, String site, String vendor,
            Long modelId, String model, String assetCode, String hub, long sinceMillis, String ticketState,
            String rmaState, String shipmentState, int stageIndex, int siteIndex, int vendorIndex) {
    }

    /** The items (oldest first), the site codes their site indexes stand for, and when they were read. */
    public record Items(List<Row> rows, List<String> sites, long readAtNanos, java.time.Instant readAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Read again in the background once older than this. */
    @ConfigProperty(name = "rigtrail.dashboard.backlog-max-age", defaultValue = "PT20S")
    Duration maxAge;

    /** A request never gets items older than this: it reads them again itself first. */
    @ConfigProperty(name = "rigtrail.dashboard.backlog-hard-limit", defaultValue = "PT50S")
    Duration hardLimit;

    private volatile Items current;

    /** The items; read again first when they are older than the hard limit (never older than a minute). */
    public Items items() {
        Items items = current;
        if (items == null || System.nanoTime() - items.readAtNanos() > hardLimit.toNanos()) {
            items = refresh(items);
        }
        return items;
    }

    @Scheduled(every = "5s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepFresh() {
        Items items = current;
        if (hardLimit.isZero() || items == null) {
            return; // read on demand only (tests), or not yet asked for
        }
        if (System.nanoTime() - items.readAtNanos() > maxAge.toNanos()) {
            try {
                refresh(items);
            } catch (RuntimeException e) {
                LOG.warnf("refreshing the backlog failed (will retry): %s", e.getMessage());
            }
        }
    }

    private synchronized Items refresh(Items seen) {
        if (current != seen && current != null && System.nanoTime() - current.readAtNanos() <= hardLimit.toNanos()) {
            return current; // another caller read it meanwhile
        }
        long started = System.nanoTime();
        java.time.Instant readAt = java.time.Instant.now();
        List<Row> rows = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        java.util.Map<String, Integer> siteIndex = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select b.kind, b.ticket_id, b.rma_id, b.hub_rank, b.site_id, s.code, b.vendor, b.model_id, mm.name,
                               m.asset_code, h.code, (extract(epoch from b.since) * 1000)::bigint, b.ticket_state,
                               b.rma_state, b.shipment_state, b.capacity_per_week, b.turnaround_days
                        from backlog_item b join site s on s.id = b.site_id
                        left join miner m on m.id = b.miner_id left join miner_model mm on mm.id = b.model_id
                        left join repair_hub h on h.id = b.hub_id""")) {
            while (rs.next()) {
                long hubRank = rs.getLong(4); // 0 when not at a hub
                boolean inRepair = BacklogStage.inRepair(hubRank, rs.getInt(16), rs.getInt(17));
                java.util.Optional<BacklogStage> stage = BacklogStage.of(rs.getString(13), rs.getString(14),
                        rs.getString(15), inRepair);
                if (stage.isEmpty()) {
                    continue; // no longer in the backlog (a rejected claim whose ticket is closed)
                }
                String site = rs.getString(6);
                String vendor = rs.getString(7);
                int si = siteIndex.computeIfAbsent(site, k -> {
                    sites.add(k);
                    return sites.size() - 1;
                });
                rows.add(new Row(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3), stage.get().name(),
                        rs.getLong(5), site, vendor, (Long) rs.getObject(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getLong(12), rs.getString(13), rs.getString(14),
                        rs.getString(15), stage.get().ordinal(), si,
                        OutcomeColumns.indexOf(OutcomeColumns.VENDORS, vendor)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the backlog failed: " + e.getMessage(), e);
        }
        rows.sort((a, b) -> a.sinceMillis() != b.sinceMillis() ? Long.compare(a.sinceMillis(), b.sinceMillis())
                : Long.compare(key(a), key(b)));
        current = new Items(List.copyOf(rows), List.copyOf(sites), started, readAt);
        return current;
    }

    private static long key(Row r) {
        return r.ticketId() != null ? r.ticketId() : -r.rmaCaseId();
    }
}
