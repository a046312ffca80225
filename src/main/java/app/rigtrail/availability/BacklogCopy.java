package app.rigtrail.availability;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import app.rigtrail.availability.domain.BacklogStage;

/**
 * The dashboard's copy of the open items of the repair backlog (the view backlog_item of R__backlog.sql;
 * their stage and the parts' places in their hubs' lines from BacklogStage, the one definition), as the
 * transaction of a {@link DashboardSnapshot} has them, so it shows the same moment as the snapshot's
 * completed repairs and every other figure of a request. Each request filters and aggregates it in
 * memory: a few milliseconds at 100,000 machines (30,000 open items).
 * <p>
 * A copy is brought up from the previous one by fetching again only the items that the writes since
 * named in backlog_change (V24, appended by the triggers of R__backlog.sql in the writing transaction):
 * those of transactions not older than the oldest one still running at the previous read
 * (pg_snapshot_xmin), so a late commit is never missed. The view whole takes a third of a second idle
 * and 1.6-2.9 s under the mixed load; a few changed items take milliseconds. It is read whole at first,
 * when a change names no key (a bulk load, a site's or hub's edit), when too many items changed, and when
 * the previous copy is older than the changes kept ({@link #INCREMENTAL_WINDOW}).
 */
public final class BacklogCopy {

    /** A copy older than this is read whole: backlog_change keeps an hour ({@link DashboardSnapshots}). */
    static final Duration INCREMENTAL_WINDOW = Duration.ofMinutes(30);
    /** More changed keys than this: the view is read whole (one scan beats many lookups). */
    static final int MOST_KEYS = 5_000;

    /** One open item, with what a list and a filter need. */
    public record Row(String kind, Long ticketId, Long rmaCaseId, String stage, long siteId, String site, String vendor,
            Long modelId, String model, String assetCode, String hub, long sinceMillis, String ticketState,
            String rmaState, String shipmentState, int stageIndex, int siteIndex, int vendorIndex) {
    }

    /** One item as the view gives it, before its stage (which depends on the other parts at its hub). */
    record Fetched(String kind, Long ticketId, Long rmaCaseId, long siteId, String site, String vendor, Long modelId,
            String model, String assetCode, Long hubId, String hub, long sinceMillis, Long atHubSinceMillis,
            String ticketState, String rmaState, String shipmentState, int capacityPerWeek, int turnaroundDays) {

        /** Its key in the copy: the ticket's id for a ticket's item, minus the case's for a case's. */
        long key() {
            return rmaCaseId != null ? -rmaCaseId : ticketId;
        }
    }

    /**
     * The items (oldest first), the site codes their site indexes stand for (sorted), and the moment they
     * show; {@code fetched} and {@code xmin} are what the next copy is built from.
     */
    public record Items(List<Row> rows, List<String> sites, Instant readAt, Map<Long, Fetched> fetched, long xmin,
            boolean incremental, Map<Long, Integer> hubRanks, Groups groups) {
    }

    /**
     * The rows of each site, vendor and stage (each oldest first, as {@link Items#rows()}), so that a request
     * filtering by one of them scans only those rows; built once per copy.
     */
    public record Groups(Map<Long, List<Row>> bySite, Map<Integer, List<Row>> byVendor, Map<Integer, List<Row>> byStage) {

        static Groups of(List<Row> rows) {
            Map<Long, List<Row>> sites = new HashMap<>();
            Map<Integer, List<Row>> vendors = new HashMap<>();
            Map<Integer, List<Row>> stages = new HashMap<>();
            for (Row r : rows) {
                sites.computeIfAbsent(r.siteId(), k -> new ArrayList<>()).add(r);
                vendors.computeIfAbsent(r.vendorIndex(), k -> new ArrayList<>()).add(r);
                stages.computeIfAbsent(r.stageIndex(), k -> new ArrayList<>()).add(r);
            }
            return new Groups(frozen(sites), frozen(vendors), frozen(stages));
        }

        private static <K> Map<K, List<Row>> frozen(Map<K, List<Row>> groups) {
            groups.replaceAll((k, v) -> java.util.Collections.unmodifiableList(v));
            return java.util.Collections.unmodifiableMap(groups);
        }
    }

    private BacklogCopy() {
    }

    private static final String SELECT = """
            select b.kind, b.ticket_id, b.rma_id, b.site_id, s.code, b.vendor, b.model_id, mm.name, m.asset_code,
                   b.hub_id, h.code, (extract(epoch from b.since) * 1000)::bigint,
                   (extract(epoch from b.at_hub_since) * 1000)::bigint, b.ticket_state, b.rma_state, b.shipment_state,
                   b.capacity_per_week, b.turnaround_days
            from backlog_item b join site s on s.id = b.site_id
            left join miner m on m.id = b.miner_id left join miner_model mm on mm.id = b.model_id
            left join repair_hub h on h.id = b.hub_id""";

    /** The open items as {@code c}'s snapshot has them, which shows the backlog at {@code at}: read whole. */
    static Items read(Connection c, Instant at) throws SQLException {
        return read(c, at, null);
    }

    /**
     * The open items as {@code c}'s (repeatable-read) snapshot has them, built from {@code previous} (null:
     * none) by fetching again the items changed since it.
     */
    static Items read(Connection c, Instant at, Items previous) throws SQLException {
        long snapshotXmin;
        try (PreparedStatement ps = c.prepareStatement("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            snapshotXmin = rs.getLong(1);
        }
        if (previous == null || previous.readAt().isBefore(at.minus(INCREMENTAL_WINDOW))) {
            return whole(c, at, snapshotXmin);
        }
        Set<Long> tickets = new HashSet<>();
        Set<Long> cases = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select ticket_id, rma_case_id from backlog_change where tx >= ?::text::xid8")) {
            ps.setString(1, Long.toString(previous.xmin()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long t = rs.getLong(1);
                    boolean noTicket = rs.wasNull();
                    long r = rs.getLong(2);
                    boolean noCase = rs.wasNull();
                    if (noTicket && noCase) {
                        return whole(c, at, snapshotXmin); // anything may have changed
                    }
                    if (!noTicket) {
                        tickets.add(t);
                    }
                    if (!noCase) {
                        cases.add(r);
                    }
                    if (tickets.size() + cases.size() > MOST_KEYS) {
                        return whole(c, at, snapshotXmin);
                    }
                }
            }
        }
        long xmin = Math.max(previous.xmin(), snapshotXmin);
        if (tickets.isEmpty() && cases.isEmpty()) {
            return new Items(previous.rows(), previous.sites(), at, previous.fetched(), xmin, true, previous.hubRanks(),
                    previous.groups());
        }
        Map<Long, Fetched> fetched = new HashMap<>(previous.fetched());
        Set<Long> changed = new HashSet<>();
        fetched.values().removeIf(f -> {
            boolean named = (f.ticketId() != null && tickets.contains(f.ticketId()))
                    || (f.rmaCaseId() != null && cases.contains(f.rmaCaseId()));
            if (named) {
                changed.add(f.key());
            }
            return named;
        });
        fetch(c, " where b.ticket_id = any(?)", tickets, fetched, changed);
        fetch(c, " where b.rma_id = any(?)", cases, fetched, changed);
        return update(previous, fetched, changed, at, xmin);
    }

    private static Items whole(Connection c, Instant at, long xmin) throws SQLException {
        Map<Long, Fetched> fetched = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fetched f = fetched(rs);
                    fetched.put(f.key(), f);
                }
            }
        }
        return derive(fetched, at, xmin, false);
    }

    private static void fetch(Connection c, String where, Collection<Long> keys, Map<Long, Fetched> into,
            Set<Long> changed) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
            Array ids = c.createArrayOf("bigint", keys.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fetched f = fetched(rs);
                    into.put(f.key(), f);
                    changed.add(f.key());
                }
            }
        }
    }

    private static Fetched fetched(ResultSet rs) throws SQLException {
        long atHub = rs.getLong(13);
        Long atHubSince = rs.wasNull() ? null : atHub;
        return new Fetched(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9), (Long) rs.getObject(10),
                rs.getString(11), rs.getLong(12), atHubSince, rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getInt(17), rs.getInt(18));
    }

    /** The items' stages (the parts at a hub ranked first), the site codes, the rows oldest first. */
    static Items derive(Map<Long, Fetched> fetched, Instant at, long xmin, boolean incremental) {
        Map<Long, Integer> ranks = ranks(fetched);
        List<String> sites = siteCodes(fetched);
        Map<String, Integer> siteIndex = siteIndex(sites);
        List<Row> rows = new ArrayList<>(fetched.size());
        for (Fetched f : fetched.values()) {
            Row row = row(f, ranks, siteIndex);
            if (row != null) {
                rows.add(row);
            }
        }
        rows.sort(ORDER);
        List<Row> all = java.util.Collections.unmodifiableList(rows);
        return new Items(all, sites, at, java.util.Collections.unmodifiableMap(fetched), xmin, incremental,
                ranks, Groups.of(all));
    }

    /**
     * The copy after {@code changed} (the keys of the items fetched again or gone) from {@code previous}: the
     * same items, stages and order as {@link #derive} gives, without building every row again. The rows kept
     * are those neither changed nor moved between a hub's queue and its repair by the others' changes (the
     * hubs' lines ranked again, as derive does); the rows built again are sorted and merged into them. A
     * changed set of sites (their indexes shift) is derived whole.
     */
    static Items update(Items previous, Map<Long, Fetched> fetched, Set<Long> changed, Instant at, long xmin) {
        List<String> sites = siteCodes(fetched);
        if (!sites.equals(previous.sites())) {
            return derive(fetched, at, xmin, true);
        }
        Map<Long, Integer> ranks = ranks(fetched);
        Set<Long> rebuilt = new HashSet<>(changed);
        for (Map.Entry<Long, Integer> e : ranks.entrySet()) {
            Fetched f = fetched.get(-e.getKey());
            Integer before = previous.hubRanks().get(e.getKey());
            if (f != null && (before == null || BacklogStage.inRepair(before, f.capacityPerWeek(), f.turnaroundDays())
                    != BacklogStage.inRepair(e.getValue(), f.capacityPerWeek(), f.turnaroundDays()))) {
                rebuilt.add(f.key());
            }
        }
        for (Long caseId : previous.hubRanks().keySet()) {
            if (!ranks.containsKey(caseId)) {
                rebuilt.add(-caseId); // no longer at its hub (then changed, so named anyway)
            }
        }
        Map<String, Integer> siteIndex = siteIndex(sites);
        List<Row> fresh = new ArrayList<>();
        for (Long key : rebuilt) {
            Fetched f = fetched.get(key);
            Row row = f == null ? null : row(f, ranks, siteIndex);
            if (row != null) {
                fresh.add(row);
            }
        }
        fresh.sort(ORDER);
        List<Row> rows = new ArrayList<>(previous.rows().size() + fresh.size());
        int next = 0;
        for (Row kept : previous.rows()) {
            if (rebuilt.contains(itemKey(kept))) {
                continue;
            }
            while (next < fresh.size() && ORDER.compare(fresh.get(next), kept) < 0) {
                rows.add(fresh.get(next++));
            }
            rows.add(kept);
        }
        while (next < fresh.size()) {
            rows.add(fresh.get(next++));
        }
        List<Row> all = java.util.Collections.unmodifiableList(rows);
        return new Items(all, sites, at, java.util.Collections.unmodifiableMap(fetched), xmin, true, ranks,
                Groups.of(all));
    }

    /** The place of every part at a hub in its hub's line, by case. */
    private static Map<Long, Integer> ranks(Map<Long, Fetched> fetched) {
        List<BacklogStage.HubArrival> atHubs = new ArrayList<>();
        for (Fetched f : fetched.values()) {
            if ("AT_HUB".equals(f.rmaState())) {
                atHubs.add(new BacklogStage.HubArrival(f.hubId(), f.atHubSinceMillis(), f.rmaCaseId()));
            }
        }
        return java.util.Collections.unmodifiableMap(BacklogStage.hubRanks(atHubs));
    }

    private static List<String> siteCodes(Map<Long, Fetched> fetched) {
        TreeSet<String> siteCodes = new TreeSet<>();
        for (Fetched f : fetched.values()) {
            siteCodes.add(f.site());
        }
        return List.copyOf(siteCodes);
    }

    private static Map<String, Integer> siteIndex(List<String> sites) {
        Map<String, Integer> siteIndex = new HashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            siteIndex.put(sites.get(i), i);
        }
        return siteIndex;
    }

    /** The item's row with its stage; null when it is no longer in the backlog (a rejected claim whose ticket is closed). */
    private static Row row(Fetched f, Map<Long, Integer> ranks, Map<String, Integer> siteIndex) {
        int rank = f.rmaCaseId() == null ? 0 : ranks.getOrDefault(f.rmaCaseId(), 0);
        boolean inRepair = BacklogStage.inRepair(rank, f.capacityPerWeek(), f.turnaroundDays());
        Optional<BacklogStage> stage = BacklogStage.of(f.ticketState(), f.rmaState(), f.shipmentState(), inRepair);
        if (stage.isEmpty()) {
            return null;
        }
        return new Row(f.kind(), f.ticketId(), f.rmaCaseId(), stage.get().name(), f.siteId(), f.site(), f.vendor(),
                f.modelId(), f.model(), f.assetCode(), f.hub(), f.sinceMillis(), f.ticketState(), f.rmaState(),
                f.shipmentState(), stage.get().ordinal(), siteIndex.get(f.site()),
                OutcomeColumns.indexOf(OutcomeColumns.VENDORS, f.vendor()));
    }

    /** A row's item in {@link Items#fetched()}: minus the case's id for a case's, the ticket's for a ticket's. */
    private static long itemKey(Row r) {
        return r.rmaCaseId() != null ? -r.rmaCaseId() : r.ticketId();
    }

    /** Oldest first; one age: by ticket, a ticket's cases by case. */
    private static final java.util.Comparator<Row> ORDER = java.util.Comparator.comparingLong(Row::sinceMillis)
            .thenComparingLong(BacklogCopy::key)
            .thenComparing(Row::rmaCaseId, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));

    private static long key(Row r) {
        return r.ticketId() != null ? r.ticketId() : -r.rmaCaseId();
    }
}
