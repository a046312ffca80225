package app.rigtrail.availability;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rigtrail.availability.AvailabilityService.AvailabilityReport;
import app.rigtrail.availability.AvailabilityService.DayPoint;
import app.rigtrail.availability.BacklogService.BacklogReport;
import app.rigtrail.availability.BacklogService.StageFigures;
import app.rigtrail.availability.TurnaroundService.HoldsReport;
import app.rigtrail.availability.TurnaroundService.TurnaroundReport;
import app.rigtrail.availability.domain.BacklogStage;
import app.rigtrail.dwell.domain.KaplanMeier;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The manager's dashboard: headline figures, availability over time, the backlog stacked by stage,
 * holds by age, turnaround by route and the dwell curve; every chart segment opens the list behind
 * it, every table exports as CSV, the filters live in the URL, and the page prints. The sections
 * load as separate requests (htmx), each one fast on its own.
 */
@Path("/dashboard")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    /** The filters as typed, echoed into the form. */
    public record Form(String site, String vendor, String model, String from, String to, String hashprice) {

        Map<String, String> params() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("site", site);
            p.put("vendor", vendor);
            p.put("model", model);
            p.put("from", from);
            p.put("to", to);
            p.put("hashprice", hashprice);
            return p;
        }

        public String query() {
            return DashboardTables.query(params());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Form form, List<String> sites, List<String> vendors,
                List<String> models, String message, String defaultPeriod);

        static native TemplateInstance availability(AvailabilityReport report, List<DashboardTable> tables,
                String chartJson, Form form, double hashprice);

        static native TemplateInstance backlog(BacklogReport report, List<DashboardTable> tables, String chartJson,
                Form form);

        static native TemplateInstance turnaround(TurnaroundReport report, List<DashboardTable> tables, String chartJson,
                Form form);

        static native TemplateInstance holdsSummary(HoldsReport report, List<DashboardTable> tables, String chartJson,
                Form form);

        static native TemplateInstance list(String title, String lede, DashboardTable table, long total, Form form,
                String csvQuery, String message);

        static native TemplateInstance failed(String message);
    }

    @Inject
    Dashboard dashboard;

    @Inject
    ObjectMapper json;

    @GET
    public TemplateInstance page(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hashprice") String hashprice) {
        Form form = new Form(site, vendor, model, from, to, hashprice);
        String message = null;
        try {
            hashprice(hashprice);
            if (java.util.stream.Stream.of(site, vendor, model, from, to).anyMatch(x -> x != null && !x.isBlank())) {
                dashboard.read(site, vendor, model, from, to, (c, f, now) -> f);
            }
        } catch (ProblemException e) {
            message = e.readable();
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Templates.dashboard(form, dashboard.names("select code from site order by code"),
                List.of("BITMAIN", "MICROBT", "CANAAN", "OTHER"),
                dashboard.names("select name from miner_model order by vendor, name"),
                message, today.minusDays(DashboardFilter.DEFAULT_DAYS - 1) + " to " + today);
    }

    @GET
    @Path("availability")
    public TemplateInstance availability(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hashprice") String hashprice) {
        try {
            double price = hashprice(hashprice);
            AvailabilityReport r = dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.availability().report(c, f, now, price));
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("days", r.series().stream().map(d -> d.day().toString()).toList());
            chart.put("unit", r.series().stream().map(DayPoint::unitAvailability).toList());
            chart.put("hashrate", r.series().stream().map(DayPoint::hashrateAvailability).toList());
            chart.put("lost", r.series().stream().map(DayPoint::lostThDays).toList());
            return Templates.availability(r, DashboardTables.availability(r), json(chart),
                    new Form(site, vendor, model, from, to, hashprice), price);
        } catch (ProblemException e) {
            return Templates.failed(e.readable());
        }
    }

    @GET
    @Path("backlog")
    public TemplateInstance backlog(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hashprice") String hashprice) {
        try {
            // the backlog is now: the page's period applies to history, not to open items
            BacklogReport r = dashboard.read(site, vendor, model, null, null,
                    (c, f, now) -> dashboard.backlog().report(c, f, now, 15));
            Form form = new Form(site, vendor, model, null, null, null);
            List<String> sites = r.bySite().stream().map(StageFigures::site).distinct().sorted().toList();
            List<Map<String, Object>> stages = new ArrayList<>();
            for (BacklogStage s : BacklogStage.values()) {
                List<Long> counts = new ArrayList<>();
                List<String> links = new ArrayList<>();
                for (String code : sites) {
                    counts.add(r.bySite().stream().filter(x -> x.site().equals(code) && x.stage().equals(s.name()))
                            .mapToLong(StageFigures::count).sum());
                    links.add(DashboardTables.items(DashboardTables.with(form.params(), "site", code), s.name()));
                }
                stages.add(Map.of("code", s.name(), "label", BacklogStage.label(s.name()), "counts", counts,
                        "links", links));
            }
            return Templates.backlog(r, DashboardTables.backlog(r), json(Map.of("sites", sites, "stages", stages)), form);
        } catch (ProblemException e) {
            return Templates.failed(e.readable());
        }
    }

    @GET
    @Path("turnaround")
    public TemplateInstance turnaround(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hashprice") String hashprice) {
        try {
            TurnaroundReport r = dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.turnaround().report(c, f, now));
            Form form = new Form(site, vendor, model, from, to, hashprice);
            List<DashboardTable> tables = DashboardTables.turnaround(r);
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("routes", r.routes().stream().map(x -> x.label()).toList());
            chart.put("median", r.routes().stream().map(x -> x.completed() == 0 ? null : x.medianDays()).toList());
            chart.put("p90", r.routes().stream().map(x -> x.completed() == 0 ? null : x.p90Days()).toList());
            chart.put("routeLinks", tables.get(0).rows().stream().map(row -> row.get(2).href()).toList());
            return Templates.turnaround(r, tables, json(chart), form);
        } catch (ProblemException e) {
            return Templates.failed(e.readable());
        }
    }

    @GET
    @Path("holds-summary")
    public TemplateInstance holdsSummary(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hashprice") String hashprice) {
        try {
            HoldsReport r = dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.turnaround().holds(c, f, now));
            Form form = new Form(site, vendor, model, from, to, hashprice);
            List<DashboardTable> tables = DashboardTables.holds(r);
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("ages", r.holdsByAge().stream().map(h -> h.bucket()).toList());
            chart.put("holds", r.holdsByAge().stream().map(h -> h.holds()).toList());
            chart.put("ageLinks", tables.get(0).rows().stream().map(row -> row.get(1).href()).toList());
            chart.put("dwellDays", r.dwellSurvival().stream().map(KaplanMeier.Row::time).toList());
            chart.put("dwellSurvival", r.dwellSurvival().stream().map(KaplanMeier.Row::survival).toList());
            chart.put("dwellLastDay", r.lastObservationDays());
            // the legal clocks (CustomsClocks) fall on bucket edges: a marker after each bucket that ends on one
            int release = app.rigtrail.logistics.domain.CustomsClocks.RELEASE_BUSINESS_DAYS;
            int notice = release + app.rigtrail.logistics.domain.CustomsClocks.NOTICE_BUSINESS_DAYS;
            int excluded = app.rigtrail.logistics.domain.CustomsClocks.DEEMED_EXCLUSION_DAYS;
            List<Map<String, Object>> clocks = new java.util.ArrayList<>();
            for (int i = 0; i < r.holdsByAge().size(); i++) {
                Integer edge = r.holdsByAge().get(i).toDays();
                String label = edge == null ? null
                        : edge == release ? release + " days: release or detain"
                        : edge == notice ? notice + " days: notice of detention"
                        : edge == excluded ? excluded + " days: deemed excluded" : null;
                if (label != null) {
                    clocks.add(Map.of("after", i, "label", label));
                }
            }
            chart.put("clocks", clocks);
            return Templates.holdsSummary(r, tables, json(chart), form);
        } catch (ProblemException e) {
            return Templates.failed(e.readable());
        }
    }

    @GET
    @Path("backlog/items")
    public TemplateInstance items(@QueryParam("stage") String stage, @QueryParam("site") String site,
            @QueryParam("vendor") String vendor, @QueryParam("model") String model, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Form form = new Form(site, vendor, model, from, to, null);
        String csvQuery = DashboardTables.query(DashboardTables.with(form.params(), "stage", stage));
        String title = stage == null || stage.isBlank() ? "The backlog" : BacklogStage.label(stage.toUpperCase());
        try {
            BacklogService.ItemPage page = dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.backlog().items(c, f, stage, now, 200, 0));
            return Templates.list(title, "Items in this stage now, oldest first" + scope(form) + ".",
                    DashboardTables.items("backlog-items", title, page.items()), page.total(), form, csvQuery, null);
        } catch (ProblemException e) {
            return Templates.list(title, "", null, 0, form, csvQuery, e.readable());
        }
    }

    @GET
    @Path("outcomes")
    public TemplateInstance outcomes(@QueryParam("route") String route, @QueryParam("site") String site,
            @QueryParam("vendor") String vendor, @QueryParam("model") String model, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Form form = new Form(site, vendor, model, from, to, null);
        String csvQuery = DashboardTables.query(DashboardTables.with(form.params(), "route", route));
        String title = "Completed repairs: " + TurnaroundService.ROUTES.getOrDefault(route == null ? "" : route, "all routes");
        try {
            TurnaroundService.OutcomePage page = dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.turnaround().outcomes(c, f, route, now, 200));
            return Templates.list(title, "Completed in the period, latest first" + scope(form) + ".", page.table(),
                    page.total(), form, csvQuery, null);
        } catch (ProblemException e) {
            return Templates.list(title, "", null, 0, form, csvQuery, e.readable());
        }
    }

    @GET
    @Path("holds")
    public TemplateInstance holds(@QueryParam("age") String age, @QueryParam("site") String site,
            @QueryParam("vendor") String vendor, @QueryParam("model") String model) {
        Form form = new Form(site, vendor, model, null, null, null);
        String csvQuery = DashboardTables.query(DashboardTables.with(form.params(), "age", age));
        try {
            int bucket = bucket(age);
            TurnaroundService.OutcomePage page = dashboard.read(site, vendor, model, null, null,
                    (c, f, now) -> dashboard.turnaround().openHolds(c, f, bucket, now));
            String title = "Customs holds open now, " + TurnaroundService.bucketName(bucket) + " old";
            return Templates.list(title, "Oldest first" + scope(form) + ".", page.table(), page.total(), form, csvQuery,
                    null);
        } catch (ProblemException e) {
            return Templates.list("Customs holds", "", null, 0, form, csvQuery, e.readable());
        }
    }

    /** Any table of the dashboard as CSV, for the same filters. */
    @GET
    @Path("csv/{table}")
    @Produces("text/csv")
    public Response csv(@PathParam("table") String table, @QueryParam("site") String site,
            @QueryParam("vendor") String vendor, @QueryParam("model") String model, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("hashprice") String hashprice, @QueryParam("stage") String stage,
            @QueryParam("route") String route, @QueryParam("age") String age) {
        DashboardTable t;
        if (table.startsWith("availability-")) {
            double price = hashprice(hashprice);
            t = find(DashboardTables.availability(dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.availability().report(c, f, now, price))), table);
        } else if (table.equals("backlog-items")) {
            t = dashboard.read(site, vendor, model, from, to, (c, f, now) -> DashboardTables.items(table, "",
                    dashboard.backlog().items(c, f, stage, now, 0, 0).items()));
        } else if (table.startsWith("backlog-")) {
            t = find(DashboardTables.backlog(dashboard.read(site, vendor, model, null, null,
                    (c, f, now) -> dashboard.backlog().report(c, f, now, 15))), table);
        } else if (table.equals("outcomes")) {
            t = dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.turnaround().outcomes(c, f, route, now, 0).table());
        } else if (table.equals("holds-open")) {
            int bucket = bucket(age);
            t = dashboard.read(site, vendor, model, null, null,
                    (c, f, now) -> dashboard.turnaround().openHolds(c, f, bucket, now).table());
        } else if (table.startsWith("turnaround-")) {
            t = find(DashboardTables.turnaround(dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.turnaround().report(c, f, now))), table);
        } else {
            t = find(DashboardTables.holds(dashboard.read(site, vendor, model, from, to,
                    (c, f, now) -> dashboard.turnaround().holds(c, f, now))), table);
        }
        return Response.ok(t.csv()).type("text/csv; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"rigtrail-" + table + "-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"").build();
    }

    private static DashboardTable find(List<DashboardTable> tables, String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Dashboard table", id));
    }

    private static int bucket(String age) {
        try {
            int b = age == null || age.isBlank() ? 0 : Integer.parseInt(age.trim());
            if (b >= 0 && b < TurnaroundService.AGE_BUCKETS.length) {
                return b;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.invalid("Unknown age bucket", List.of(new FieldViolation("age",
                "must be 0 to " + (TurnaroundService.AGE_BUCKETS.length - 1))));
    }

    private static String scope(Form f) {
        StringBuilder sb = new StringBuilder();
        if (f.site() != null && !f.site().isBlank()) {
            sb.append(", site ").append(f.site());
        }
        if (f.vendor() != null && !f.vendor().isBlank()) {
            sb.append(", vendor ").append(f.vendor());
        }
        if (f.model() != null && !f.model().isBlank()) {
            sb.append(", model ").append(f.model());
        }
        return sb.toString();
    }

    /**
     * The hashprice the pages assume when none is typed: the forecasts' (#13 item 2: the forecast feature
     * provides it, so that the dashboard does not depend on it).
     */
    public interface DefaultHashprice {
        double usdPerThDay();
    }

    @Inject
    DefaultHashprice defaultHashprice;

    /** The hashprice typed, or the default; refused with a readable message when it is not a price. */
    double hashprice(String s) {
        if (s == null || s.isBlank()) {
            return defaultHashprice.usdPerThDay();
        }
        try {
            double v = Double.parseDouble(s.trim());
            DashboardResource.checkHashprice(v);
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("Bad hashprice", List.of(new FieldViolation("hashprice",
                    "must be a number of dollars per TH per day, like 0.05")));
        }
    }

    private String json(Object o) {
        try {
            return json.writeValueAsString(o).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
