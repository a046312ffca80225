package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import app.rigtrail.availability.domain.BacklogStage;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * The repair backlog now, by pipeline stage, from the open items of the view backlog_item (V7, held by
 * BacklogSnapshot): open RMA cases at the part's stage, open tickets without one at the machine's. Ages
 * run from the failure; median and P90 are order statistics (the ceil(q n)-th smallest, as SQL's
 * percentile_disc), found by selection.
 */
@ApplicationScoped
public class BacklogService {

    @jakarta.inject.Inject
    BacklogSnapshot snapshot;

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
        List<BacklogSnapshot.Row> rows = filtered(f, null);
        long nowMillis = now.toEpochMilli();
        Map<String, double[]> ages = new java.util.HashMap<>();
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (BacklogSnapshot.Row r : rows) {
            double age = (nowMillis - r.sinceMillis()) / 86_400_000.0;
            for (String key : new String[] {r.stage(), r.stage() + "|v|" + r.vendor(), r.stage() + "|s|" + r.site()}) {
                int k = counts.merge(key, 1, Integer::sum);
                double[] a = ages.computeIfAbsent(key, x -> new double[16]);
                if (k > a.length) {
                    a = java.util.Arrays.copyOf(a, a.length * 2);
                    ages.put(key, a);
                }
                a[k - 1] = age;
            }
        }
        List<StageFigures> ordered = new ArrayList<>();
        List<StageFigures> byVendor = new ArrayList<>();
        List<StageFigures> bySite = new ArrayList<>();
        for (BacklogStage s : BacklogStage.values()) {
            ordered.add(figures(s.name(), null, null, counts, ages, s.name()));
        }
        List<String> keys = new ArrayList<>(counts.keySet());
        java.util.Collections.sort(keys);
        for (String key : keys) {
            String[] p = key.split("\\|", 3);
            if (p.length == 3) {
                StageFigures fig = figures(p[0], p[1].equals("v") ? p[2] : null, p[1].equals("s") ? p[2] : null, counts,
                        ages, key);
                (p[1].equals("v") ? byVendor : bySite).add(fig);
            }
        }
        java.util.Comparator<StageFigures> byStage = java.util.Comparator.comparingInt(x -> BacklogStage.valueOf(x.stage())
                .ordinal());
        byVendor.sort(java.util.Comparator.comparing(StageFigures::vendor).thenComparing(byStage));
        bySite.sort(java.util.Comparator.comparing(StageFigures::site).thenComparing(byStage));
        List<Item> old = rows.stream().limit(oldest).map(r -> item(r, nowMillis)).toList();
        return new BacklogReport(now, f.params(), rows.size(), ordered, byVendor, bySite, old);
    }

    private static StageFigures figures(String stage, String vendor, String site, Map<String, Integer> counts,
            Map<String, double[]> ages, String key) {
        int n = counts.getOrDefault(key, 0);
        if (n == 0) {
            return new StageFigures(stage, label(stage), vendor, site, 0, null, null);
        }
        double[] q = BacklogStage.orderStatistics(ages.get(key), n, 0.5, 0.9);
        return new StageFigures(stage, label(stage), vendor, site, n, q[0], q[1]);
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
        List<BacklogSnapshot.Row> rows = filtered(f, stage);
        long nowMillis = now.toEpochMilli();
        var stream = rows.stream().filter(r -> segmentVendor == null || segmentVendor.equalsIgnoreCase(r.vendor()))
                .filter(r -> segmentSite == null || segmentSite.equalsIgnoreCase(r.site())).toList();
        List<Item> items = stream.stream().skip(Math.max(offset, 0)).limit(limit > 0 ? limit : Long.MAX_VALUE)
                .map(r -> item(r, nowMillis)).toList();
        return new ItemPage(items, stream.size());
    }

    private static Item item(BacklogSnapshot.Row r, long nowMillis) {
        return new Item(r.kind(), r.ticketId(), r.rmaCaseId(), r.stage(), r.site(), r.vendor(), r.model(), r.assetCode(),
                r.hub(), Instant.ofEpochMilli(r.sinceMillis()), (nowMillis - r.sinceMillis()) / 86_400_000.0,
                r.ticketState(), r.rmaState(), r.shipmentState());
    }

    /** The open items the filter keeps (site, vendor, model; failure dates when a period was given), oldest first. */
    private List<BacklogSnapshot.Row> filtered(DashboardFilter f, String stage) {
        long from = f.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = f.to().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        List<BacklogSnapshot.Row> out = new ArrayList<>();
        for (BacklogSnapshot.Row r : snapshot.items().rows()) {
            if ((stage != null && !stage.equals(r.stage())) || (f.siteId() != null && f.siteId() != r.siteId())
                    || (f.vendor() != null && !f.vendor().equals(r.vendor()))
                    || (f.model() != null && (r.modelId() == null || !f.modelIds().contains(r.modelId())))
                    || (f.periodGiven() && (r.sinceMillis() < from || r.sinceMillis() >= to))) {
                continue;
            }
            out.add(r);
        }
        return out;
    }
}
