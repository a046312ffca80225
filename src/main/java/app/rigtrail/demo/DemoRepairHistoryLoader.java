package app.rigtrail.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.rigtrail.demo.DemoRepairHistory.Hub;
import app.rigtrail.demo.DemoRepairHistory.MinerRow;

/**
 * Loads a generated repair history into a loaded demo fleet: reads the fleet, has
 * {@link DemoRepairHistory} generate the tickets, cases, shipments and holds, which {@link DemoCopyWriter}
 * writes with COPY, sets the machines' statuses and the sequences after them, and rebuilds the
 * aggregates ({@link DemoAggregates}), since the bulk load bypasses the triggers that keep them current.
 */
public final class DemoRepairHistoryLoader {

    /** Three years of history. */
    public static final int WINDOW_DAYS = 3 * 365;

    public record Report(long tickets, long rmaCases, long openTickets, long openCases, long shipments, long holds,
            long millis) {
    }

    /**
     * The demo's bad series (domain.md: about 5% failures a year on normal batches, 10-20% and more on
     * bad series): its machines fail this many times as often as the others.
     */
    public static final String BAD_SERIES = "S19 XP";
    public static final double BAD_SERIES_FACTOR = 3.5;

    private DemoRepairHistoryLoader() {
    }

    public static Report load(Connection c, long tickets, int windowDays, long seed, Instant now) throws SQLException {
        long started = System.nanoTime();
        if (tickets <= 0) {
            return new Report(0, 0, 0, 0, 0, 0, 0);
        }
        DemoCopyWriter out = new DemoCopyWriter(c);
        DemoRepairHistory history = new DemoRepairHistory(out, nextId(c, "repair_ticket"), nextId(c, "rma_case"));
        history.generate(miners(c), componentsByMiner(c), hubs(c), tickets, windowDays, seed, now.getEpochSecond());
        long shipments = history.shipInFlight(nextId(c, "shipment"),
                firstId(c, "select id from port order by code limit 1"));
        try (Statement s = c.createStatement()) {
            StringBuilder sb = new StringBuilder();
            history.finalStatus.forEach((id, st) -> sb.append(id).append(',').append(st).append('\n'));
            s.execute("create temp table demo_status (id bigint primary key, status varchar(16)) on commit drop");
            out.copy("copy demo_status from stdin (format csv)", sb);
            s.execute("update miner m set status = d.status from demo_status d where d.id = m.id");
            s.execute("select setval('repair_ticket_id_seq', greatest((select coalesce(max(id), 0) from repair_ticket), 1))");
            s.execute("select setval('rma_case_id_seq', greatest((select coalesce(max(id), 0) from rma_case), 1))");
            if (shipments > 0) {
                s.execute("select setval('shipment_id_seq', greatest((select coalesce(max(id), 0) from shipment), 1))");
            }
        }
        DemoAggregates.rebuild(c);
        return new Report(history.ticketTotal, history.caseTotal, history.openTickets, history.openCases, shipments,
                history.held(), (System.nanoTime() - started) / 1_000_000);
    }

    private static List<MinerRow> miners(Connection c) throws SQLException {
        List<MinerRow> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select m.id, m.site_id, m.model_id, extract(epoch from m.installed_at)::bigint, m.status, mm.vendor,
                       mm.hashboards, mm.hashboard_degrades, mm.name
                from miner m join miner_model mm on mm.id = m.model_id where m.status <> 'RETIRED' order by m.id""")) {
            while (rs.next()) {
                out.add(new MinerRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getString(9)));
            }
        }
        return out;
    }

    /** One installed component id per miner and part kind (in the order of KINDS), 0 when none. */
    private static Map<Long, long[]> componentsByMiner(Connection c) throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select miner_id, kind, min(id) from component where miner_id is not null group by miner_id, kind")) {
            while (rs.next()) {
                int k = List.of(DemoRepairHistory.KINDS).indexOf(rs.getString(2));
                if (k >= 0) {
                    out.computeIfAbsent(rs.getLong(1), x -> new long[DemoRepairHistory.KINDS.length])[k] = rs.getLong(3);
                }
            }
        }
        return out;
    }

    private static List<Hub> hubs(Connection c) throws SQLException {
        List<Hub> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select id, kind, vendors, turnaround_days from repair_hub where kind <> 'IN_HOUSE_BENCH' order by id")) {
            while (rs.next()) {
                out.add(new Hub(rs.getLong(1), rs.getString(2), rs.getString(3), Math.max(rs.getInt(4), 1)));
            }
        }
        return out;
    }

    private static long nextId(Connection c, String table) throws SQLException {
        return firstId(c, "select coalesce(max(id), 0) + 1 from " + table);
    }

    private static long firstId(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

}
