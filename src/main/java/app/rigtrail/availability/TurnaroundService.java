package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import app.rigtrail.dwell.domain.KaplanMeier;
import app.rigtrail.dwell.domain.Observation;

/**
 * Turnaround per route from the completed repairs of the period (repair_outcome, V7), re-failure
 * within 30 days, cost per TH restored; the customs holds open now by age; and the dwell survival
 * curve (Kaplan-Meier, open holds censored at their age today) of the holds presented in the period.
 */
@ApplicationScoped
public class TurnaroundService {

    /** The routes in the order shown, with their words. */
    public static final Map<String, String> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("SWAP", "Swap from a spare (machine)");
        ROUTES.put("BENCH", "Bench repair on site (machine)");
        ROUTES.put("VENDOR_HUB", "Vendor hub (part, out and back)");
        ROUTES.put("ONSHORE_PARTNER", "Onshore partner (part, out and back)");
        ROUTES.put("RMA", "Sent under RMA (machine, until swapped)");
        ROUTES.put("SCRAP", "Scrapped (machine)");
    }

    /** The buckets of hold ages, in days since presentation, against the 5-day and 30-day clocks. */
    public static final int[][] AGE_BUCKETS = {{0, 5}, {6, 10}, {11, 30}, {31, 60}, {61, Integer.MAX_VALUE}};

    /**
     * One route: repairs completed in the period, median and P90 of their duration (days), re-failures
     * within 30 days among those completed at least 30 days ago, and cost per TH restored where costs
     * are known.
     */
    public record RouteFigures(String route, String label, long completed, Double medianDays, Double p90Days,
            long followedUp, long refailed, Double refailureRate, Long costCents, Double thsRestoredWithCost,
            Double costUsdPerTh) {
    }

    public record HoldAge(String bucket, int fromDays, Integer toDays, long holds, long units, double hashrateThs) {
    }

    public record TurnaroundReport(Instant asOf, Map<String, String> filters, List<RouteFigures> routes,
            List<HoldAge> holdsByAge, long openHolds, int dwellHolds, List<KaplanMeier.Row> dwellSurvival) {
    }

    public TurnaroundReport report(Connection c, DashboardFilter f, Instant now) throws SQLException {
        return new TurnaroundReport(now, f.params(), routes(c, f, now), holdsByAge(c, f, now), openHolds(c, f),
                dwellCount(c, f), dwell(c, f, now));
    }

    List<RouteFigures> routes(Connection c, DashboardFilter f, Instant now) throws SQLException {
        Instant followedBy = now.minus(30, ChronoUnit.DAYS);
        List<Object> args = new ArrayList<>(List.of(followedBy, followedBy, f.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        String vendor = "";
        if (f.vendor() != null) {
            vendor = " and vendor = ?";
            args.add(f.vendor());
        }
        String where = f.where("", args);
        Map<String, RouteFigures> by = new LinkedHashMap<>();
        AvailabilityService.query(c, """
                select route, count(*), percentile_disc(0.5) within group (order by hours) / 24,
                       percentile_disc(0.9) within group (order by hours) / 24,
                       count(*) filter (where closed_at <= ?), count(refailed_at) filter (where closed_at <= ?),
                       sum(cost_cents), sum(ths_restored) filter (where cost_cents is not null)
                from repair_outcome where closed_at >= ? and closed_at < ?""" + vendor + where + " group by route", args,
                rs -> {
                    String route = rs.getString(1);
                    long followed = rs.getLong(5);
                    long refailed = rs.getLong(6);
                    Long cost = rs.getObject(7) == null ? null : rs.getLong(7);
                    Double ths = rs.getObject(8) == null ? null : rs.getDouble(8);
                    by.put(route, new RouteFigures(route, ROUTES.getOrDefault(route, route), rs.getLong(2),
                            rs.getDouble(3), rs.getDouble(4), followed, refailed,
                            followed == 0 ? null : (double) refailed / followed, cost, ths,
                            cost == null || ths == null || ths == 0 ? null : cost / 100.0 / ths));
                });
        List<RouteFigures> out = new ArrayList<>();
        for (var e : ROUTES.entrySet()) {
            out.add(by.getOrDefault(e.getKey(), new RouteFigures(e.getKey(), e.getValue(), 0, null, null, 0, 0, null,
                    null, null, null)));
        }
        return out;
    }

    List<HoldAge> holdsByAge(Connection c, DashboardFilter f, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long[][] v = new long[AGE_BUCKETS.length][2];
        double[] ths = new double[AGE_BUCKETS.length];
        List<Object> args = new ArrayList<>(List.of(today));
        AvailabilityService.query(c, "select ? - h.presented_on, count(*), sum(h.units), sum(h.hashrate_ths) "
                + "from customs_hold h" + holdJoin(f) + " where h.outcome is null" + holdWhere(f, args)
                + " group by 1", args, rs -> {
                    int b = bucket(rs.getInt(1));
                    v[b][0] += rs.getLong(2);
                    v[b][1] += rs.getLong(3);
                    ths[b] += rs.getDouble(4);
                });
        List<HoldAge> out = new ArrayList<>();
        for (int i = 0; i < AGE_BUCKETS.length; i++) {
            int[] b = AGE_BUCKETS[i];
            out.add(new HoldAge(bucketName(i), b[0], b[1] == Integer.MAX_VALUE ? null : b[1], v[i][0], v[i][1], ths[i]));
        }
        return out;
    }

    public static String bucketName(int i) {
        int[] b = AGE_BUCKETS[i];
        return b[1] == Integer.MAX_VALUE ? b[0] + "+ days" : b[0] + "-" + b[1] + " days";
    }

    public static int bucket(int ageDays) {
        for (int i = 0; i < AGE_BUCKETS.length; i++) {
            if (ageDays <= AGE_BUCKETS[i][1]) {
                return i;
            }
        }
        return AGE_BUCKETS.length - 1;
    }

    private long openHolds(Connection c, DashboardFilter f) throws SQLException {
        List<Object> args = new ArrayList<>();
        long[] n = {0};
        AvailabilityService.query(c, "select count(*) from customs_hold h" + holdJoin(f) + " where h.outcome is null"
                + holdWhere(f, args), args, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private int dwellCount(Connection c, DashboardFilter f) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(f.from(), f.to()));
        int[] n = {0};
        AvailabilityService.query(c, "select count(*) from customs_hold h" + holdJoin(f)
                + " where h.presented_on between ? and ?" + holdWhere(f, args), args, rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    /** Kaplan-Meier of the holds presented in the period: days to decision, open ones censored today. */
    List<KaplanMeier.Row> dwell(Connection c, DashboardFilter f, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Object> args = new ArrayList<>(List.of(today, f.from(), f.to()));
        List<Observation> data = new ArrayList<>();
        AvailabilityService.query(c, "select days, ended, count(*) from (select coalesce(h.decided_on, ?) - h.presented_on "
                + "as days, h.decided_on is not null as ended from customs_hold h" + holdJoin(f)
                + " where h.presented_on between ? and ?" + holdWhere(f, args) + ") x where days >= 0 group by 1, 2", args,
                rs -> data.add(new Observation(Math.max(rs.getInt(1), 0.5), rs.getBoolean(2), rs.getInt(3), null)));
        if (data.isEmpty()) {
            return List.of();
        }
        return KaplanMeier.estimate(data, 0.95, KaplanMeier.Band.LOG).rows();
    }

    /** Holds reach a site through their shipment; a model filter does not apply to holds. */
    private static String holdJoin(DashboardFilter f) {
        return f.siteId() != null ? " join shipment sh on sh.id = h.shipment_id" : "";
    }

    private static String holdWhere(DashboardFilter f, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        if (f.siteId() != null) {
            sb.append(" and sh.site_id = ?");
            args.add(f.siteId());
        }
        if (f.vendor() != null) {
            sb.append(" and h.vendor = ?");
            args.add(f.vendor());
        }
        return sb.toString();
    }
}
