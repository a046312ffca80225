package app.rigtrail.availability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import app.rigtrail.availability.AvailabilityService.AvailabilityReport;
import app.rigtrail.availability.AvailabilityService.Breakdown;
import app.rigtrail.availability.AvailabilityService.DayPoint;
import app.rigtrail.availability.BacklogService.BacklogReport;
import app.rigtrail.availability.BacklogService.Item;
import app.rigtrail.availability.BacklogService.StageFigures;
import app.rigtrail.availability.DashboardTable.Cell;
import app.rigtrail.availability.TurnaroundService.HoldAge;
import app.rigtrail.availability.TurnaroundService.HoldsReport;
import app.rigtrail.availability.TurnaroundService.RouteFigures;
import app.rigtrail.availability.TurnaroundService.TurnaroundReport;
import app.rigtrail.dwell.domain.KaplanMeier;

/** The dashboard's tables, built from the reports; the pages show them and export each as CSV. */
public final class DashboardTables {

    private DashboardTables() {
    }

    /** A query string from parameters, blanks left out. */
    public static String query(Map<String, String> params) {
        return params.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return p;
    }

    public static List<DashboardTable> availability(AvailabilityReport r) {
        DashboardTable daily = new DashboardTable("availability-daily", "Availability by day (UTC)",
                List.of("Day", "Hours counted", "Units installed (avg)", "Units hashing (avg)", "Unit availability",
                    "Nameplate TH/s (avg)", "Available TH/s (avg)", "Hashrate availability", "TH-days lost"),
                "Exact time-weighted averages over each day; today up to now.");
        for (DayPoint d : r.series()) {
            daily.add(Cell.text(d.day().toString()), Cell.number(d.hoursCounted(), 2), Cell.number(d.unitsInstalled(), 1),
                    Cell.number(d.unitsHashing(), 1), Cell.percent(d.unitAvailability()), Cell.number(d.nameplateThs(), 0),
                    Cell.number(d.availableThs(), 0), Cell.percent(d.hashrateAvailability()), Cell.number(d.lostThDays(), 1));
        }
        return List.of(breakdown("availability-sites", "By site", "Site", r.bySite(), r.filters(), "site"),
                breakdown("availability-vendors", "By vendor", "Vendor", r.byVendor(), r.filters(), "vendor"),
                breakdown("availability-models", "By model", "Model", r.byModel(), r.filters(), "model"), daily);
    }

    private static DashboardTable breakdown(String id, String title, String what, List<Breakdown> rows,
            Map<String, String> filters, String param) {
        DashboardTable t = new DashboardTable(id, title, List.of(what, "Name", "Units installed", "Units down",
            "Unit availability now", "Nameplate TH/s", "Available TH/s", "Hashrate availability now",
            "Unit availability (period)", "Hashrate availability (period)", "TH-days lost (period)", "Value lost (USD)"),
                "Worst hashrate availability over the period first.");
        for (Breakdown b : rows) {
            String href = "/dashboard?" + query(with(filters, param, b.key()));
            // a vendor's row is keyed and named by its code, a model's named by its vendor's: both in words
            t.add("vendor".equals(param) ? Cell.codeLink(b.key(), vendorWords(b.key()), href) : Cell.link(b.key(), href),
                    Cell.code(b.label(), vendorWords(b.label())),
                    Cell.number(b.now().unitsInstalled(), 0), Cell.number(b.now().unitsDown(), 0),
                    Cell.percent(b.now().unitAvailability()), Cell.number(b.now().nameplateThs(), 0),
                    Cell.number(b.now().availableThs(), 0), Cell.percent(b.now().hashrateAvailability()),
                    Cell.percent(b.period().unitAvailability()), Cell.percent(b.period().hashrateAvailability()),
                    Cell.number(b.period().lostThDays(), 1), Cell.usd(b.period().lostValueUsd()));
        }
        return t;
    }

    public static List<DashboardTable> backlog(BacklogReport r) {
        Map<String, String> f = r.filters();
        DashboardTable stages = new DashboardTable("backlog-stages", "Backlog by stage", List.of("Stage", "Code", "Items",
            "Median age (days)", "P90 age (days)"), "Age since the failure was reported.");
        for (StageFigures s : r.stages()) {
            stages.add(Cell.text(s.label()), Cell.text(s.stage()), Cell.count(s.count(), items(f, s.stage())),
                    Cell.number(s.medianAgeDays(), 1), Cell.number(s.p90AgeDays(), 1));
        }
        DashboardTable vendors = new DashboardTable("backlog-vendors", "Backlog by vendor and stage",
                List.of("Vendor", "Stage", "Items", "Median age (days)", "P90 age (days)"), null);
        for (StageFigures s : r.byVendor()) {
            vendors.add(Cell.code(s.vendor(), vendorWords(s.vendor())), Cell.text(s.label()),
                    Cell.count(s.count(), items(with(f, "vendor", s.vendor()), s.stage())),
                    Cell.number(s.medianAgeDays(), 1), Cell.number(s.p90AgeDays(), 1));
        }
        DashboardTable sites = new DashboardTable("backlog-sites", "Backlog by site and stage",
                List.of("Site", "Stage", "Items", "Median age (days)", "P90 age (days)"), null);
        for (StageFigures s : r.bySite()) {
            sites.add(Cell.text(s.site()), Cell.text(s.label()),
                    Cell.count(s.count(), items(with(f, "site", s.site()), s.stage())),
                    Cell.number(s.medianAgeDays(), 1), Cell.number(s.p90AgeDays(), 1));
        }
        return List.of(stages, vendors, sites, items("backlog-oldest", "The oldest items", r.oldest()));
    }

    /** A vendor's name as people write it ("MicroBT"), or the text as it is when it names none. */
    static String vendorWords(String code) {
        return words(code, app.rigtrail.fleet.domain.Vendor.class, app.rigtrail.fleet.domain.Vendor::label);
    }

    /** The label of the constant {@code code} names ("AT_HUB" -> "At the hub"), or the text as it is. */
    static <E extends Enum<E>> String words(String code, Class<E> type, java.util.function.Function<E, String> label) {
        if (code == null || code.isBlank()) {
            return "";
        }
        try {
            return label.apply(Enum.valueOf(type, code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    static String items(Map<String, String> filters, String stage) {
        return "/dashboard/backlog/items?" + query(with(filters, "stage", stage));
    }

    public static DashboardTable items(String id, String title, List<Item> items) {
        DashboardTable t = new DashboardTable(id, title, List.of("Age (days)", "Stage", "Site", "Vendor", "Model",
            "Machine", "Ticket", "RMA case", "Hub", "Failed at (UTC)", "Ticket state", "RMA state", "Shipment state"),
                null);
        for (Item i : items) {
            t.add(Cell.number(i.ageDays(), 1), Cell.text(app.rigtrail.availability.domain.BacklogStage.label(i.stage())), Cell.text(i.site()),
                    Cell.code(i.vendor(), vendorWords(i.vendor())), Cell.text(i.model()), Cell.text(i.assetCode()),
                    i.ticketId() == null ? Cell.text("") : Cell.link("#" + i.ticketId(), "/tickets/" + i.ticketId()),
                    i.rmaCaseId() == null ? Cell.text("") : Cell.link("RMA " + i.rmaCaseId(), "/rma-cases/" + i.rmaCaseId()),
                    Cell.text(i.hub()), new Cell(TurnaroundService.CLOSED_SHOWN.format(i.since()), i.since().toString(), null, false),
                    Cell.code(i.ticketState(), words(i.ticketState(), app.rigtrail.repair.domain.TicketState.class,
                            app.rigtrail.repair.domain.TicketState::label)),
                    Cell.code(i.rmaState(), words(i.rmaState(), app.rigtrail.repair.domain.RmaState.class,
                            app.rigtrail.repair.domain.RmaState::label)),
                    Cell.code(i.shipmentState(), words(i.shipmentState(), app.rigtrail.logistics.domain.ShipmentState.class,
                            app.rigtrail.logistics.domain.ShipmentState::label)));
        }
        return t;
    }

    public static List<DashboardTable> turnaround(TurnaroundReport r) {
        Map<String, String> f = r.filters();
        DashboardTable routes = new DashboardTable("turnaround-routes", "Turnaround by route",
                List.of("Route", "Code", "Completed", "Median (days)", "P90 (days)", "Followed 30 days", "Failed again",
                    "Re-failure within 30 days", "Cost per TH restored (USD)"),
                "Repairs completed in the period. Re-failures count among repairs completed at least 30 days ago. "
                        + "Costs are the spares issued to the tickets, where known.");
        for (RouteFigures x : r.routes()) {
            routes.add(Cell.text(x.label()), Cell.text(x.route()),
                    Cell.count(x.completed(), "/dashboard/outcomes?" + query(with(f, "route", x.route()))),
                    Cell.number(x.completed() == 0 ? null : x.medianDays(), 1),
                    Cell.number(x.completed() == 0 ? null : x.p90Days(), 1), Cell.count(x.followedUp()),
                    Cell.count(x.refailed()), Cell.percent(x.refailureRate()), Cell.usd(x.costUsdPerTh()));
        }
        return List.of(routes);
    }

    public static List<DashboardTable> holds(HoldsReport r) {
        Map<String, String> f = r.filters();
        DashboardTable holds = new DashboardTable("holds-by-age", "Customs holds open now, by age",
                List.of("Age", "Holds", "Units", "Hashrate (TH/s)"),
                "Days since presentation, against the 5-day release and 30-day exclusion clocks.");
        for (int i = 0; i < r.holdsByAge().size(); i++) {
            HoldAge h = r.holdsByAge().get(i);
            holds.add(Cell.text(h.bucket()), Cell.count(h.holds(), "/dashboard/holds?" + query(with(f, "age",
                    String.valueOf(i)))), Cell.count(h.units()), Cell.number(h.hashrateThs(), 0));
        }
        DashboardTable dwell = new DashboardTable("dwell-survival", "Dwell survival of the holds presented in the period",
                List.of("Days", "At risk", "Decided", "Still open (censored)", "Share still held", "Lower 95%",
                    "Upper 95%"), "Kaplan-Meier; open holds are censored at their age today.");
        for (KaplanMeier.Row k : r.dwellSurvival()) {
            dwell.add(Cell.number(k.time(), 1), Cell.count(k.atRisk()), Cell.count(k.events()), Cell.count(k.censored()),
                    Cell.percent(k.survival()), Cell.percent(k.lower()), Cell.percent(k.upper()));
        }
        return List.of(holds, dwell);
    }
}
