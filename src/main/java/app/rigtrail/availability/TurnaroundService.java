package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import app.rigtrail.availability.DashboardTable.Cell;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

import app.rigtrail.availability.domain.BacklogStage;
import app.rigtrail.dwell.domain.KaplanMeier;
import app.rigtrail.dwell.domain.Observation;

/**
 * Turnaround per route from the completed repairs of the period (repair_outcome, V7), re-failure
 * within the 30-day repair warranty (the database's, {@link #followedUpBy}), cost per TH restored; the customs holds open now by age; and the dwell survival
 * curve (Kaplan-Meier, open holds censored at their age today) of the holds presented in the period.
 */
@ApplicationScoped
public class TurnaroundService {

    @jakarta.inject.Inject
    DashboardSnapshots snapshots;

    @jakarta.inject.Inject
    DashboardMemo memo;

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
    /** How a completed repair's close shows on the page ("2026-12-01 14:05", the heading says UTC). */
    static final java.time.format.DateTimeFormatter CLOSED_SHOWN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.US).withZone(ZoneOffset.UTC);

    public record RouteFigures(String route, String label, long completed, Double medianDays, Double p90Days,
            long followedUp, long refailed, Double refailureRate, Long costCents, Double thsRestoredWithCost,
            Double costUsdPerTh) {
    }

    public record HoldAge(String bucket, int fromDays, Integer toDays, long holds, long units, double hashrateThs) {
    }

    public record TurnaroundReport(Instant asOf, Map<String, String> filters, List<RouteFigures> routes) {
    }

    /** The holds open now by age, and the dwell curve of the holds presented in the period. */
    public record HoldsReport(Instant asOf, Map<String, String> filters, long openHolds, List<HoldAge> holdsByAge,
            int dwellHolds, List<KaplanMeier.Row> dwellSurvival, double lastObservationDays) {
    }

    /** A list behind a chart segment, as a table, and how many rows there are in all. */
    public record OutcomePage(DashboardTable table, long total) {
    }

    /** The completed repairs of the period on a route (all routes when blank), latest first; limit 0: all. */
    public OutcomePage outcomes(Connection c, DashboardFilter f, String route, Instant now, int limit) throws SQLException {
        if (route != null && !route.isBlank() && !ROUTES.containsKey(route.trim().toUpperCase())) {
            throw ProblemException.invalid("Unknown route",
                    List.of(new FieldViolation("route", "must be one of " + ROUTES.keySet())));
        }
        List<Object> args = new ArrayList<>(List.of(f.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        StringBuilder where = new StringBuilder(" where o.closed_at >= ? and o.closed_at < ?");
        if (route != null && !route.isBlank()) {
            where.append(" and o.route = ?");
            args.add(route.trim().toUpperCase());
        }
        if (f.vendor() != null) {
            where.append(" and o.vendor = ?");
            args.add(f.vendor());
        }
        where.append(f.where("o.", args));
        DashboardTable t = new DashboardTable("outcomes", "Completed repairs", List.of("Closed (UTC)", "Route", "Days",
            "Site", "Vendor", "Model", "Machine", "Ticket or case", "Failed again within 30 days", "Cost (USD)"), null);
        long[] total = {0};
        AvailabilityService.query(c, "select o.closed_at, o.route, o.hours / 24, s.code, o.vendor, mm.name, m.asset_code, "
                + "o.source, o.source_id, o.refailed_at, o.cost_cents, count(*) over () "
                + "from repair_outcome o join site s on s.id = o.site_id left join miner m on m.id = o.miner_id "
                + "left join miner_model mm on mm.id = o.model_id" + where + " order by o.closed_at desc, o.id desc"
                + (limit > 0 ? " limit " + limit : ""), args, rs -> {
                    boolean ticket = "TICKET".equals(rs.getString(8));
                    long id = rs.getLong(9);
                    Instant closed = rs.getObject(1, OffsetDateTime.class).toInstant();
                    String routeCode = rs.getString(2);
                    // shown in words and minutes (UTC, as the heading says), exported as codes and the instant
                    t.add(new Cell(CLOSED_SHOWN.format(closed), closed.toString(), null, false),
                            Cell.code(routeCode, ROUTES.getOrDefault(routeCode, routeCode)), Cell.number(rs.getDouble(3), 1),
                            Cell.text(rs.getString(4)), Cell.code(rs.getString(5), DashboardTables.vendorWords(rs.getString(5))),
                            Cell.text(rs.getString(6)), Cell.text(rs.getString(7)),
                            ticket ? Cell.link("#" + id, "/tickets/" + id) : Cell.link("RMA " + id, "/rma-cases/" + id),
                            Cell.text(rs.getObject(10) == null ? "" : "yes"),
                            Cell.usd(rs.getObject(11) == null ? null : rs.getLong(11) / 100.0));
                    total[0] = rs.getLong(12);
                });
        return new OutcomePage(t, total[0]);
    }

    /** The customs holds open now in one age bucket, oldest first (at most 1,000 listed). */
    public OutcomePage openHolds(Connection c, DashboardFilter f, int bucket, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int[] b = AGE_BUCKETS[bucket];
        List<Object> args = new ArrayList<>(List.of(today, today.minusDays(Math.min(b[1], 36_500)), today.minusDays(b[0])));
        DashboardTable t = new DashboardTable("holds-open", "Customs holds open now", List.of("Presented", "Age (days)",
            "Entry", "Port", "Vendor", "Kind", "Units", "Hashrate (TH/s)", "Shipment"), null);
        long[] total = {0};
        AvailabilityService.query(c, "select h.presented_on, ? - h.presented_on, h.entry_number, p.code, h.vendor, h.kind, "
                + "h.units, h.hashrate_ths, h.shipment_id, count(*) over () from customs_hold h join port p on p.id = h.port_id"
                + holdJoin(f) + " where h.outcome is null and h.presented_on between ? and ?" + holdWhere(f, args)
                + " order by h.presented_on, h.id limit 1000", args, rs -> {
                    t.add(Cell.text(rs.getObject(1, LocalDate.class).toString()), Cell.count(rs.getInt(2)),
                            Cell.text(rs.getString(3)), Cell.text(rs.getString(4)),
                            Cell.code(rs.getString(5), DashboardTables.vendorWords(rs.getString(5))),
                            Cell.code(rs.getString(6), DashboardTables.words(rs.getString(6),
                                    app.rigtrail.logistics.domain.HoldKind.class, app.rigtrail.logistics.domain.HoldKind::label)),
                            Cell.count(rs.getInt(7)), Cell.number(rs.getDouble(8), 0),
                            Cell.link("#" + rs.getLong(9), "/shipments/" + rs.getLong(9)));
                    total[0] = rs.getLong(10);
                });
        return new OutcomePage(t, total[0]);
    }

    public TurnaroundReport report(Connection c, DashboardFilter f, Instant now) throws SQLException {
        return new TurnaroundReport(now, f.params(), routes(c, f, now));
    }

    /** Holds by age and dwell, computed once per filter, day and version of the holds. */
    public HoldsReport holds(Connection c, DashboardFilter f, Instant now) throws SQLException {
        long[] version = {0};
        AvailabilityService.query(c, "select version from dashboard_version where name = 'customs_hold'", List.of(),
                rs -> version[0] = rs.getLong(1));
        return memo.get("holds|" + DashboardMemo.key(f) + "|" + LocalDate.ofInstant(now, ZoneOffset.UTC) + "|"
                + version[0], () -> {
                    try {
                        return computeHolds(c, f, now);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
    }

    private HoldsReport computeHolds(Connection c, DashboardFilter f, Instant now) throws SQLException {
        List<HoldAge> ages = holdsByAge(c, f, now);
        List<Observation> data = dwellObservations(c, f, now);
        int presented = data.stream().mapToInt(Observation::count).sum();
        return new HoldsReport(now, f.params(), ages.stream().mapToLong(HoldAge::holds).sum(), ages, presented,
                data.isEmpty() ? List.of() : KaplanMeier.estimate(data, 0.95, KaplanMeier.Band.LOG).rows(),
                data.stream().mapToDouble(Observation::time).max().orElse(0));
    }

    List<RouteFigures> routes(Connection c, DashboardFilter f, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        OutcomeColumns.View columns = snapshots.inRead().outcomes();
        long followedBy = followedUpBy(c, today);
        if (!memo.enabled()) {
            return routes(columns, f, followedBy); // measured without any remembering: one scan, selections
        }
        return memo.get("routes|" + DashboardMemo.key(f) + "|" + today + "|" + columns.version(),
                () -> routesByChunk(columns, f, followedBy));
    }

    /** One chunk's share of a filter's route figures; a chunk never changes, so neither does its share. */
    record ChunkShare(int[] count, long[] followed, long[] refailed, long[] cost, double[] ths, boolean[] costKnown,
            double[][] sortedHours) {

        /** Zero counts and sums for every route, with these hours. */
        static ChunkShare empty(double[][] sortedHours) {
            int routes = OutcomeColumns.ROUTES.length;
            return new ChunkShare(new int[routes], new long[routes], new long[routes], new long[routes],
                    new double[routes], new boolean[routes], sortedHours);
        }

        /** Another share's counts and sums added to these, route by route (the hours are not). */
        void add(ChunkShare p) {
            for (int r = 0; r < count.length; r++) {
                count[r] += p.count[r];
                followed[r] += p.followed[r];
                refailed[r] += p.refailed[r];
                cost[r] += p.cost[r];
                ths[r] += p.ths[r];
                costKnown[r] |= p.costKnown[r];
            }
        }
    }

    /** At most this many filters' shares are kept per chunk (the least recently used dropped first). */
    private static final int SHARES_PER_CHUNK = 32;

    /** The shares per chunk: a chunk left behind by every view (copied when its rows changed) takes its shares along. */
    private final Map<OutcomeColumns.Chunk, Map<String, ChunkShare>> shares = java.util.Collections
            .synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The route figures from each chunk's share, remembered per chunk: a new snapshot's columns share every
     * chunk but the few whose rows changed, so only those are scanned again; the medians and P90s are
     * selected across the shares' sorted hours (the same order statistics as one selection over them all).
     */
    List<RouteFigures> routesByChunk(OutcomeColumns.View columns, DashboardFilter f, long followedBy) {
        long from = f.from().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String key = DashboardMemo.key(f) + "|" + followedBy;
        List<OutcomeColumns.Chunk> inPeriod = new ArrayList<>();
        for (OutcomeColumns.Chunk o : columns.chunks()) {
            if (o.mayHaveClosed(from, to)) {
                inPeriod.add(o);
            }
        }
        Prefix prefix;
        synchronized (prefixes) {
            prefix = prefixes.get(key);
        }
        int reused = prefix != null && prefix.startsWith(inPeriod) ? prefix.chunks().size() : 0;
        if (reused > 0) {
            prefixReuses.incrementAndGet();
        }
        List<ChunkShare> parts = new ArrayList<>();
        for (OutcomeColumns.Chunk o : inPeriod.subList(reused, inPeriod.size())) {
            parts.add(shareOf(o, f, key, followedBy, from, to));
        }
        int longest = inPeriod.size() - PREFIX_TAIL;
        if (longest > reused && longest > 1) {
            // remember the chunks before the last few merged into one share, for the next view
            List<ChunkShare> merging = new ArrayList<>();
            if (reused > 0) {
                merging.add(prefix.merged());
            }
            merging.addAll(parts.subList(0, longest - reused));
            ChunkShare merged = merge(merging);
            remember(key, new Prefix(List.copyOf(inPeriod.subList(0, longest)), merged));
            List<ChunkShare> rest = new ArrayList<>(parts.subList(longest - reused, parts.size()));
            parts = new ArrayList<>();
            parts.add(merged);
            parts.addAll(rest);
        } else if (reused > 0) {
            parts.add(0, prefix.merged());
        }
        return combine(parts);
    }

    /**
     * The chunks of a filter's period but the last {@value #PREFIX_TAIL} (those new rows and re-failure marks
     * mostly fall in) merged into one share: the next view that still has these chunks (the same objects)
     * combines that share and the chunks after them only.
     */
    record Prefix(List<OutcomeColumns.Chunk> chunks, ChunkShare merged) {

        boolean startsWith(List<OutcomeColumns.Chunk> view) {
            if (chunks.size() > view.size()) {
                return false;
            }
            for (int i = 0; i < chunks.size(); i++) {
                if (chunks.get(i) != view.get(i)) {
                    return false;
                }
            }
            return true;
        }

        long values() {
            long n = 0;
            for (double[] h : merged.sortedHours()) {
                n += h.length;
            }
            return n;
        }
    }

    /** The chunks at the end of a period left out of its merged prefix. */
    static final int PREFIX_TAIL = 4;
    /** At most this many hours are kept in merged prefixes in all (8 bytes each), the least recently used dropped first. */
    private static final long PREFIX_VALUES = 4_000_000;

    private final LinkedHashMap<String, Prefix> prefixes = new LinkedHashMap<>(64, 0.75f, true);
    /** How often a merged prefix was combined instead of its chunks' shares (for TurnaroundByChunkTest). */
    final java.util.concurrent.atomic.AtomicLong prefixReuses = new java.util.concurrent.atomic.AtomicLong();
    private long prefixValues;

    private void remember(String key, Prefix p) {
        synchronized (prefixes) {
            Prefix before = prefixes.put(key, p);
            prefixValues += p.values() - (before == null ? 0 : before.values());
            java.util.Iterator<Prefix> eldest = prefixes.values().iterator();
            while ((prefixValues > PREFIX_VALUES || prefixes.size() > 256) && eldest.hasNext()) {
                Prefix dropped = eldest.next();
                if (dropped == p) {
                    continue;
                }
                prefixValues -= dropped.values();
                eldest.remove();
            }
        }
    }

    /** The shares as one (sums in the shares' order, so the same as combining them one by one). */
    static ChunkShare merge(List<ChunkShare> shares) {
        ChunkShare merged = sum(shares);
        for (int r = 0; r < merged.sortedHours().length; r++) {
            int n = 0;
            for (ChunkShare p : shares) {
                n += p.sortedHours()[r].length;
            }
            double[] all = new double[n];
            int at = 0;
            for (ChunkShare p : shares) {
                double[] h = p.sortedHours()[r];
                System.arraycopy(h, 0, all, at, h.length);
                at += h.length;
            }
            java.util.Arrays.sort(all); // sorted runs: merged
            merged.sortedHours()[r] = all;
        }
        return merged;
    }

    /** The shares' counts and sums added route by route in the shares' order; the hours left to the caller (empty). */
    private static ChunkShare sum(List<ChunkShare> shares) {
        ChunkShare total = ChunkShare.empty(new double[OutcomeColumns.ROUTES.length][]);
        for (ChunkShare p : shares) {
            total.add(p);
        }
        return total;
    }

    /** A chunk's share of a filter's figures, remembered with the chunk. */
    private ChunkShare shareOf(OutcomeColumns.Chunk o, DashboardFilter f, String key, long followedBy, long from,
            long to) {
        Map<String, ChunkShare> known = shares.computeIfAbsent(o, k -> new LinkedHashMap<>(32, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChunkShare> eldest) {
                return size() > SHARES_PER_CHUNK;
            }
        });
        ChunkShare share;
        synchronized (known) {
            share = known.get(key);
        }
        if (share == null) {
            share = share(o, f, followedBy, from, to);
            synchronized (known) {
                known.put(key, share);
            }
        }
        return share;
    }

    /** The route figures of a filter from its chunks' shares (the order statistics selected across their sorted hours). */
    private static List<RouteFigures> combine(List<ChunkShare> parts) {
        ChunkShare total = sum(parts);
        List<RouteFigures> out = new ArrayList<>();
        for (int r = 0; r < total.count().length; r++) {
            List<double[]> hours = new ArrayList<>();
            for (ChunkShare p : parts) {
                if (p.sortedHours()[r].length > 0) {
                    hours.add(p.sortedHours()[r]);
                }
            }
            boolean costKnown = total.costKnown()[r];
            double[] q = BacklogStage.orderStatisticsOfSorted(hours.toArray(double[][]::new), 0.5, 0.9);
            out.add(figures(r, total.count()[r], q, total.followed()[r], total.refailed()[r],
                    costKnown ? total.cost()[r] : null,
                    costKnown ? total.ths()[r] : null));
        }
        return out;
    }

    private static ChunkShare share(OutcomeColumns.Chunk o, DashboardFilter f, long followedBy, long from, long to) {
        int routes = OutcomeColumns.ROUTES.length;
        double[][] hours = new double[routes][];
        for (int r = 0; r < routes; r++) {
            hours[r] = new double[16];
        }
        ChunkShare share = ChunkShare.empty(hours);
        int[] count = share.count();
        long[] followed = share.followed();
        long[] refailed = share.refailed();
        long[] cost = share.cost();
        double[] ths = share.ths();
        boolean[] costKnown = share.costKnown();
        int vendor = f.vendor() == null ? -1 : OutcomeColumns.indexOf(OutcomeColumns.VENDORS, f.vendor());
        long site = f.siteId() == null ? -1 : f.siteId();
        long[] models = f.modelIds() == null ? null : f.modelIds().stream().mapToLong(Long::longValue).sorted().toArray();
        int size = o.size();
        for (int i = 0; i < size; i++) {
            long closed = o.closedMillis[i];
            if (closed < from || closed >= to || (site >= 0 && o.siteId[i] != site)
                    || (vendor >= 0 && o.vendor[i] != vendor)
                    || (models != null && java.util.Arrays.binarySearch(models, o.modelId[i]) < 0)) {
                continue;
            }
            int r = o.route[i];
            if (count[r] == hours[r].length) {
                hours[r] = java.util.Arrays.copyOf(hours[r], count[r] * 2);
            }
            hours[r][count[r]++] = o.hours[i];
            if (closed <= followedBy) {
                followed[r]++;
                if (o.refailed[i]) {
                    refailed[r]++;
                }
            }
            if (o.costCents[i] >= 0) {
                costKnown[r] = true;
                cost[r] += o.costCents[i];
                ths[r] += o.ths[i];
            }
        }
        for (int r = 0; r < routes; r++) {
            hours[r] = java.util.Arrays.copyOf(hours[r], count[r]);
            java.util.Arrays.sort(hours[r]);
        }
        return share;
    }

    /** One route's figures from its counts and its median and P90 hours. */
    private static RouteFigures figures(int r, long n, double[] q, long followed, long refailed, Long cost, Double ths) {
        String code = OutcomeColumns.ROUTES[r];
        return new RouteFigures(code, ROUTES.get(code), n, n == 0 ? null : q[0] / 24, n == 0 ? null : q[1] / 24,
                followed, refailed, followed == 0 ? null : (double) refailed / followed, cost, ths,
                cost == null || ths == 0 ? null : cost / 100.0 / ths);
    }

    private record FollowedUp(LocalDate day, long by) {
    }

    private volatile FollowedUp followedUp;

    /**
     * The last instant (epoch ms) a repair can have completed to count as followed up on that day: its
     * whole repair warranty, the window its re-failures count in, ended before the next day (UTC). The
     * window is the database's (repair_warranty_ends, R__repair_outcome.sql), asked once a day.
     */
    long followedUpBy(Connection c, LocalDate today) throws SQLException {
        FollowedUp known = followedUp;
        if (known != null && known.day().equals(today)) {
            return known.by();
        }
        OffsetDateTime tomorrow = today.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "select (extract(epoch from repair_warranty_ends(?) - ?) * 1000)::bigint")) {
            ps.setObject(1, tomorrow);
            ps.setObject(2, tomorrow);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                long by = tomorrow.toInstant().toEpochMilli() - rs.getLong(1) - 1;
                followedUp = new FollowedUp(today, by);
                return by;
            }
        }
    }

    /**
     * Per route over the columns, every chunk's share computed afresh (nothing remembered: the memo-off
     * measurement); followed up: completed on or before followedBy (epoch ms).
     */
    static List<RouteFigures> routes(OutcomeColumns.View columns, DashboardFilter f, long followedBy) {
        long from = f.from().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<ChunkShare> parts = new ArrayList<>();
        for (OutcomeColumns.Chunk o : columns.chunks()) {
            if (o.mayHaveClosed(from, to)) {
                parts.add(share(o, f, followedBy, from, to));
            }
        }
        return combine(parts);
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

    /** The holds presented in the period: days to decision, open ones censored today, counted by (days, ended). */
    List<Observation> dwellObservations(Connection c, DashboardFilter f, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Object> args = new ArrayList<>(List.of(today, f.from(), f.to()));
        List<Observation> data = new ArrayList<>();
        AvailabilityService.query(c, "select days, ended, count(*) from (select coalesce(h.decided_on, ?) - h.presented_on "
                + "as days, h.decided_on is not null as ended from customs_hold h" + holdJoin(f)
                + " where h.presented_on between ? and ?" + holdWhere(f, args) + ") x where days >= 0 group by 1, 2", args,
                rs -> data.add(new Observation(Math.max(rs.getInt(1), 0.5), rs.getBoolean(2), rs.getInt(3), null)));
        return data;
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
