package app.rigtrail.forecast;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import app.rigtrail.availability.BacklogService;
import app.rigtrail.availability.Dashboard;
import app.rigtrail.availability.DashboardFilter;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.LiveState;
import app.rigtrail.forecast.domain.Stage;

/**
 * Today's repair pipeline as the dashboard reads it, for the forecast's day 0: the dashboard's own
 * backlog items (one rule for the stage of an item: {@code BacklogStage}, through the same snapshot),
 * each given its part kind, hub and whether it keeps its machine down; machines down without an open
 * item; open purchase orders. {@link #read} also returns the dashboard's figures read in the same
 * snapshot, which day 0 of the forecast must equal.
 */
@ApplicationScoped
public class LiveStateReader {

    /** The live state in the engine's indexes, and what the dashboard showed in the same read. */
    public record Live(LiveState state, Map<String, Object> initialState) {
    }

    @Inject
    Dashboard dashboard;

    /**
     * Reads the live state of the fleet's sites and vendors. {@code site}, {@code vendor} and {@code model}
     * are the dashboard's filters (null: all); the fleet holds exactly the sites and vendors they keep.
     */
    public Live read(Fleet fleet, String site, String vendor, String model, LocalDate today) {
        return dashboard.read(site, vendor, model, null, null, (c, f, now) -> read(c, f, now, fleet, today));
    }

    private Live read(Connection c, DashboardFilter f, Instant now, Fleet fleet, LocalDate today) throws SQLException {
        BacklogService backlog = dashboard.backlog();
        List<BacklogService.Item> items = backlog.items(c, f, null, now, 0, 0).items();
        BacklogService.BacklogReport report = backlog.report(c, f, now, 0);
        double unitsDownDashboard = dashboard.availability().report(c, f, now, null).now().unitsDown();
        int kinds = fleet.partKinds().size();
        int vendors = fleet.vendors().size();
        Map<Long, String> ticketKind = new HashMap<>();
        Map<Long, String> caseKind = new HashMap<>();
        Map<Long, Double> holdAge = new HashMap<>();
        // the part kinds of the items' own tickets and cases, looked up by their keys (a join of every open
        // ticket against all the components made the database hash the whole component table: ~550 ms at
        // 850,000 components)
        Long[] ticketIds = items.stream().filter(i -> i.rmaCaseId() == null && i.ticketId() != null)
                .map(BacklogService.Item::ticketId).distinct().toArray(Long[]::new);
        Long[] caseIds = items.stream().map(BacklogService.Item::rmaCaseId).filter(java.util.Objects::nonNull)
                .distinct().toArray(Long[]::new);
        byIds(c, """
                select f.ticket_id, min(co.kind) from ticket_failed_component f join component co on co.id = f.component_id
                where f.ticket_id = any(?) group by f.ticket_id""", ticketIds,
                rs -> ticketKind.put(rs.getLong(1), rs.getString(2)));
        byIds(c, """
                select r.id, co.kind from rma_case r join component co on co.id = r.component_id
                where r.id = any(?)""", caseIds, rs -> caseKind.put(rs.getLong(1), rs.getString(2)));
        query(c, """
                select si.rma_case_id, extract(epoch from (now() - min(h.opened_at))) / 86400.0
                from customs_hold h join shipment_item si on si.shipment_id = h.shipment_id
                where h.outcome is null and si.rma_case_id is not null group by si.rma_case_id""",
                rs -> holdAge.put(rs.getLong(1), rs.getDouble(2)));
        // the machines down now, per asset code (only those: the running ones were read and skipped before,
        // 100,000 rows for a few thousand)
        Map<String, Boolean> downByAsset = new HashMap<>();
        int[] down = new int[fleet.machines().length];
        query(c, """
                select m.asset_code, s.code, mm.vendor from miner m
                join site s on s.id = m.site_id join miner_model mm on mm.id = m.model_id
                where m.status in ('DOWN', 'IN_REPAIR')""" + modelClause(f), rs -> {
            int s = fleet.sites().indexOf(rs.getString(2));
            int v = fleet.vendors().indexOf(rs.getString(3));
            if (s < 0 || v < 0) {
                return;
            }
            downByAsset.put(rs.getString(1), true);
            down[fleet.siteVendor(s, v)]++;
        }, f);
        Map<String, Integer> hubIndex = new HashMap<>();
        for (int h = 0; h < fleet.hubs().size(); h++) {
            hubIndex.put(fleet.hubs().get(h).code(), h);
        }
        List<LiveState.Item> out = new ArrayList<>();
        Set<String> counted = new HashSet<>();
        int[] dashboardStages = new int[Stage.values().length];
        for (BacklogService.Item i : items) {
            int s = fleet.sites().indexOf(i.site());
            int v = fleet.vendors().indexOf(i.vendor());
            if (s < 0 || v < 0) {
                continue; // outside the forecast's fleet (another site, vendor or a retired model)
            }
            Stage stage = Stage.of(app.rigtrail.availability.domain.BacklogStage.valueOf(i.stage()));
            String kind = i.rmaCaseId() != null ? caseKind.get(i.rmaCaseId()) : ticketKind.get(i.ticketId());
            int k = kind == null ? -1 : fleet.partKinds().indexOf(kind);
            if (k < 0) {
                k = likeliestKind(fleet, s, v);
            }
            int cell = (fleet.siteVendor(s, v)) * kinds + k;
            Integer h = i.hub() == null ? null : hubIndex.get(i.hub());
            int hub = h == null ? -1 : h;
            int route = hub < 0 ? -1 : fleet.hubs().get(hub).route() == Fleet.Route.VENDOR_HUB ? 0 : 1;
            boolean machineDown = i.assetCode() != null && downByAsset.containsKey(i.assetCode())
                    && counted.add(i.assetCode());
            if (hub < 0 && (stage == Stage.IN_TRANSIT || stage == Stage.HUB_QUEUE || stage == Stage.HUB_REPAIR)) {
                // at a hub the forecast does not model (a hub of another kind): it comes back as if returning
                stage = Stage.RETURNING;
            }
            double age = switch (stage) {
                case CUSTOMS_HOLD -> holdAge.getOrDefault(i.rmaCaseId(), 0.0);
                case BENCH_REPAIR -> i.ageDays();
                default -> Double.NaN;
            };
            boolean inbound = i.rmaState() != null && !"SHIPPED".equals(i.rmaState());
            out.add(new LiveState.Item(stage, cell, hub, route, age, inbound, machineDown));
            dashboardStages[Stage.of(app.rigtrail.availability.domain.BacklogStage.valueOf(i.stage())).ordinal()]++;
        }
        int[] withoutItem = down.clone();
        for (LiveState.Item i : out) {
            if (i.machineDown()) {
                withoutItem[i.cell() / kinds]--;
            }
        }
        for (int sv = 0; sv < withoutItem.length; sv++) {
            withoutItem[sv] = Math.max(0, withoutItem[sv]);
        }
        List<LiveState.Order> orders = new ArrayList<>();
        query(c, """
                select s.code, p.vendor, p.kind, o.expected_on, o.quantity from purchase_order o
                join part p on p.id = o.part_id join stock_location l on l.id = o.location_id join site s on s.id = l.site_id
                where o.state in ('OPEN', 'IN_TRANSIT')""", rs -> {
            int s = fleet.sites().indexOf(rs.getString(1));
            int v = fleet.vendors().indexOf(rs.getString(2));
            int k = fleet.partKinds().indexOf(rs.getString(3));
            if (s >= 0 && v >= 0 && k >= 0) {
                LocalDate due = rs.getObject(4, LocalDate.class);
                int day = (int) Math.max(1, Math.min(3650, java.time.temporal.ChronoUnit.DAYS.between(today, due)));
                orders.add(new LiveState.Order(fleet.cell(s, v, k), day, rs.getInt(5)));
            }
        });
        LiveState state = new LiveState(out, withoutItem, ForecastInputs.OTHER_DOWN_MEAN_DAYS, orders);
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("asOf", report.asOf().toString());
        initial.put("unitsDown", state.machinesDown());
        initial.put("unitsDownDashboard", unitsDownDashboard);
        Map<String, Object> stages = new LinkedHashMap<>();
        int[] counts = state.stageCounts();
        for (app.rigtrail.availability.domain.BacklogStage st : app.rigtrail.availability.domain.BacklogStage.values()) {
            stages.put(st.name(), counts[Stage.of(st).ordinal()]);
        }
        initial.put("backlog", stages);
        Map<String, Object> shown = new LinkedHashMap<>();
        for (BacklogService.StageFigures sf : report.stages()) {
            shown.put(sf.stage(), sf.count());
        }
        initial.put("backlogDashboard", shown);
        initial.put("backlogTotal", out.size());
        initial.put("backlogTotalDashboard", report.total());
        initial.put("sparesOnOrder", counts[Stage.ON_ORDER.ordinal()]);
        long without = 0;
        for (int d : withoutItem) {
            without += d;
        }
        initial.put("unitsDownWithoutOpenItem", without);
        return new Live(state, initial);
    }

    /** The part kind most likely to have failed at a site and vendor (most sockets), for items without one. */
    private static int likeliestKind(Fleet fleet, int s, int v) {
        int best = 0;
        for (int k = 1; k < fleet.partKinds().size(); k++) {
            if (fleet.sockets()[fleet.cell(s, v, k)] > fleet.sockets()[fleet.cell(s, v, best)]) {
                best = k;
            }
        }
        return best;
    }

    private static String modelClause(DashboardFilter f) {
        return f.modelIds() != null && f.model() != null ? " and m.model_id = any(?)" : "";
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** A query whose one parameter is an array of ids; nothing asked, nothing read. */
    private static void byIds(Connection c, String sql, Long[] ids, RowReader reader) throws SQLException {
        if (ids.length == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            readAll(ps, reader);
        }
    }

    private static void readAll(PreparedStatement ps, RowReader reader) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    private static void query(Connection c, String sql, RowReader reader) throws SQLException {
        query(c, sql, reader, null);
    }

    private static void query(Connection c, String sql, RowReader reader, DashboardFilter f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (f != null && f.modelIds() != null && f.model() != null) {
                ps.setArray(1, c.createArrayOf("bigint", f.modelIds().toArray()));
            }
            readAll(ps, reader);
        }
    }
}
