package app.rigtrail.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import app.rigtrail.demo.DemoCopyWriter.Table;

/**
 * Generates a demo fleet's repair history as rows: tickets that take machines down and bring them back
 * (swap, bench, RMA, scrap), their events, the machines' status events, RMA cases through vendor hubs
 * and onshore partners with their events, and, for the cases on the way at {@code now}, the shipments
 * carrying them and the customs holds stopping some of them. The rows go to a {@link DemoCopyWriter}.
 *
 * <p>Each machine fails as a Poisson process over the window (at most its installed life) at the rate
 * that gives about {@code tickets} tickets; its tickets never overlap. Route shares and durations are
 * those of a large operator (see docs/dashboard.md). Deterministic for a seed. Tickets still open at
 * {@code now} stay open in the state they have reached; the machines' statuses follow
 * ({@link #finalStatus}).
 *
 * <p>What it does not write: genealogy moves of the failed and spare parts, and shipments of the
 * cases already completed (their events carry the dates).
 */
final class DemoRepairHistory {

    private static final int CHUNK = 20_000;
    private static final long HOUR = 3_600, DAY = 86_400;
    private static final String ACTOR = DemoFleetLoader.ACTOR;
    private static final String[] SYMPTOMS = {"hashboard not detected", "fan speed error", "PSU no output",
        "control board unresponsive", "high temperature shutdown", "chain 2 missing chips"};
    /** The part kinds that fail, in the order of a miner's component ids. */
    static final String[] KINDS = {"HASHBOARD", "FAN", "PSU", "CONTROL_BOARD"};

    /** A machine of the fleet as the generator needs it. */
    record MinerRow(long id, long siteId, long modelId, long installedAt, String status, String vendor,
            int hashboards, boolean degrades, String model) {
    }

    /** A hub a case can go to (not an in-house bench). */
    record Hub(long id, String kind, String vendors, double turnaroundDays) {
    }

    /** An open case on its way at {@code now}: which shipment group carries it. */
    private record InFlight(long caseId, long componentId, long siteId, long hubId, boolean inbound, long shippedAt,
            long heldFrom, String vendor) {
    }

    private static double weight(MinerRow m) {
        return DemoRepairHistoryLoader.BAD_SERIES.equals(m.model()) ? DemoRepairHistoryLoader.BAD_SERIES_FACTOR : 1;
    }

    private final DemoCopyWriter out;
    private final Table tickets = new Table("copy repair_ticket (id, miner_id, site_id, state, route, symptom, "
            + "diagnosis, prior_miner_status, opened_by, opened_at, closed_at) from stdin (format csv)");
    private final Table ticketEvents = new Table(
            "copy repair_ticket_event (ticket_id, at, actor, from_state, to_state, note) from stdin (format csv)");
    private final Table failed = new Table(
            "copy ticket_failed_component (ticket_id, component_id) from stdin (format csv)");
    private final Table minerEvents = new Table(
            "copy miner_event (miner_id, at, actor, from_status, to_status, reason) from stdin (format csv)");
    private final Table cases = new Table("copy rma_case (id, component_id, ticket_id, site_id, vendor, hub_id, state, "
            + "rma_number, claim_reason, fault_code, vendor_ticket_id, fault_description, in_warranty, dead_on_arrival, "
            + "dispatched_on, opened_by, opened_at) from stdin (format csv)");
    private final Table caseEvents = new Table(
            "copy rma_case_event (case_id, at, actor, from_state, to_state, note) from stdin (format csv)");
    private final Table shipments = new Table("copy shipment (id, kind, carrier, tracking_number, origin, destination, "
            + "site_id, hub_id, port_id, state, created_by, created_at) from stdin (format csv)");
    private final Table shipmentItems = new Table(
            "copy shipment_item (shipment_id, item_kind, component_id, rma_case_id) from stdin (format csv)");
    private final Table customsHolds = new Table("copy customs_hold (shipment_id, entry_number, port_id, vendor, kind, "
            + "presented_on, opened_at, units) from stdin (format csv)");

    private final List<InFlight> inFlight = new ArrayList<>();
    /** The machines whose status the history changed, with their status at {@code now}. */
    final Map<Long, String> finalStatus = new HashMap<>();
    private long nextTicket;
    private long nextCase;
    private long chunkTickets;
    long ticketTotal;
    long caseTotal;
    long openTickets;
    long openCases;
    private String lastStatus;

    DemoRepairHistory(DemoCopyWriter out, long firstTicket, long firstCase) {
        this.out = out;
        this.nextTicket = firstTicket;
        this.nextCase = firstCase;
    }

    /** The cases on the way at {@code now} that a customs hold stops. */
    long held() {
        return inFlight.stream().filter(f -> f.heldFrom() > 0).count();
    }

    /**
     * Every machine's history over the window up to {@code nowS}, written in chunks.
     *
     * @param components one installed component id per miner and part kind (in the order of KINDS)
     */
    void generate(List<MinerRow> miners, Map<Long, long[]> components, List<Hub> hubs, long tickets, int windowDays,
            long seed, long nowS) {
        long windowStart = nowS - windowDays * DAY;
        double exposure = 0;
        for (MinerRow m : miners) {
            exposure += (nowS - Math.max(m.installedAt(), windowStart)) * weight(m);
        }
        // repairs take machines out of exposure (about 2.5 days each): the rate over the time left keeps the count
        double rate = exposure <= 0 ? 0 : tickets / Math.max(exposure - tickets * 2.5 * DAY, exposure / 2);
        for (MinerRow m : miners) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + m.id());
            long t = Math.max(m.installedAt(), windowStart);
            String status = m.status();
            while (true) {
                t += (long) (-Math.log(1 - r.nextDouble()) / (rate * weight(m)));
                if (t >= nowS) {
                    break;
                }
                long end = ticket(r, m, components.get(m.id()), hubs, t, status, nowS);
                if (end >= nowS) {
                    status = lastStatus;
                    break;
                }
                status = "HASHING";
                t = end;
            }
            if (!status.equals(m.status())) {
                finalStatus.put(m.id(), status);
            }
            if (chunkTickets >= CHUNK) {
                flush();
            }
        }
        flush();
    }

    private void flush() {
        out.flush(tickets, ticketEvents, failed, minerEvents, cases, caseEvents);
        chunkTickets = 0;
    }

    /** Writes one ticket and what follows from it; returns when the machine is back (may be after now). */
    private long ticket(SplittableRandom r, MinerRow m, long[] components, List<Hub> hubs, long opened,
            String before, long now) {
        long id = nextTicket++;
        ticketTotal++;
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
            ticketEvents.rows.append(id).append(',').append(ts(s[0])).append(',').append(ACTOR).append(',')
                    .append(state == null ? "" : state).append(',').append(to).append(",\n");
            state = to;
        }
        boolean open = resolved > now;
        if (open) {
            openTickets++;
        }
        boolean routed = !"OPEN".equals(state) && !"DIAGNOSING".equals(state) || !open;
        ticketRow(id, m, state, routed ? route : null, SYMPTOMS[kind + r.nextInt(2) * 2 % SYMPTOMS.length], before,
                opened, open ? -1 : resolved, routed ? route.toLowerCase() + " after diagnosis" : "");
        long component = components == null ? 0 : components[kind];
        if (component > 0) {
            failed.rows.append(id).append(',').append(component).append('\n');
        }
        minerEvents.rows.append(m.id()).append(',').append(ts(opened)).append(',').append(ACTOR).append(',').append(before)
                .append(',').append(down).append(",ticket ").append(id).append(" opened\n");
        lastStatus = down;
        if (!open) {
            minerEvents.rows.append(m.id()).append(',').append(ts(resolved)).append(',').append(ACTOR).append(',')
                    .append(down).append(",HASHING,ticket ").append(id).append(" resolved\n");
            lastStatus = "HASHING";
        }
        if ("RMA".equals(route) && diagnosed <= now && component > 0) {
            rmaCase(r, m, id, component, kind, hubs, diagnosed, now);
        }
        return resolved;
    }

    private void rmaCase(SplittableRandom r, MinerRow m, long ticketId, long component, int kind,
            List<Hub> hubs, long opened, long now) {
        List<Hub> fit = hubs.stream().filter(h -> h.vendors().contains(m.vendor())).toList();
        if (fit.isEmpty()) {
            return;
        }
        List<Hub> onshore = fit.stream().filter(h -> "ONSHORE_PARTNER".equals(h.kind())).toList();
        List<Hub> vendorHubs = fit.stream().filter(h -> !"ONSHORE_PARTNER".equals(h.kind())).toList();
        boolean toOnshore = !onshore.isEmpty() && (vendorHubs.isEmpty() || r.nextDouble() < 0.3);
        List<Hub> pool = toOnshore ? onshore : vendorHubs;
        Hub hub = pool.get(r.nextInt(pool.size()));
        long id = nextCase++;
        caseTotal++;
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
            caseEvents.rows.append(id).append(',').append(ts(times[i])).append(',').append(ACTOR).append(',')
                    .append(state == null ? "" : state).append(',').append(names[i]).append(",\n");
            state = names[i];
        }
        boolean open = !"CLOSED".equals(state);
        if (open) {
            openCases++;
            if ("SHIPPED".equals(state)) {
                inFlight.add(new InFlight(id, component, m.siteId(), hub.id(), false, shipped, 0, m.vendor()));
            } else if ("RETURNED".equals(state)) {
                inFlight.add(new InFlight(id, component, m.siteId(), hub.id(), true, returned,
                        heldFrom > 0 && heldFrom <= now ? heldFrom : 0, m.vendor()));
            }
        }
        String vendor = m.vendor();
        cases.rows.append(id).append(',').append(component).append(',').append(ticketId).append(',').append(m.siteId())
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

    private void ticketRow(long id, MinerRow m, String state, String route, String symptom, String prior, long opened,
            long closed, String diagnosis) {
        tickets.rows.append(id).append(',').append(m.id()).append(',').append(m.siteId()).append(',').append(state)
                .append(',').append(route == null ? "" : route).append(',').append(symptom).append(',')
                .append(diagnosis).append(',').append(prior).append(',').append(ACTOR).append(',').append(ts(opened))
                .append(',').append(closed < 0 ? "" : ts(closed)).append('\n');
        chunkTickets++;
    }

    /**
     * Open cases on the way travel in one shipment per site, hub, direction and day; held ones are held
     * (at the first port, when there is one). Returns how many shipments.
     */
    long shipInFlight(long shipmentBase, long port) {
        if (inFlight.isEmpty()) {
            return 0;
        }
        Map<String, List<InFlight>> groups = new TreeMap<>();
        for (InFlight f : inFlight) {
            groups.computeIfAbsent(f.siteId() + "/" + f.hubId() + "/" + f.inbound() + "/" + f.shippedAt() / DAY + "/"
                    + (f.heldFrom() > 0) + "/" + f.vendor(), k -> new ArrayList<>()).add(f);
        }
        StringBuilder ships = shipments.rows;
        StringBuilder items = shipmentItems.rows;
        StringBuilder holds = customsHolds.rows;
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
        out.flush(shipments, shipmentItems, customsHolds);
        return id - shipmentBase;
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
