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
 * the backlog copy of the request's DashboardSnapshot): open RMA cases at the part's stage, open tickets without one at the machine's. Ages
 * run from the failure; median and P90 are order statistics (the ceil(q n)-th smallest, as SQL's
 * percentile_disc), found by selection.
 */
@ApplicationScoped
public class BacklogService {

    @jakarta.inject.Inject
    DashboardSnapshots snapshots;

    @jakarta.inject.Inject
    DashboardMemo memo;

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

    /**
     * The backlog at the moment of the request's snapshot (its {@code asOf}, at most the staleness bound
     * before the request), computed once per filter and snapshot.
     */
    public BacklogReport report(Connection c, DashboardFilter f, Instant now, int oldest) throws SQLException {
        DashboardSnapshot s = snapshots.inRead();
        BacklogCopy.Items snap = s.backlog();
        return memo.get("backlog|" + DashboardMemo.key(f) + "|" + oldest + "|" + s.version(),
                () -> report(snap, f, oldest));
    }

    private static BacklogReport report(BacklogCopy.Items snap, DashboardFilter f, int oldest) {
        List<BacklogCopy.Row> rows = filtered(snap, f, null);
        Instant now = snap.readAt();
        long nowMillis = now.toEpochMilli();
        int stages = BacklogStage.values().length;
        int vendors = OutcomeColumns.VENDORS.length;
        int sites = snap.sites().size();
        // ages per stage, per stage and vendor, per stage and site: flat groups, filled in one pass
        int groups = stages * (1 + vendors + sites);
        double[][] ages = new double[groups][];
        int[] n = new int[groups];
        for (BacklogCopy.Row r : rows) {
            double age = (nowMillis - r.sinceMillis()) / 86_400_000.0;
            int s = r.stageIndex();
            add(ages, n, s, age);
            add(ages, n, stages + s * vendors + r.vendorIndex(), age);
            add(ages, n, stages * (1 + vendors) + s * sites + r.siteIndex(), age);
        }
        List<StageFigures> ordered = new ArrayList<>();
        List<StageFigures> byVendor = new ArrayList<>();
        List<StageFigures> bySite = new ArrayList<>();
        for (BacklogStage st : BacklogStage.values()) {
            int s = st.ordinal();
            ordered.add(figures(st.name(), null, null, ages[s], n[s]));
            for (int v = 0; v < vendors; v++) {
                int g = stages + s * vendors + v;
                if (n[g] > 0) {
                    byVendor.add(figures(st.name(), OutcomeColumns.VENDORS[v], null, ages[g], n[g]));
                }
            }
            for (int x = 0; x < sites; x++) {
                int g = stages * (1 + vendors) + s * sites + x;
                if (n[g] > 0) {
                    bySite.add(figures(st.name(), null, snap.sites().get(x), ages[g], n[g]));
                }
            }
        }
        java.util.Comparator<StageFigures> byStage = java.util.Comparator.comparingInt(x -> BacklogStage.valueOf(x.stage())
                .ordinal());
        byVendor.sort(java.util.Comparator.comparing(StageFigures::vendor).thenComparing(byStage));
        bySite.sort(java.util.Comparator.comparing(StageFigures::site).thenComparing(byStage));
        List<Item> old = rows.stream().limit(oldest).map(r -> item(r, nowMillis)).toList();
        return new BacklogReport(now, f.params(), rows.size(), ordered, byVendor, bySite, old);
    }

    private static void add(double[][] ages, int[] n, int group, double age) {
        double[] a = ages[group];
        if (a == null) {
            a = ages[group] = new double[16];
        } else if (n[group] == a.length) {
            a = ages[group] = java.util.Arrays.copyOf(a, a.length * 2);
        }
        a[n[group]++] = age;
    }

    private static StageFigures figures(String stage, String vendor, String site, double[] ages, int n) {
        if (n == 0) {
            return new StageFigures(stage, BacklogStage.label(stage), vendor, site, 0, null, null);
        }
        double[] q = BacklogStage.orderStatistics(ages, n, 0.5, 0.9);
        return new StageFigures(stage, BacklogStage.label(stage), vendor, site, n, q[0], q[1]);
    }

    /**
     * The items behind a segment, oldest first: a stage (or all) within the filter (a chart's segment
     * is its site or vendor as a filter); {@code limit} 0 means all.
     */
    public ItemPage items(Connection c, DashboardFilter f, String stage, Instant now, int limit, int offset)
            throws SQLException {
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
        DashboardSnapshot s = snapshots.inRead();
        BacklogCopy.Items snap = s.backlog();
        String chosen = stage;
        return memo.get("items|" + DashboardMemo.key(f) + "|" + chosen + "|" + limit + "|" + offset + "|"
                + s.version(), () -> items(snap, f, chosen, limit, offset));
    }

    private static ItemPage items(BacklogCopy.Items snap, DashboardFilter f, String stage, int limit, int offset) {
        List<BacklogCopy.Row> rows = filtered(snap, f, stage);
        long nowMillis = snap.readAt().toEpochMilli();
        List<Item> items = rows.stream().skip(Math.max(offset, 0)).limit(limit > 0 ? limit : Long.MAX_VALUE)
                .map(r -> item(r, nowMillis)).toList();
        return new ItemPage(items, rows.size());
    }

    private static Item item(BacklogCopy.Row r, long nowMillis) {
        return new Item(r.kind(), r.ticketId(), r.rmaCaseId(), r.stage(), r.site(), r.vendor(), r.model(), r.assetCode(),
                r.hub(), Instant.ofEpochMilli(r.sinceMillis()), (nowMillis - r.sinceMillis()) / 86_400_000.0,
                r.ticketState(), r.rmaState(), r.shipmentState());
    }

    /**
     * The open items the filter keeps (site, vendor, model; failure dates when a period was given), oldest
     * first: scanned among the rows of its stage, site or vendor (the copy's groups, whichever holds fewest),
     * within the failure dates of its period (the rows are oldest first).
     */
    static List<BacklogCopy.Row> filtered(BacklogCopy.Items snap, DashboardFilter f, String stage) {
        long from = f.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = f.to().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        List<BacklogCopy.Row> candidates = snap.rows();
        BacklogCopy.Groups groups = snap.groups();
        if (stage != null) {
            candidates = fewer(candidates, groups.byStage().getOrDefault(BacklogStage.valueOf(stage).ordinal(), List.of()));
        }
        if (f.siteId() != null) {
            candidates = fewer(candidates, groups.bySite().getOrDefault(f.siteId(), List.of()));
        }
        if (f.vendor() != null) {
            candidates = fewer(candidates, groups.byVendor().getOrDefault(
                    OutcomeColumns.indexOf(OutcomeColumns.VENDORS, f.vendor()), List.of()));
        }
        if (f.periodGiven()) {
            int first = firstSince(candidates, from);
            candidates = candidates.subList(first, Math.max(first, firstSince(candidates, to)));
        }
        List<BacklogCopy.Row> out = new ArrayList<>();
        for (BacklogCopy.Row r : candidates) {
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

    private static List<BacklogCopy.Row> fewer(List<BacklogCopy.Row> a, List<BacklogCopy.Row> b) {
        return b.size() < a.size() ? b : a;
    }

    /** The index of the first row (oldest first) that failed at or after {@code millis}. */
    private static int firstSince(List<BacklogCopy.Row> rows, long millis) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).sinceMillis() < millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
