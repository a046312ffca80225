package app.rigtrail.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.dwell.domain.CumulativeIncidence;
import app.rigtrail.dwell.domain.Observation;
import app.rigtrail.dwell.domain.SurvivalModel;
import app.rigtrail.forecast.domain.Baseline;
import app.rigtrail.forecast.domain.Baseline.Vendorkind;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.Plan.HubState;

/**
 * Reads what a forecast starts from out of the database: the fleet in service (machines, sockets,
 * spares on the site shelves) and the baseline its own history gives (failure rates from the
 * tickets of the last 365 days, routes, holds, dwell fit, lead times, prices), with documented
 * priors where the history is too thin.
 */
@ApplicationScoped
public class ForecastInputs {

    public static final List<String> PART_KINDS = List.of("HASHBOARD", "FAN", "PSU", "CONTROL_BOARD");
    /** Failures per installed part per year assumed before any history (a normal batch, about 10% of machines a year). */
    static final Map<String, Double> PRIOR_RATES = Map.of("HASHBOARD", 0.015, "FAN", 0.01, "PSU", 0.02,
            "CONTROL_BOARD", 0.005);
    /** Weight of the prior, in failures: the rate's uncertainty is Gamma(PRIOR_WEIGHT + failures seen). */
    static final double PRIOR_WEIGHT = 2;
    static final int OVERSEAS_TRANSIT_DAYS = 12;
    static final int DOMESTIC_TRANSIT_DAYS = 3;

    /** Machines per technician a site is assumed to have when the request does not say (at least one). */
    public static final int MACHINES_PER_TECHNICIAN = 2000;
    /** Diagnosis and swap of one machine, in days (about 2.4 hours on the floor). */
    public static final double SWAP_DAYS = 0.1;
    /** Mean days a machine down without any open ticket stays down (a reboot, power, network). */
    public static final double OTHER_DOWN_MEAN_DAYS = 3;

    /** Which part of the fleet to forecast; null or empty: all of it. {@code model}: one model's machines. */
    public record Filter(List<String> sites, List<String> vendors, String model) {
        public Filter(List<String> sites, List<String> vendors) {
            this(sites, vendors, null);
        }
    }

    /** What the forecast rests on, in words and numbers a reader can check. */
    public record Snapshot(Fleet fleet, Baseline baseline, Map<String, Object> summary) {
    }

    @Inject
    EntityManager em;

    @Inject
    DwellService dwell;

    @Transactional
    public Snapshot load(Filter filter, LocalDate today) {
        List<String> siteFilter = upper(filter == null ? null : filter.sites());
        List<String> vendorFilter = upper(filter == null ? null : filter.vendors());
        // machines and sockets per site and vendor, from the machines in service
        List<?> rows = em.createNativeQuery("""
                select s.code, mm.vendor, count(*), sum(mm.hashrate_ths), sum(mm.hashboards), sum(mm.fans),
                       sum(mm.psus), sum(mm.control_boards)
                from miner m join site s on s.id = m.site_id join miner_model mm on mm.id = m.model_id
                where m.status in ('HASHING', 'DEGRADED', 'DOWN', 'IN_REPAIR')
                  and (cast(?1 as varchar) is null or upper(mm.name) = upper(cast(?1 as varchar)))
                group by s.code, mm.vendor order by s.code, mm.vendor""")
                .setParameter(1, filter == null ? null : filter.model()).getResultList();
        TreeSet<String> sites = new TreeSet<>();
        TreeSet<String> vendors = new TreeSet<>();
        Map<String, Object[]> bySv = new HashMap<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            String site = (String) r[0];
            String vendor = (String) r[1];
            if ((!siteFilter.isEmpty() && !siteFilter.contains(site))
                    || (!vendorFilter.isEmpty() && !vendorFilter.contains(vendor))) {
                continue;
            }
            sites.add(site);
            vendors.add(vendor);
            bySv.put(site + "|" + vendor, r);
        }
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("no machines in service match the filter");
        }
        List<String> siteList = List.copyOf(sites);
        List<String> vendorList = List.copyOf(vendors);
        int kinds = PART_KINDS.size();
        int[] machines = new int[siteList.size() * vendorList.size()];
        double[] ths = new double[machines.length];
        int[] sockets = new int[machines.length * kinds];
        int[] spares = new int[sockets.length];
        long[] socketsByVk = new long[vendorList.size() * kinds];
        for (int s = 0; s < siteList.size(); s++) {
            for (int v = 0; v < vendorList.size(); v++) {
                Object[] r = bySv.get(siteList.get(s) + "|" + vendorList.get(v));
                if (r == null) {
                    continue;
                }
                int sv = s * vendorList.size() + v;
                machines[sv] = ((Number) r[2]).intValue();
                ths[sv] = ((Number) r[3]).doubleValue() / Math.max(1, machines[sv]);
                for (int k = 0; k < kinds; k++) {
                    sockets[sv * kinds + k] = ((Number) r[4 + k]).intValue();
                    socketsByVk[v * kinds + k] += sockets[sv * kinds + k];
                }
            }
        }
        for (Object o : em.createNativeQuery("""
                select s.code, p.vendor, p.kind, sum(l.on_hand)
                from stock_level l join stock_location loc on loc.id = l.location_id join site s on s.id = loc.site_id
                join part p on p.id = l.part_id
                group by s.code, p.vendor, p.kind""").getResultList()) {
            Object[] r = (Object[]) o;
            int s = siteList.indexOf((String) r[0]);
            int v = vendorList.indexOf((String) r[1]);
            int k = PART_KINDS.indexOf((String) r[2]);
            if (s >= 0 && v >= 0 && k >= 0) {
                spares[(s * vendorList.size() + v) * kinds + k] += ((Number) r[3]).intValue();
            }
        }
        Map<String, Object> transitEvidence = new LinkedHashMap<>();
        Map<String, app.rigtrail.forecast.domain.DiscreteDuration> transitLaws = transitLaws(today, transitEvidence);
        Map<String, Object> repairEvidence = new LinkedHashMap<>();
        Map<String, Fitted> hubRepairs = hubRepairLaws(today, repairEvidence);
        Map<String, Object> benchEvidence = new LinkedHashMap<>();
        Fitted benchLaw = benchLaw(today, benchEvidence);
        List<Fleet.Hub> hubs = new ArrayList<>();
        List<HubState> hubStates = new ArrayList<>();
        for (Object o : em.createNativeQuery("""
                select code, kind, country, vendors, part_kinds, capacity_per_week, turnaround_days, servers from repair_hub
                where kind in ('VENDOR_AUTHORIZED', 'ONSHORE_PARTNER') order by kind desc, code""").getResultList()) {
            Object[] r = (Object[]) o;
            boolean overseas = !"US".equals(r[2]);
            int capacity = ((Number) r[5]).intValue();
            int turnaround = ((Number) r[6]).intValue();
            int servers = r[7] == null ? 0 : ((Number) r[7]).intValue();
            Fitted repair = hubRepairs.get((String) r[0]);
            if (repair != null) {
                // the hub's own repairs: their law, with its mean as the turnaround (rules scale it from there)
                turnaround = Math.max(1, (int) Math.round(repair.law().mean()));
            }
            hubs.add(new Fleet.Hub((String) r[0],
                    "VENDOR_AUTHORIZED".equals(r[1]) ? Fleet.Route.VENDOR_HUB : Fleet.Route.ONSHORE_PARTNER,
                    List.of(((String) r[3]).split(",")), List.of(((String) r[4]).split(",")), overseas,
                    overseas ? OVERSEAS_TRANSIT_DAYS : DOMESTIC_TRANSIT_DAYS, capacity, turnaround,
                    transitLaws.get((String) r[0]), repair == null ? null : repair.law()));
            hubStates.add(new HubState(true, capacity, turnaround, servers));
        }
        int[] technicians = new int[siteList.size()];
        for (int s = 0; s < siteList.size(); s++) {
            int atSite = 0;
            for (int v = 0; v < vendorList.size(); v++) {
                atSite += machines[s * vendorList.size() + v];
            }
            technicians[s] = Math.max(1, (int) Math.ceil(atSite / (double) MACHINES_PER_TECHNICIAN));
        }
        Fleet fleet = new Fleet(siteList, vendorList, PART_KINDS, machines, ths, sockets, spares, List.copyOf(hubs),
                technicians, SWAP_DAYS, null, true);

        // failures per vendor and kind in the last 365 days
        Map<String, Long> failures = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                select mm.vendor, c.kind, count(*) from ticket_failed_component f
                join repair_ticket t on t.id = f.ticket_id join component c on c.id = f.component_id
                join miner m on m.id = t.miner_id join miner_model mm on mm.id = m.model_id
                where t.opened_at >= cast(?1 as date) - 365
                group by mm.vendor, c.kind""").setParameter(1, today).getResultList()) {
            Object[] r = (Object[]) o;
            failures.put(r[0] + "|" + r[1], ((Number) r[2]).longValue());
        }
        double observedYears = observedYears(today);
        Map<String, long[]> routes = routeCounts(today);
        List<Observation> holds = dwell.observations(new DwellService.Filter(null, null, null, null, null), today);
        Optional<SurvivalModel> fit = dwell.bestFit(holds);
        double excluded = excludedShare(holds);
        double[] heldIn = heldShare(today, "INBOUND_RETURN");
        double[] heldOutbound = heldShare(today, "OUTBOUND_TO_HUB");
        double held = heldIn[0];
        double heldOut = heldOutbound[0];
        int lead = spareLeadDays();
        Map<String, Long> cost = unitCosts();
        Vendorkind[] byVk = new Vendorkind[vendorList.size() * kinds];
        Map<String, Object> rates = new LinkedHashMap<>();
        for (int v = 0; v < vendorList.size(); v++) {
            for (int k = 0; k < kinds; k++) {
                String vendor = vendorList.get(v);
                String kind = PART_KINDS.get(k);
                long n = failures.getOrDefault(vendor + "|" + kind, 0L);
                double exposure = socketsByVk[v * kinds + k] * observedYears;
                double prior = PRIOR_RATES.get(kind);
                // Gamma prior (shape PRIOR_WEIGHT, mean prior) updated with n failures over the exposure
                double rate = (PRIOR_WEIGHT + n) / (PRIOR_WEIGHT / prior + exposure);
                long[] rc = routes.getOrDefault(vendor, new long[4]);
                long total = rc[0] + rc[1] + rc[2] + rc[3];
                boolean fan = "FAN".equals(kind);
                double[] shares = total >= 20 && !fan
                        ? new double[] {(double) rc[0] / total, (double) rc[1] / total, (double) rc[2] / total,
                                (double) rc[3] / total}
                        : fan ? new double[] {0.2, 0, 0, 0.8} : new double[] {0.35, 0.45, 0.05, 0.15};
                byVk[v * kinds + k] = new Vendorkind(rate, PRIOR_WEIGHT + n, shares[0], shares[1], shares[2], shares[3],
                        DEFAULT_BENCH_MEDIAN_DAYS, DEFAULT_BENCH_SIGMA, held, excluded, lead,
                        cost.getOrDefault(vendor + "|" + kind, 0L), heldOut, benchLaw == null ? null : benchLaw.law());
                rates.put(vendor + " " + kind, Map.of("failuresPerUnitYear", rate, "failuresSeen", n,
                        "installed", socketsByVk[v * kinds + k], "observedYears", observedYears,
                        "routeShares", shares));
            }
        }
        SurvivalModel model = fit.orElse(null);
        Baseline.Context context = context(fleet, siteList, vendorList, filter == null ? null : filter.model(), today);
        Baseline baseline = new Baseline(byVk,
                model != null ? model::survival : ForecastInputs::fallbackHoldSurvival,
                model != null ? describe(model) : "lognormal, median 14 days, sigma 1.1 (no hold history)",
                List.copyOf(hubStates), context);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machines", fleet.totalMachines());
        summary.put("nameplateThs", fleet.nameplateThs());
        summary.put("sites", siteList);
        summary.put("vendors", vendorList);
        summary.put("hubs", hubs.stream().map(Fleet.Hub::code).toList());
        summary.put("sparesOnShelves", java.util.Arrays.stream(spares).sum());
        summary.put("heldShare", held);
        summary.put("heldShareOutbound", heldOut);
        summary.put("crossingsInbound", (long) heldIn[1]);
        summary.put("crossingsInboundHeld", (long) heldIn[2]);
        summary.put("crossingsOutbound", (long) heldOutbound[1]);
        summary.put("crossingsOutboundHeld", (long) heldOutbound[2]);
        summary.put("technicians", technicians);
        summary.put("swapDays", SWAP_DAYS);
        summary.put("excludedShare", excluded);
        summary.put("holdsObserved", holds.size());
        summary.put("holdModel", baseline.holdModel());
        summary.put("sparesLeadDays", lead);
        summary.put("failureHistoryYears", observedYears);
        summary.put("rates", rates);
        summary.put("transit", transitEvidence);
        summary.put("hubRepair", repairEvidence);
        summary.put("bench", benchEvidence);
        summary.put("holdFreeDays", context.freeDays());
        summary.put("storageUsdPerUnitDay", context.storageCentsPerUnitDay() / 100.0);
        List<String> sensitive = new ArrayList<>();
        for (int s = 0; s < siteList.size(); s++) {
            if (context.sensitive(s)) {
                sensitive.add(siteList.get(s));
            }
        }
        summary.put("sensitiveSites", sensitive);
        return new Snapshot(fleet, baseline, summary);
    }

    /**
     * Days from a machine's receipt to hashing (racked, configured, pool set) assumed for the forecast:
     * a crew commissions a delivery within a few days (docs/machine-orders.md, "In the forecast").
     */
    public static final int COMMISSIONING_LAG_DAYS = 3;

    /**
     * The open machine orders a forecast starts from and the capacity plan it is compared with.
     *
     * @param targets the plan's TH/s per month (the fleet's, or the one site's); empty when none applies
     * @param planScope what the targets are for, in words ("the fleet", "site TX1"), or why there are none
     */
    public record Orders(app.rigtrail.forecast.domain.OrderPipeline.Book book, Map<java.time.YearMonth, Double> targets,
            String planScope, Map<String, Object> summary) {
    }

    @Inject
    app.rigtrail.growth.MachineOrderService machineOrders;

    /**
     * The open orders for new machines (placed, being delivered, delivered and commissioning) of the
     * filter's sites, vendors and model, with days counted from {@code start}; each vendor's latest
     * order as its offer (model, TH/s, price, quoted lead) for orders moved to it; the fleet's (or one
     * site's) capacity targets.
     */
    @Transactional
    public Orders orders(Filter filter, LocalDate start, LocalDate today, Baseline.Context context) {
        List<String> siteFilter = upper(filter == null ? null : filter.sites());
        List<String> vendorFilter = upper(filter == null ? null : filter.vendors());
        String model = filter == null ? null : filter.model();
        java.util.Set<app.rigtrail.fleet.domain.Vendor> vendors = new java.util.HashSet<>();
        for (String v : vendorFilter) {
            vendors.add(app.rigtrail.fleet.domain.Vendor.valueOf(v));
        }
        List<app.rigtrail.forecast.domain.OrderPipeline.Order> orders = new ArrayList<>();
        long units = 0;
        double ths = 0;
        for (app.rigtrail.growth.domain.OpenMachineOrder o : machineOrders.openOrders(
                siteFilter.isEmpty() ? null : new java.util.HashSet<>(siteFilter), vendors, today)) {
            if (model != null && !model.equalsIgnoreCase(o.model())) {
                continue;
            }
            List<app.rigtrail.forecast.domain.OrderPipeline.Lot> lots = new ArrayList<>();
            for (app.rigtrail.growth.domain.OpenMachineOrder.InboundLot l : o.lots()) {
                var stage = switch (l.shipmentState()) {
                    case "CREATED", "READY" -> app.rigtrail.forecast.domain.OrderPipeline.LotStage.AT_VENDOR;
                    case "CLEARED", "DELIVERED" -> app.rigtrail.forecast.domain.OrderPipeline.LotStage.AT_SITE;
                    default -> l.inCustoms() ? app.rigtrail.forecast.domain.OrderPipeline.LotStage.HELD
                            : app.rigtrail.forecast.domain.OrderPipeline.LotStage.ON_THE_WAY;
                };
                LocalDate ship = l.shippedOn() != null ? l.shippedOn() : o.expectedShipOn();
                LocalDate arrival = l.expectedArrivalOn() != null ? l.expectedArrivalOn() : o.expectedArrivalOn();
                int age = l.holdAgeDays() == null ? 0 : Math.max(0, l.holdAgeDays());
                lots.add(new app.rigtrail.forecast.domain.OrderPipeline.Lot(l.units(), stage, days(start, ship),
                        days(start, arrival), age));
            }
            orders.add(new app.rigtrail.forecast.domain.OrderPipeline.Order(o.orderId(), o.label(), o.vendor().name(),
                    o.model(), o.siteCode(), o.nameplateThsPerUnit(), o.unitPriceCents(), o.depositPaidCents(),
                    o.quantity(), o.quotedLeadDays(), days(start, o.expectedShipOn()), days(start, o.expectedArrivalOn()),
                    o.unitsOnOrder(), o.awaitingCommissioning(), lots));
            units += o.leftToDeliver() + o.awaitingCommissioning();
            ths += (o.leftToDeliver() + o.awaitingCommissioning()) * o.nameplateThsPerUnit();
        }
        Map<String, app.rigtrail.forecast.domain.OrderPipeline.Offer> offers = new HashMap<>();
        for (Object row : em.createNativeQuery("""
                select distinct on (o.vendor) o.vendor, mm.name, mm.hashrate_ths, o.unit_price_cents, o.quoted_lead_days
                from machine_order o join miner_model mm on mm.id = o.model_id
                order by o.vendor, o.ordered_on desc, o.id desc""").getResultList()) {
            Object[] r = (Object[]) row;
            offers.put((String) r[0], new app.rigtrail.forecast.domain.OrderPipeline.Offer((String) r[0], (String) r[1],
                    ((Number) r[2]).doubleValue(), ((Number) r[3]).longValue(), ((Number) r[4]).intValue()));
        }
        Map<java.time.YearMonth, Double> targets = new java.util.TreeMap<>();
        String scope;
        if (!vendorFilter.isEmpty() || model != null) {
            scope = "none: the plan is for sites and the fleet, and this forecast keeps one vendor or model";
        } else if (siteFilter.size() > 1) {
            scope = "none: the plan has targets for the fleet or for one site";
        } else {
            scope = siteFilter.isEmpty() ? "the fleet" : "site " + siteFilter.get(0);
            for (Object row : em.createNativeQuery("""
                    select t.month, t.target_ths from capacity_target t left join site s on s.id = t.site_id
                    where (cast(?1 as varchar) is null and t.site_id is null) or s.code = cast(?1 as varchar)""")
                    .setParameter(1, siteFilter.isEmpty() ? null : siteFilter.get(0)).getResultList()) {
                Object[] r = (Object[]) row;
                LocalDate month = r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0];
                targets.put(java.time.YearMonth.from(month), ((Number) r[1]).doubleValue());
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("openOrders", orders.size());
        summary.put("machinesToCome", units);
        summary.put("thsToCome", ths);
        summary.put("commissioningLagDays", COMMISSIONING_LAG_DAYS);
        summary.put("planScope", scope);
        summary.put("newMachinesFail", false);
        return new Orders(new app.rigtrail.forecast.domain.OrderPipeline.Book(orders, offers, COMMISSIONING_LAG_DAYS,
                context.freeDays(), context.storageCentsPerUnitDay()), targets, scope, summary);
    }

    private static int days(LocalDate from, LocalDate to) {
        return to == null ? 0 : (int) java.time.temporal.ChronoUnit.DAYS.between(from, to);
    }

    /** Fewer completed repairs than this (per hub, or on the benches) and the default law stays. */
    static final int MIN_REPAIR_OBSERVATIONS = 20;
    /** The bench law before the fleet has shown its own: lognormal, median 5 days, sigma 0.6. */
    static final double DEFAULT_BENCH_MEDIAN_DAYS = 5;
    static final double DEFAULT_BENCH_SIGMA = 0.6;

    /** A law fitted to the fleet's own durations, and what it rests on. */
    record Fitted(app.rigtrail.forecast.domain.DiscreteDuration law, SurvivalModel model, int completed, int open) {
    }

    /**
     * The bench law the fleet's own bench repairs of the last two years show: from a ticket's first
     * move into bench repair to its resolution (still on the bench: censored at today), the better of
     * a Weibull and a lognormal by likelihood (the exponential is the Weibull of shape 1), where at
     * least {@link #MIN_REPAIR_OBSERVATIONS} are done; otherwise null (the default lognormal).
     */
    private Fitted benchLaw(LocalDate today, Map<String, Object> evidence) {
        List<?> rows = em.createNativeQuery("""
                select 'bench', extract(epoch from (coalesce(res.at, cast(?1 as date) + 1) - b.at)) / 86400,
                       res.at is not null
                from (select ticket_id, min(at) at from repair_ticket_event where to_state = 'IN_BENCH_REPAIR'
                      group by ticket_id) b
                join repair_ticket t on t.id = b.ticket_id
                left join lateral (select min(e.at) at from repair_ticket_event e
                                   where e.ticket_id = b.ticket_id and e.to_state = 'RESOLVED' and e.at >= b.at) res on true
                where b.at >= cast(?1 as date) - 730 and b.at < cast(?1 as date) + 1
                  and (res.at is not null or t.state = 'IN_BENCH_REPAIR')""").setParameter(1, today).getResultList();
        Map<String, Fitted> fitted = fit(rows, "repairs", evidence, "lognormal, median 5 days, sigma 0.6");
        return fitted.get("bench");
    }

    /**
     * Per hub, the repair law its own RMA cases of the last two years show: from received at the hub
     * to shipped back (a case still at the hub: censored at today), fitted as the bench's, where at
     * least {@link #MIN_REPAIR_OBSERVATIONS} are shipped back. The time includes any wait in the hub's
     * queue, which the master data's capacity does not separate.
     */
    private Map<String, Fitted> hubRepairLaws(LocalDate today, Map<String, Object> evidence) {
        List<?> rows = em.createNativeQuery("""
                select h.code, extract(epoch from (coalesce(back.at, cast(?1 as date) + 1) - a.at)) / 86400,
                       back.at is not null
                from (select case_id, min(at) at from rma_case_event where to_state = 'AT_HUB' group by case_id) a
                join rma_case c on c.id = a.case_id join repair_hub h on h.id = c.hub_id
                left join lateral (select min(e.at) at from rma_case_event e
                                   where e.case_id = a.case_id and e.to_state = 'RETURNED' and e.at >= a.at) back on true
                where a.at >= cast(?1 as date) - 730 and a.at < cast(?1 as date) + 1
                  and (back.at is not null or c.state in ('AT_HUB', 'REPAIRED', 'REPLACED'))""")
                .setParameter(1, today).getResultList();
        return fit(rows, "repairs", evidence, "the turnaround in its master data, fixed");
    }

    /** Rows (key, days, done) fitted per key; the evidence per key names the law and its observations. */
    private Map<String, Fitted> fit(List<?> rows, String what, Map<String, Object> evidence, String fallback) {
        Map<String, List<Observation>> byKey = new java.util.TreeMap<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            double days = ((Number) r[1]).doubleValue();
            if (days < 0 || days > 730) {
                continue;
            }
            byKey.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                    .add(new Observation(Math.max(days, 1 / 24.0), Boolean.TRUE.equals(r[2]), 1, null));
        }
        Map<String, Fitted> out = new HashMap<>();
        for (Map.Entry<String, List<Observation>> e : byKey.entrySet()) {
            int done = (int) e.getValue().stream().filter(Observation::event).count();
            int open = e.getValue().size() - done;
            Optional<SurvivalModel> model = done >= MIN_REPAIR_OBSERVATIONS ? dwell.bestFit(e.getValue()) : Optional.empty();
            if (model.isEmpty()) {
                evidence.put(e.getKey(), Map.of(what, done, "open", open, "law", fallback + " (too few " + what
                        + " to fit)"));
                continue;
            }
            SurvivalModel m = model.get();
            app.rigtrail.forecast.domain.DiscreteDuration law =
                    app.rigtrail.forecast.domain.DiscreteDuration.fromSurvival(m::survival, 1, 0);
            out.put(e.getKey(), new Fitted(law, m, done, open));
            evidence.put(e.getKey(), Map.of(what, done, "open", open, "law", describe(m)
                    + String.format(java.util.Locale.ROOT, ", mean %.1f days", law.mean())));
        }
        return out;
    }

    /** A fitted law in words: its family and parameters in days. */
    static String describe(SurvivalModel m) {
        if (m instanceof app.rigtrail.dwell.domain.LognormalFit ln) {
            return String.format(java.util.Locale.ROOT, "lognormal, median %.1f days, sigma %.2f", Math.exp(ln.mu()),
                    ln.sigma());
        }
        if (m instanceof app.rigtrail.dwell.domain.WeibullFit w) {
            return String.format(java.util.Locale.ROOT, "Weibull, shape %.2f, scale %.1f days", w.shape(), w.scale());
        }
        return m.toString();
    }

    /** Fewer shipments than this and a hub's transit stays at its fixed days. */
    static final int MIN_TRANSIT_OBSERVATIONS = 20;
    /** Free days of a customs hold assumed before any hold with a last free day is recorded. */
    static final int DEFAULT_FREE_DAYS = 5;

    /**
     * Per hub, the transit law its own shipments of the last two years show: the days from leaving
     * (in transit) to arriving (at the port or delivered) of shipments not held, a lognormal fitted by
     * the moments of their logarithms, where there are at least {@link #MIN_TRANSIT_OBSERVATIONS}.
     */
    private Map<String, app.rigtrail.forecast.domain.DiscreteDuration> transitLaws(LocalDate today,
            Map<String, Object> evidence) {
        Map<String, List<Double>> days = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                select h.code, extract(epoch from (arr.at - dep.at)) / 86400
                from shipment s join repair_hub h on h.id = s.hub_id
                join lateral (select min(e.at) at from shipment_event e
                              where e.shipment_id = s.id and e.to_state = 'IN_TRANSIT') dep on true
                join lateral (select min(e.at) at from shipment_event e
                              where e.shipment_id = s.id and e.to_state in ('AT_PORT', 'DELIVERED')) arr on true
                where s.kind in ('OUTBOUND_TO_HUB', 'INBOUND_RETURN') and dep.at is not null and arr.at > dep.at
                  and s.created_at >= cast(?1 as date) - 730
                  and not exists (select 1 from customs_hold ch where ch.shipment_id = s.id)""")
                .setParameter(1, today).getResultList()) {
            Object[] r = (Object[]) o;
            double d = ((Number) r[1]).doubleValue();
            if (d >= 0.25 && d <= 120) {
                days.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(d);
            }
        }
        Map<String, app.rigtrail.forecast.domain.DiscreteDuration> out = new HashMap<>();
        for (Map.Entry<String, List<Double>> e : days.entrySet()) {
            List<Double> x = e.getValue();
            if (x.size() < MIN_TRANSIT_OBSERVATIONS) {
                evidence.put(e.getKey(), Map.of("shipments", x.size(), "law", "fixed days (too few shipments to fit)"));
                continue;
            }
            double sumLog = 0;
            double sumSq = 0;
            for (double d : x) {
                sumLog += Math.log(d);
            }
            double meanLog = sumLog / x.size();
            for (double d : x) {
                sumSq += (Math.log(d) - meanLog) * (Math.log(d) - meanLog);
            }
            double median = Math.exp(meanLog);
            double sigma = Math.max(0.01, Math.sqrt(sumSq / (x.size() - 1)));
            out.put(e.getKey(), app.rigtrail.forecast.domain.DiscreteDuration.lognormal(median, sigma));
            evidence.put(e.getKey(), Map.of("shipments", x.size(), "law", String.format(java.util.Locale.ROOT,
                    "lognormal, median %.1f days, sigma %.2f", median, sigma)));
        }
        return out;
    }

    /**
     * What scenario rules may target and what holds cost: the sites flagged sensitive, each model's
     * sockets per pool and its vendor, and the holds' free days and storage fee per unit and day (the
     * medians of the holds recorded with a last free day; 5 days and no fee before any).
     */
    private Baseline.Context context(Fleet fleet, List<String> siteList, List<String> vendorList, String modelFilter,
            LocalDate today) {
        boolean[] sensitive = new boolean[siteList.size()];
        for (Object o : em.createNativeQuery("select code from site where sensitive").getResultList()) {
            int i = siteList.indexOf((String) o);
            if (i >= 0) {
                sensitive[i] = true;
            }
        }
        int kinds = PART_KINDS.size();
        Map<String, int[]> modelSockets = new HashMap<>();
        Map<String, String> modelVendors = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                select s.code, mm.vendor, mm.name, sum(mm.hashboards), sum(mm.fans), sum(mm.psus), sum(mm.control_boards)
                from miner m join site s on s.id = m.site_id join miner_model mm on mm.id = m.model_id
                where m.status in ('HASHING', 'DEGRADED', 'DOWN', 'IN_REPAIR')
                  and (cast(?1 as varchar) is null or upper(mm.name) = upper(cast(?1 as varchar)))
                group by s.code, mm.vendor, mm.name""").setParameter(1, modelFilter).getResultList()) {
            Object[] r = (Object[]) o;
            int s = siteList.indexOf((String) r[0]);
            int v = vendorList.indexOf((String) r[1]);
            if (s < 0 || v < 0) {
                continue;
            }
            int[] sockets = modelSockets.computeIfAbsent((String) r[2], k -> new int[fleet.cells()]);
            modelVendors.put((String) r[2], (String) r[1]);
            for (int k = 0; k < kinds; k++) {
                sockets[fleet.cell(s, v, k)] += ((Number) r[3 + k]).intValue();
            }
        }
        Object[] fees = (Object[]) em.createNativeQuery("""
                select percentile_cont(0.5) within group (order by last_free_day - presented_on),
                       percentile_cont(0.5) within group (order by storage_fee_cents_per_day::float8 / units)
                from customs_hold where last_free_day is not null and units > 0
                  and presented_on >= cast(?1 as date) - 730""").setParameter(1, today).getSingleResult();
        int freeDays = fees[0] == null ? DEFAULT_FREE_DAYS : (int) Math.round(((Number) fees[0]).doubleValue());
        long perUnitDay = fees[1] == null ? 0 : Math.round(((Number) fees[1]).doubleValue());
        return new Baseline.Context(sensitive, modelSockets, modelVendors, Math.max(0, freeDays), Math.max(0, perUnitDay));
    }

    /**
     * How long the ticket history has been kept, in years, at most the last one: from the first ticket
     * ever recorded to today. A fleet without any ticket has observed nothing (the prior holds),
     * rather than a year without failures.
     */
    private double observedYears(LocalDate today) {
        Object first = em.createNativeQuery("select min(opened_at) from repair_ticket").getSingleResult();
        if (first == null) {
            return 0;
        }
        java.time.Instant since = first instanceof java.time.OffsetDateTime o ? o.toInstant()
                : first instanceof java.sql.Timestamp ts ? ts.toInstant() : (java.time.Instant) first;
        double days = java.time.Duration.between(since,
                today.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()).toSeconds() / 86_400.0;
        return Math.min(1, Math.max(0, days / 365));
    }

    /** Per vendor, the failed parts of the last year by where they went: bench, vendor hub, onshore partner, scrap. */
    private Map<String, long[]> routeCounts(LocalDate today) {
        Map<String, long[]> out = new HashMap<>();
        for (Object o : em.createNativeQuery("""
                select mm.vendor,
                       count(*) filter (where t.route = 'BENCH'),
                       count(*) filter (where t.route = 'SCRAP')
                from repair_ticket t join miner m on m.id = t.miner_id join miner_model mm on mm.id = m.model_id
                where t.opened_at >= cast(?1 as date) - 365 group by mm.vendor""").setParameter(1, today)
                .getResultList()) {
            Object[] r = (Object[]) o;
            long[] c = out.computeIfAbsent((String) r[0], k -> new long[4]);
            c[0] += ((Number) r[1]).longValue();
            c[3] += ((Number) r[2]).longValue();
        }
        for (Object o : em.createNativeQuery("""
                select r.vendor, count(*) filter (where h.kind = 'VENDOR_AUTHORIZED'),
                       count(*) filter (where h.kind = 'ONSHORE_PARTNER')
                from rma_case r join repair_hub h on h.id = r.hub_id
                where r.opened_at >= cast(?1 as date) - 365 group by r.vendor""").setParameter(1, today)
                .getResultList()) {
            Object[] r = (Object[]) o;
            long[] c = out.computeIfAbsent((String) r[0], k -> new long[4]);
            c[1] += ((Number) r[1]).longValue();
            c[2] += ((Number) r[2]).longValue();
        }
        return out;
    }

    /** Held share assumed before any crossing is seen, and its weight in crossings. */
    static final double PRIOR_HELD_SHARE = 0.05;
    static final double PRIOR_HELD_WEIGHT = 20;

    /**
     * Share of the last two years' crossings of these kinds that met a customs hold, shrunk towards the
     * prior by {@link #PRIOR_HELD_WEIGHT} crossings (a Beta posterior mean). Only shipments of the repair
     * pipeline count: holds recorded without their shipment's peers (imported hold histories) would
     * give every crossing a hold.
     */
    private double[] heldShare(LocalDate today, String kind) {
        Object[] r = (Object[]) em.createNativeQuery("""
                select count(*), count(*) filter (where exists (select 1 from customs_hold h where h.shipment_id = s.id))
                from shipment s join repair_hub hub on hub.id = s.hub_id
                where s.kind = ?2 and hub.country <> 'US'
                and s.created_at >= cast(?1 as date) - 730""").setParameter(1, today).setParameter(2, kind)
                .getSingleResult();
        long total = ((Number) r[0]).longValue();
        long held = ((Number) r[1]).longValue();
        return new double[] {(held + PRIOR_HELD_SHARE * PRIOR_HELD_WEIGHT) / (total + PRIOR_HELD_WEIGHT), total, held};
    }

    /**
     * Of the holds that end, the share ending other than in release: the cumulative incidences at the
     * last time observed (Aalen-Johansen, so open holds count as censored, not as released).
     */
    static double excludedShare(List<Observation> holds) {
        if (holds.stream().filter(Observation::event).count() < 20) {
            return 0.05;
        }
        Map<String, List<CumulativeIncidence.Point>> cif = CumulativeIncidence.estimate(holds);
        double released = 0;
        double other = 0;
        for (Map.Entry<String, List<CumulativeIncidence.Point>> e : cif.entrySet()) {
            List<CumulativeIncidence.Point> points = e.getValue();
            double last = points.isEmpty() ? 0 : points.get(points.size() - 1).incidence();
            if ("RELEASED".equals(e.getKey())) {
                released += last;
            } else {
                other += last;
            }
        }
        return released + other > 0 ? other / (released + other) : 0.05;
    }

    private int spareLeadDays() {
        Object r = em.createNativeQuery("""
                select percentile_cont(0.5) within group (order by quoted_lead_days) from purchase_order""")
                .getSingleResult();
        return r == null ? 21 : (int) Math.round(((Number) r).doubleValue());
    }

    private Map<String, Long> unitCosts() {
        Map<String, Long> out = new HashMap<>();
        for (Object o : em.createNativeQuery("select vendor, kind, avg(unit_cost_cents) from part group by vendor, kind")
                .getResultList()) {
            Object[] r = (Object[]) o;
            out.put(r[0] + "|" + r[1], ((BigDecimal) toDecimal(r[2])).longValue());
        }
        return out;
    }

    private static Object toDecimal(Object o) {
        return o instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) o).doubleValue());
    }

    static double fallbackHoldSurvival(double t) {
        return 1 - new org.hipparchus.distribution.continuous.NormalDistribution(0, 1)
                .cumulativeProbability((Math.log(t) - Math.log(14)) / 1.1);
    }

    private static List<String> upper(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.trim().toUpperCase()).toList();
    }
}
