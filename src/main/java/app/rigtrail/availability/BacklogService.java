package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import app.rigtrail.availability.domain.BacklogStage;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * The repair backlog now, by pipeline stage, from the view backlog_item (V7): open RMA cases at the
 * part's stage, open tickets without one at the machine's. Ages run from the failure; median and P90
 * are order statistics (percentile_disc, the ceil(q n)-th smallest, as BacklogStage.medianAndP90).
 */
@ApplicationScoped
public class BacklogService {

    /** Count and ages (days) of one stage, overall or for one vendor or site. */
    public record StageFigures(String stage, String label, String vendor, String site, long count,
            Double medianAgeDays, Double p90AgeDays) {
    }

    /** One item of the backlog, with what a link needs. */
    public record Item(String kind, Long ticketId, Long rmaCaseId, String stage, String site, String vendor, String model,
            String assetCode, String hub, Instant since, double ageDays, String ticketState, String rmaState,
            String shipmentState) {
    }

    public record BacklogReport(Instant asOf, Map<String, String> filters, long total, List<StageFigures> stages,
            List<StageFigures> byVendor, List<StageFigures> bySite, List<Item> oldest) {
    }

    public record ItemPage(List<Item> items, long total) {
    }

    public static String label(String stage) {
        return switch (stage) {
            case "AWAITING_DIAGNOSIS" -> "Awaiting diagnosis";
            case "AWAITING_SPARE" -> "Awaiting a spare";
            case "BENCH_REPAIR" -> "Bench repair";
            case "AWAITING_RMA_SHIPMENT" -> "Awaiting RMA shipment";
            case "IN_TRANSIT" -> "In transit to a hub";
            case "CUSTOMS_HOLD" -> "Customs hold";
            case "HUB_QUEUE" -> "Hub queue";
            case "HUB_REPAIR" -> "Repair at a hub";
            case "RETURNING" -> "Returning";
            default -> stage;
        };
    }

    public BacklogReport report(Connection c, DashboardFilter f, Instant now, int oldest) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(now);
        String where = where(f, args, "");
        Map<BacklogStage, StageFigures> stages = new EnumMap<>(BacklogStage.class);
        List<StageFigures> byVendor = new ArrayList<>();
        List<StageFigures> bySite = new ArrayList<>();
        long[] total = {0};
        AvailabilityService.query(c, """
                select b.stage, b.vendor, s.code, count(*),
                       percentile_disc(0.5) within group (order by b.age), percentile_disc(0.9) within group (order by b.age),
                       grouping(b.vendor), grouping(s.code)
                from (select stage, vendor, site_id, extract(epoch from (? - since)) / 86400.0 as age
                      from backlog_item where stage is not null""" + where + """
                     ) b join site s on s.id = b.site_id
                group by grouping sets ((b.stage), (b.stage, b.vendor), (b.stage, s.code))""", args, rs -> {
                    String stage = rs.getString(1);
                    StageFigures fig = new StageFigures(stage, label(stage), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getDouble(5), rs.getDouble(6));
                    if (rs.getInt(7) == 1 && rs.getInt(8) == 1) {
                        stages.put(BacklogStage.valueOf(stage), fig);
                        total[0] += fig.count();
                    } else if (rs.getInt(7) == 0) {
                        byVendor.add(fig);
                    } else {
                        bySite.add(fig);
                    }
                });
        List<StageFigures> ordered = new ArrayList<>();
        for (BacklogStage s : BacklogStage.values()) {
            ordered.add(stages.getOrDefault(s, new StageFigures(s.name(), label(s.name()), null, null, 0, null, null)));
        }
        byVendor.sort((a, b) -> a.vendor().equals(b.vendor()) ? Integer.compare(BacklogStage.valueOf(a.stage()).ordinal(),
                BacklogStage.valueOf(b.stage()).ordinal()) : a.vendor().compareTo(b.vendor()));
        bySite.sort((a, b) -> a.site().equals(b.site()) ? Integer.compare(BacklogStage.valueOf(a.stage()).ordinal(),
                BacklogStage.valueOf(b.stage()).ordinal()) : a.site().compareTo(b.site()));
        List<Item> old = items(c, f, null, null, null, now, oldest, 0).items();
        return new BacklogReport(now, f.params(), total[0], ordered, byVendor, bySite, old);
    }

    /**
     * The items behind a segment, oldest first: a stage (or all), optionally one vendor or site code
     * on top of the filter (a chart's segment); {@code limit} 0 means all.
     */
    public ItemPage items(Connection c, DashboardFilter f, String stage, String segmentVendor, String segmentSite,
            Instant now, int limit, int offset) throws SQLException {
        if (stage != null && !stage.isBlank()) {
            try {
                stage = BacklogStage.valueOf(stage.trim().toUpperCase()).name();
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("Unknown stage", List.of(new FieldViolation("stage",
                        "must be one of " + List.of(BacklogStage.values()))));
            }
        } else {
            stage = null;
        }
        List<Object> args = new ArrayList<>();
        args.add(now);
        StringBuilder where = new StringBuilder(" where b.stage is not null").append(where(f, args, "b."));
        if (stage != null) {
            where.append(" and b.stage = ?");
            args.add(stage);
        }
        if (segmentVendor != null && !segmentVendor.isBlank()) {
            where.append(" and b.vendor = ?");
            args.add(segmentVendor.trim().toUpperCase());
        }
        if (segmentSite != null && !segmentSite.isBlank()) {
            where.append(" and s.code = ?");
            args.add(segmentSite.trim().toUpperCase());
        }
        List<Item> items = new ArrayList<>();
        long[] total = {0};
        String sql = """
                select b.kind, b.ticket_id, b.rma_id, b.stage, s.code, b.vendor, mm.name, m.asset_code, h.code, b.since,
                       extract(epoch from (? - b.since)) / 86400.0, b.ticket_state, b.rma_state, b.shipment_state,
                       count(*) over ()
                from backlog_item b join site s on s.id = b.site_id
                left join miner m on m.id = b.miner_id left join miner_model mm on mm.id = b.model_id
                left join repair_hub h on h.id = b.hub_id""" + where + " order by b.since, b.ticket_id, b.rma_id"
                + (limit > 0 ? " limit " + limit + " offset " + Math.max(offset, 0) : "");
        AvailabilityService.query(c, sql, args, rs -> {
            items.add(new Item(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                    rs.getObject(10, java.time.OffsetDateTime.class).toInstant(), rs.getDouble(11), rs.getString(12),
                    rs.getString(13), rs.getString(14)));
            total[0] = rs.getLong(15);
        });
        return new ItemPage(items, total[0]);
    }

    /** The filter on backlog_item: site, vendor's models or model, failure dates when a period was given. */
    private static String where(DashboardFilter f, List<Object> args, String a) {
        StringBuilder sb = new StringBuilder();
        if (f.siteId() != null) {
            sb.append(" and ").append(a).append("site_id = ?");
            args.add(f.siteId());
        }
        if (f.vendor() != null) {
            sb.append(" and ").append(a).append("vendor = ?");
            args.add(f.vendor());
        }
        if (f.model() != null) {
            sb.append(" and ").append(a).append("model_id = any(?)");
            args.add(f.modelIds().toArray(new Long[0]));
        }
        if (f.periodGiven()) {
            sb.append(" and ").append(a).append("since >= ? and ").append(a).append("since < ?");
            args.add(f.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            args.add(f.to().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        return sb.toString();
    }
}
