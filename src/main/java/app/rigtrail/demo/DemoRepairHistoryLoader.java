package app.rigtrail.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a generated repair history into a loaded demo fleet with COPY: tickets that take machines
 * down and bring them back (swap, bench, RMA, scrap), their events, the machines' status events, RMA
 * cases through vendor hubs and onshore partners with their events, and, for the cases on the way
 * at the moment of loading, the shipments carrying them and the customs holds stopping some of them.
 *
 * <p>Each machine fails as a Poisson process over the window (at most its installed life) at the rate
 * that gives about {@code tickets} tickets; its tickets never overlap. Route shares and durations are
 * those of a large operator (see docs/dashboard.md). Deterministic for a seed. Tickets still open at
 * {@code now} stay open in the state they have reached; the machines' statuses follow.
 *
 * <p>What it does not write: genealogy moves of the failed and spare parts, and shipments of the
 * cases already completed (their events carry the dates). The aggregates are rebuilt at the end,
 * since the bulk load bypasses the triggers that keep them current.
 */
public final class DemoRepairHistoryLoader {

    /** Three years of history. */
    public static final int WINDOW_DAYS = 3 * 365;
    private static final int CHUNK = 20_000;
    private static final long HOUR = 3_600, DAY = 86_400;
    private static final String ACTOR = DemoFleetLoader.ACTOR;
    private static final String[] SYMPTOMS = {"hashboard not detected", "fan speed error", "PSU no output",
        "control board unresponsive", "high temperature shutdown", "chain 2 missing chips"};
    private static final String[] KINDS = {"HASHBOARD", "FAN", "PSU", "CONTROL_BOARD"};

    public record Report(long tickets, long rmaCases, long openTickets, long openCases, long shipments, long holds,
            long millis) {
    }

    private record MinerRow(long id, long siteId, long modelId, long installedAt, String status, String vendor,
            int hashboards, boolean degrades, String model) {
    }

    /**
     * The demo's bad series (domain.md: about 5% failures a year on normal batches, 10-20% and more on
     * bad series): its machines fail this many times as often as the others.
     */
    public static final String BAD_SERIES = "S19 XP";
    public static final double BAD_SERIES_FACTOR = 3.5;

    private static double weight(MinerRow m) {
        return BAD_SERIES.equals(m.model()) ? BAD_SERIES_FACTOR : 1;
    }

    private record Hub(long id, String kind, String vendors, double turnaroundDays) {
    }

    /** An open case on its way at {@code now}: which shipment group carries it. */
    private record InFlight(long caseId, long componentId, long siteId, long hubId, boolean inbound, long shippedAt,
            long heldFrom, String vendor) {
    }

    private DemoRepairHistoryLoader() {
    }

    public static Report load(Connection c, long tickets, int windowDays, long seed, Instant now) throws SQLException {
        long started = System.nanoTime();
        if (tickets <= 0) {
            return new Report(0, 0, 0, 0, 0, 0, 0);
        }
        List<MinerRow> miners = miners(c);
        Map<Long, long[]> parts = componentsByMiner(c);
        List<Hub> hubs = hubs(c);
        long nowS = now.getEpochSecond();
        long windowStart = nowS - windowDays * DAY;
        double exposure = 0;
        for (MinerRow m : miners) {
            exposure += (nowS - Math.max(m.installedAt(), windowStart)) * weight(m);
        }
        // repairs take machines out of exposure (about 2.5 days each): the rate over the time left keeps the count
        double rate = exposure <= 0 ? 0 : tickets / Math.max(exposure - tickets * 2.5 * DAY, exposure / 2);
        Out out = new Out(c, nextId(c, "repair_ticket"), nextId(c, "rma_case"));
        Map<Long, String> finalStatus = new HashMap<>();
        List<InFlight> inFlight = new ArrayList<>();
        for (MinerRow m : miners) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + m.id());
            long t = Math.max(m.installedAt(), windowStart);
            String status = m.status();
            while (true) {
                t += (long) (-Math.log(1 - r.nextDouble()) / (rate * weight(m)));
                if (t >= nowS) {
                    break;
                }
                long end = ticket(out, r, m, parts.get(m.id()), hubs, t, status, nowS, inFlight);
                if (end >= nowS) {
                    status = out.lastStatus;
                    break;
                }
                status = "HASHING";
                t = end;
            }
            if (!status.equals(m.status())) {
                finalStatus.put(m.id(), status);
            }
            out.flushIfFull();
        }
        out.flush();
        long shipments = shipInFlight(c, inFlight, nowS);
        try (Statement s = c.createStatement()) {
            StringBuilder sb = new StringBuilder();
            finalStatus.forEach((id, st) -> sb.append(id).append(',').append(st).append('\n'));
            s.execute("create temp table demo_status (id bigint primary key, status varchar(16)) on commit drop");
            copy(c, "copy demo_status from stdin (format csv)", sb);
            s.execute("update miner m set status = d.status from demo_status d where d.id = m.id");
            s.execute("select setval('repair_ticket_id_seq', greatest((select coalesce(max(id), 0) from repair_ticket), 1))");
            s.execute("select setval('rma_case_id_seq', greatest((select coalesce(max(id), 0) from rma_case), 1))");
        }
        rebuildAggregates(c);
        return new Report(out.ticketTotal, out.caseTotal, out.openTickets, out.openCases, shipments,
                inFlight.stream().filter(f -> f.heldFrom() > 0).count(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Rebuilds the dashboard's aggregates after a bulk load that bypassed their triggers. */
    public static void rebuildAggregates(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select availability_rebuild()");
            s.execute("select availability_close_days(((now() at time zone 'UTC')::date - 1))");
            s.execute("select repair_outcome_rebuild()");
        }
    }

    /** Writes one ticket and what follows from it; returns when the machine is back (may be after now). */
    private static long ticket(Out out, SplittableRandom r, MinerRow m, long[] components, List<Hub> hubs, long opened,
            String before, long now, List<InFlight> inFlight) {
        long id = out.nextTicket++;
        out.ticketTotal++;
        int kind = r.nextInt(KINDS.length);
        boolean degraded = kind == 0 && m.degrades() && m.hashboards() > 1 && r.nextDouble() < 0.7;
        String down = degraded ? "DEGRADED" : "DOWN";
        double u = r.nextDouble();
        String route = u < 0.55 ? "SWAP" : u < 0.80 ? "BENCH" : u < 0.95 ? "RMA" : "SCRAP";
        long diagnosed = opened + exp(r, 6 * HOUR);
        List<long[]> states = new ArrayList<>(); // {time, state index}
        states.add(new long[] {opened, 0});
        states.add(new long[] {diagnosed, 1});
        long resolved;
        switch (route) {
            case "SWAP" -> {
                long t = diagnosed;
                if (r.nextDouble() < 0.2) {
                    states.add(new long[] {t, 2});
                    t += exp(r, 4 * DAY);
                }
                resolved = t + exp(r, 6 * HOUR);
            }
            case "BENCH" -> {
                states.add(new long[] {diagnosed, 3});
                resolved = diagnosed + (long) (4 * DAY * Math.exp(0.8 * normal(r)));
            }
            case "RMA" -> {
                states.add(new long[] {diagnosed, 4});
                resolved = diagnosed + exp(r, 2 * DAY);
            }
            default -> resolved = diagnosed + exp(r, DAY);
        }
        states.add(new long[] {resolved, 5});
        String[] names = {"OPEN", "DIAGNOSING", "AWAITING_PART", "IN_BENCH_REPAIR", "AWAITING_RMA_SHIPMENT", "RESOLVED"};
        String state = null;
        for (long[] s : states) {
            if (s[0] > now) {
                break;
            }
            String to = names[(int) s[1]];
            out.ticketEvents.append(id).append(',').append(ts(s[0])).append(',').append(ACTOR).append(',')
                    .append(state == null ? "" : state).append(',').append(to).append(",\n");
            state = to;
        }
        boolean open = resolved > now;
        if (open) {
            out.openTickets++;
        }
        boolean routed = !"OPEN".equals(state) && !"DIAGNOSING".equals(state) || !open;
        out.tickets(id, m, state, routed ? route : null, SYMPTOMS[kind + r.nextInt(2) * 2 % SYMPTOMS.length], before,
                opened, open ? -1 : resolved, routed ? route.toLowerCase() + " after diagnosis" : "");
        long component = components == null ? 0 : components[kind];
        if (component > 0) {
            out.failed.append(id).append(',').append(component).append('\n');
        }
        out.minerEvents.append(m.id()).append(',').append(ts(opened)).append(',').append(ACTOR).append(',').append(before)
                .append(',').append(down).append(",ticket ").append(id).append(" opened\n");
        out.lastStatus = down;
        if (!open) {
            out.minerEvents.append(m.id()).append(',').append(ts(resolved)).append(',').append(ACTOR).append(',')
                    .append(down).append(",HASHING,ticket ").append(id).append(" resolved\n");
            out.lastStatus = "HASHING";
        }
        if ("RMA".equals(route) && diagnosed <= now && component > 0) {
            rmaCase(out, r, m, id, component, kind, hubs, diagnosed, now, inFlight);
        }
        return resolved;
    }

    private static void rmaCase(Out out, SplittableRandom r, MinerRow m, long ticketId, long component, int kind,
            List<Hub> hubs, long opened, long now, List<InFlight> inFlight) {
        List<Hub> fit = hubs.stream().filter(h -> h.vendors().contains(m.vendor())).toList();
        if (fit.isEmpty()) {
            return;
        }
        List<Hub> onshore = fit.stream().filter(h -> "ONSHORE_PARTNER".equals(h.kind())).toList();
        List<Hub> vendorHubs = fit.stream().filter(h -> !"ONSHORE_PARTNER".equals(h.kind())).toList();
        boolean toOnshore = !onshore.isEmpty() && (vendorHubs.isEmpty() || r.nextDouble() < 0.3);
        List<Hub> pool = toOnshore ? onshore : vendorHubs;
        Hub hub = pool.get(r.nextInt(pool.size()));
        long id = out.nextCase++;
        out.caseTotal++;
        // shipped on the next Monday (epoch day 4 was a Monday) at 15:00 UTC
        long day = Math.floorDiv(opened, DAY);
        long shipDay = day + Math.floorMod(4 - day, 7) + (Math.floorMod(4 - day, 7) == 0 ? 7 : 0);
        long shipped = shipDay * DAY + 15 * HOUR;
        double transit = toOnshore ? 3 : 9;
        long atHub = shipped + (long) (transit * DAY * Math.exp(0.3 * normal(r)));
        boolean replaced = r.nextDouble() < 0.1;
        long done = atHub + (long) (hub.turnaroundDays() * DAY * Math.exp(0.35 * normal(r)));
        long returned = done + exp(r, 2 * DAY);
        long heldFrom = 0;
        long heldFor = 0;
        // normal times: a small share of crossings held, mostly for days, a tail of other agencies' holds of weeks
        if (!toOnshore && r.nextDouble() < 0.06) {
            heldFrom = returned + (long) (6 * DAY);
            heldFor = r.nextDouble() < 0.8 ? (long) (4 * DAY * Math.exp(0.6 * normal(r)))
                    : (long) (30 * DAY * Math.exp(0.4 * normal(r)));
        }
        long received = returned + (long) (transit * DAY * Math.exp(0.3 * normal(r))) + heldFor;
        long[] times = {opened, shipped, atHub, done, returned, received, received + 60};
        String[] names = {"OPENED", "SHIPPED", "AT_HUB", replaced ? "REPLACED" : "REPAIRED", "RETURNED", "RECEIVED",
            "CLOSED"};
        String state = null;
        for (int i = 0; i < times.length && times[i] <= now; i++) {
            out.caseEvents.append(id).append(',').append(ts(times[i])).append(',').append(ACTOR).append(',')
                    .append(state == null ? "" : state).append(',').append(names[i]).append(",\n");
            state = names[i];
        }
        boolean open = !"CLOSED".equals(state);
        if (open) {
            out.openCases++;
            if ("SHIPPED".equals(state)) {
                inFlight.add(new InFlight(id, component, m.siteId(), hub.id(), false, shipped, 0, m.vendor()));
            } else if ("RETURNED".equals(state)) {
                inFlight.add(new InFlight(id, component, m.siteId(), hub.id(), true, returned,
                        heldFrom > 0 && heldFrom <= now ? heldFrom : 0, m.vendor()));
            }
        }
        String vendor = m.vendor();
        out.cases.append(id).append(',').append(component).append(',').append(ticketId).append(',').append(m.siteId())
                .append(',').append(vendor).append(',').append(hub.id()).append(',').append(state).append(',')
                .append("RMA-").append(id).append(',')
                .append("BITMAIN".equals(vendor) ? KINDS[kind].toLowerCase() + " failure" : "").append(',')
                .append("MICROBT".equals(vendor) ? "E" + (100 + kind) : "").append(',')
                .append("CANAAN".equals(vendor) ? "T-" + id : "").append(',')
                .append("CANAAN".equals(vendor) ? KINDS[kind].toLowerCase() + " failure" : "").append(',')
                .append(r.nextDouble() < 0.6).append(",false,")
                .append(state.equals("OPENED") ? "" : LocalDate.ofEpochDay(shipDay).toString()).append(',')
                .append(ACTOR).append(',').append(ts(opened)).append('\n');
    }

    /** Open cases on the way travel in one shipment per site, hub, direction and day; held ones are held. */
    private static long shipInFlight(Connection c, List<InFlight> inFlight, long now) throws SQLException {
        if (inFlight.isEmpty()) {
            return 0;
        }
        Map<String, List<InFlight>> groups = new TreeMap<>();
        for (InFlight f : inFlight) {
            groups.computeIfAbsent(f.siteId() + "/" + f.hubId() + "/" + f.inbound() + "/" + f.shippedAt() / DAY + "/"
                    + (f.heldFrom() > 0) + "/" + f.vendor(), k -> new ArrayList<>()).add(f);
        }
        long shipmentBase = nextId(c, "shipment");
        long port = firstId(c, "select id from port order by code limit 1");
        StringBuilder ships = new StringBuilder();
        StringBuilder items = new StringBuilder();
        StringBuilder holds = new StringBuilder();
        long id = shipmentBase;
        for (List<InFlight> g : groups.values()) {
            InFlight f = g.get(0);
            boolean held = f.heldFrom() > 0;
            ships.append(id).append(',').append(f.inbound() ? "INBOUND_RETURN" : "OUTBOUND_TO_HUB").append(",DHL,DH")
                    .append(id).append(',').append(f.inbound() ? "hub " + f.hubId() : "site " + f.siteId()).append(',')
                    .append(f.inbound() ? "site " + f.siteId() : "hub " + f.hubId()).append(',').append(f.siteId())
                    .append(',').append(f.hubId()).append(',').append(f.inbound() && port > 0 ? String.valueOf(port) : "")
                    .append(',').append(held ? "HELD" : "IN_TRANSIT").append(',').append(ACTOR).append(',')
                    .append(ts(f.shippedAt())).append('\n');
            for (InFlight x : g) {
                items.append(id).append(",RMA_CASE,").append(x.componentId()).append(',').append(x.caseId()).append('\n');
            }
            if (held && port > 0) {
                LocalDate presented = LocalDate.ofEpochDay(f.heldFrom() / DAY);
                holds.append(id).append(",R").append(id).append(',').append(port).append(',').append(f.vendor())
                        .append(",CBP_INTENSIVE,").append(presented).append(',').append(ts(f.heldFrom())).append(',')
                        .append(g.size()).append('\n');
            }
            id++;
        }
        copy(c, "copy shipment (id, kind, carrier, tracking_number, origin, destination, site_id, hub_id, port_id, state, "
                + "created_by, created_at) from stdin (format csv)", ships);
        copy(c, "copy shipment_item (shipment_id, item_kind, component_id, rma_case_id) from stdin (format csv)", items);
        copy(c, "copy customs_hold (shipment_id, entry_number, port_id, vendor, kind, presented_on, opened_at, units) "
                + "from stdin (format csv)", holds);
        try (Statement s = c.createStatement()) {
            s.execute("select setval('shipment_id_seq', greatest((select coalesce(max(id), 0) from shipment), 1))");
        }
        return id - shipmentBase;
    }

    /** The rows being written, flushed by COPY in chunks. */
    private static final class Out {
        final CopyManager copy;
        final StringBuilder tickets = new StringBuilder();
        final StringBuilder ticketEvents = new StringBuilder();
        final StringBuilder minerEvents = new StringBuilder();
        final StringBuilder failed = new StringBuilder();
        final StringBuilder cases = new StringBuilder();
        final StringBuilder caseEvents = new StringBuilder();
        long nextTicket;
        long nextCase;
        long chunkTickets;
        long ticketTotal;
        long caseTotal;
        long openTickets;
        long openCases;
        String lastStatus;

        Out(Connection c, long firstTicket, long firstCase) throws SQLException {
            this.copy = c.unwrap(PGConnection.class).getCopyAPI();
            this.nextTicket = firstTicket;
            this.nextCase = firstCase;
        }

        void tickets(long id, MinerRow m, String state, String route, String symptom, String prior, long opened,
                long closed, String diagnosis) {
            tickets.append(id).append(',').append(m.id()).append(',').append(m.siteId()).append(',').append(state)
                    .append(',').append(route == null ? "" : route).append(',').append(symptom).append(',')
                    .append(diagnosis).append(',').append(prior).append(',').append(ACTOR).append(',').append(ts(opened))
                    .append(',').append(closed < 0 ? "" : ts(closed)).append('\n');
            chunkTickets++;
        }

        void flushIfFull() {
            if (chunkTickets >= CHUNK) {
                flush();
            }
        }

        void flush() {
            try {
                copyIn("copy repair_ticket (id, miner_id, site_id, state, route, symptom, diagnosis, prior_miner_status, "
                        + "opened_by, opened_at, closed_at) from stdin (format csv)", tickets);
                copyIn("copy repair_ticket_event (ticket_id, at, actor, from_state, to_state, note) from stdin (format csv)",
                        ticketEvents);
                copyIn("copy ticket_failed_component (ticket_id, component_id) from stdin (format csv)", failed);
                copyIn("copy miner_event (miner_id, at, actor, from_status, to_status, reason) from stdin (format csv)",
                        minerEvents);
                copyIn("copy rma_case (id, component_id, ticket_id, site_id, vendor, hub_id, state, rma_number, "
                        + "claim_reason, fault_code, vendor_ticket_id, fault_description, in_warranty, dead_on_arrival, "
                        + "dispatched_on, opened_by, opened_at) from stdin (format csv)", cases);
                copyIn("copy rma_case_event (case_id, at, actor, from_state, to_state, note) from stdin (format csv)",
                        caseEvents);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY refused: " + e.getMessage(), e);
            }
            chunkTickets = 0;
        }

        private void copyIn(String sql, StringBuilder rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try {
                copy.copyIn(sql, new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows.setLength(0);
        }
    }

    private static void copy(Connection c, String sql, StringBuilder rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                int k = List.of(KINDS).indexOf(rs.getString(2));
                if (k >= 0) {
                    out.computeIfAbsent(rs.getLong(1), x -> new long[KINDS.length])[k] = rs.getLong(3);
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

    private static long exp(SplittableRandom r, double mean) {
        return (long) (-Math.log(1 - r.nextDouble()) * mean);
    }

    private static double normal(SplittableRandom r) {
        // Box-Muller, one of the pair
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String ts(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC).toString();
    }
}
