package app.rigtrail.forecast;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rigtrail.forecast.ForecastService.FilterInput;
import app.rigtrail.forecast.ForecastService.ForecastRequest;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The scenario studio: pick scenarios, set horizon, replications, seed and hashprice, run in the
 * background with progress and cancel, then see the fan charts side by side; saved forecasts reopen.
 */
@Path("/forecasts")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
public class ForecastPages {

    /**
     * A scenario offered in the studio; {@code changesOnDay}: the day after the start on which it first
     * changes something (null: it changes nothing), for the studio to warn of a horizon ending before.
     */
    public record Choice(long id, String name, String description, boolean builtIn, String owner, boolean checked,
            Integer changesOnDay) {
    }

    /** The studio's settings, as last entered. */
    public record Settings(int horizonDays, int replications, String seed, String hashprice, String site,
            String vendor) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance studio(List<Choice> scenarios, Settings settings, List<Map<String, Object>> recent,
                List<String> sites, List<String> vendors, ForecastJobs.Job job, String message);

        static native TemplateInstance studio$run(ForecastJobs.Job job, String message);

        static native TemplateInstance result(Map<String, Object> summary, String chartJson, Growth growth);
    }

    @Inject
    ScenarioService scenarios;

    @Inject
    ForecastService forecasts;

    @Inject
    ForecastJobs jobs;

    @Inject
    CurrentUser user;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @GET
    public TemplateInstance studio() {
        List<Choice> choices = scenarios.list().stream()
                .map(s -> new Choice(s.id, s.name, s.description, s.builtIn, s.owner, s.builtIn, changesOn(s))).toList();
        return Templates.studio(choices, new Settings(180, 1000, "42", "0.05", "", ""), forecasts.latest(20),
                em.createQuery("select s.code from Site s order by s.code", String.class).getResultList(),
                ScenarioService.VENDORS, null, null);
    }

    private Integer changesOn(Scenario s) {
        try {
            app.rigtrail.forecast.domain.ScenarioParameters p = scenarios.parameters(s);
            return p.changesAnything() ? p.effectiveDay(app.rigtrail.dwell.DwellService.today()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Starts a run and answers with its progress panel (polled by htmx until done). */
    @POST
    @Path("run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance run(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        try {
            List<Long> ids = new ArrayList<>();
            for (String v : form.getOrDefault("scenario", List.of())) {
                ids.add(Long.parseLong(v));
            }
            String site = f.get("site");
            String vendor = f.get("vendor");
            FilterInput filter = (site == null || site.isBlank()) && (vendor == null || vendor.isBlank()) ? null
                    : new FilterInput(site, vendor, null, null);
            ForecastRequest request = new ForecastRequest(ids, f.optionalInteger("horizonDays"),
                    f.optionalInteger("replications"), parseLong(f.get("seed")), filter, parseDouble(f.get("hashprice")),
                    null, f.get("start") == null || f.get("start").isBlank() ? null : f.get("start"), null);
            return Templates.studio$run(jobs.start(forecasts.prepare(request), user.name()), null);
        } catch (ProblemException e) {
            return Templates.studio$run(null, e.readable());
        } catch (NumberFormatException e) {
            return Templates.studio$run(null, "Seed, hashprice, horizon and replications must be numbers.");
        }
    }

    @GET
    @Path("runs/{id}")
    public Response progress(@PathParam("id") String id) {
        ForecastJobs.Job job = jobs.get(id, user.name(), user.isAdmin());
        if (job.state() == ForecastJobs.State.DONE) {
            String target = "/forecasts/" + job.forecastId();
            return Response.ok(Templates.studio$run(job, null)).header("HX-Redirect", target).build();
        }
        return Response.ok(Templates.studio$run(job, null)).build();
    }

    @POST
    @Path("runs/{id}/cancel")
    public TemplateInstance cancel(@PathParam("id") String id) {
        return Templates.studio$run(jobs.cancel(id, user.name(), user.isAdmin()), null);
    }

    @GET
    @Path("{id:[0-9]+}")
    public TemplateInstance result(@PathParam("id") long id) {
        ForecastRecord f = forecasts.find(id);
        JsonNode doc;
        try {
            doc = json.readTree(forecasts.document(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", f.id);
        summary.put("createdAt", f.createdAt.toString());
        summary.put("createdBy", f.createdBy);
        summary.put("seed", f.seed);
        summary.put("replications", f.replications);
        summary.put("horizonDays", f.horizonDays);
        summary.put("startDate", f.startDate.toString());
        summary.put("elapsedMs", f.elapsedMs);
        summary.put("machines", doc.path("fleet").path("machines").asLong());
        summary.put("scenarioIds", joinIds(doc));
        return Templates.result(summary, write(chartData(doc)), growth(doc));
    }

    /** The new machines of a forecast in words: what it costs to hit the plan, per scenario and against the first. */
    public record Growth(boolean shown, String orders, String plan, String message, List<PlanRow> rows,
            List<DifferenceRow> differences, List<OrderRow> scenarios, List<ShiftRow> shifts) {
    }

    public record ShiftRow(String scenario, String move, String reached, String shortAtHorizon, String shortChange,
            String daysChange, String valueChange, String spentChange, String costPerTh) {
    }

    public record PlanRow(String scenario, String reached, String shortAtHorizon, String daysShort, String value,
            String spent, String stranded, String costPerTh) {
    }

    public record DifferenceRow(String name, String shortAtHorizon, String daysShort, String value, String spent) {
    }

    public record OrderRow(String scenario, String added, String commissioned, String inCustomsEnd, String seized,
            String neverShipped, String moved, String fees, String notHashing) {
    }

    static Growth growth(JsonNode doc) {
        JsonNode c = doc.path("planComparison");
        if (c.isMissingNode() || !doc.has("growth")) {
            return new Growth(false, null, null, null, List.of(), List.of(), List.of(), List.of());
        }
        JsonNode mo = doc.path("fleet").path("machineOrders");
        String orders = mo.path("openOrders").asInt() == 0
                ? "No open machine orders: the installed base stays as it is today."
                : String.format(java.util.Locale.ROOT, "%d open machine orders, %s machines (%s TH/s) still to be "
                        + "installed, each batch on its expected date, through customs, then %d days to commission. "
                        + "New machines add to the installed and hashing TH/s from the day they are commissioned; "
                        + "their own failures are not simulated within the horizon.", mo.path("openOrders").asInt(),
                        num(mo.path("machinesToCome").asDouble()), num(mo.path("thsToCome").asDouble()),
                        mo.path("commissioningLagDays").asInt());
        String plan = c.path("finalTargetMonth").isNull() || c.path("finalTargetMonth").isMissingNode() ? null
                : String.format(java.util.Locale.ROOT, "Plan for %s: %s TH/s installed by the end of %s (%s TH/s "
                        + "installed today). Hashrate-days short of the plan are valued at $%s per TH per day.",
                        c.path("scope").asText(), num(c.path("finalTargetThs").asDouble()),
                        month(c.path("finalTargetMonth").asText()), num(c.path("installedThsToday").asDouble()),
                        c.path("hashpriceUsdPerThDay").asText());
        List<PlanRow> rows = new ArrayList<>();
        for (JsonNode r : c.path("rows")) {
            String reached = r.path("monthReached").isNull()
                    ? "Not within the horizon (" + pct(r.path("shareReached").asDouble()) + " of runs reach it)"
                    : month(r.path("monthReached").asText()) + " (" + pct(r.path("shareReached").asDouble())
                            + " of runs reach it within the horizon)";
            rows.add(new PlanRow(r.path("name").asText(), reached, band(r.path("shortAtHorizonThs"), ""),
                    band(r.path("hashrateDaysShortThDays"), ""), band(r.path("valueLostUsd"), "$"),
                    "$" + num(r.path("capitalSpentUsd").path("mean").asDouble()),
                    "$" + num(r.path("capitalStrandedUsd").path("mean").asDouble()),
                    r.path("costPerInstalledThUsd").isNull() ? "nothing installed"
                            : "$" + num(r.path("costPerInstalledThUsd").asDouble())));
        }
        List<DifferenceRow> diffs = new ArrayList<>();
        for (JsonNode d : c.path("differences")) {
            diffs.add(new DifferenceRow(d.path("name").asText(), ci(d.path("shortAtHorizonThs"), ""),
                    ci(d.path("hashrateDaysShortThDays"), ""), ci(d.path("valueLostUsd"), "$"),
                    ci(d.path("capitalSpentUsd"), "$")));
        }
        List<OrderRow> scenarios = new ArrayList<>();
        int last = doc.path("dates").size() - 1;
        for (JsonNode g : doc.path("growth")) {
            JsonNode t = g.path("totals");
            scenarios.add(new OrderRow(g.path("name").asText(), band(t.path("addedThs"), ""),
                    num(t.path("machinesCommissioned").path("mean").asDouble()),
                    num(g.path("machinesInCustoms").path("mean").path(last).asDouble()),
                    num(t.path("machinesSeized").path("mean").asDouble()),
                    num(t.path("machinesNeverShipped").path("mean").asDouble()),
                    num(t.path("machinesMoved").path("mean").asDouble()), "$" + num(t.path("storageFeesUsd").path("mean")
                            .asDouble()), "$" + num(t.path("capitalNotHashingUsd").path("mean").asDouble())));
        }
        List<ShiftRow> shifts = new ArrayList<>();
        for (JsonNode r : c.path("shifts")) {
            JsonNode d = r.path("versusNotMoving");
            String reached = r.path("monthReached").isNull() ? "Not within the horizon"
                    : month(r.path("monthReached").asText());
            shifts.add(new ShiftRow(r.path("name").asText(), "All " + vendor(r.path("from").asText())
                    + " machines still on order (" + num(r.path("machinesMoved").path("mean").asDouble()) + ") to "
                    + vendor(r.path("to").asText()), reached + " (" + pct(r.path("shareReached").asDouble()) + ")",
                    band(r.path("shortAtHorizonThs"), ""), ci(d.path("shortAtHorizonThs"), ""),
                    ci(d.path("hashrateDaysShortThDays"), ""), ci(d.path("valueLostUsd"), "$"),
                    ci(d.path("capitalSpentUsd"), "$"), r.path("costPerInstalledThUsd").isNull() ? "nothing installed"
                            : "$" + num(r.path("costPerInstalledThUsd").asDouble())));
        }
        return new Growth(true, orders, plan, c.path("message").asText(null), rows, diffs, scenarios, shifts);
    }

    private static String vendor(String name) {
        try {
            return app.rigtrail.fleet.domain.Vendor.valueOf(name).label();
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%,.0f", v);
    }

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static String month(String yearMonth) {
        java.time.YearMonth m = java.time.YearMonth.parse(yearMonth);
        return m.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + m.getYear();
    }

    private static String band(JsonNode b, String unit) {
        return unit + num(b.path("mean").asDouble()) + " [" + unit + num(b.path("p10").asDouble()) + ", " + unit
                + num(b.path("p90").asDouble()) + "]";
    }

    private static String ci(JsonNode b, String unit) {
        return signed(b.path("mean").asDouble(), unit) + " [" + signed(b.path("ciLow").asDouble(), unit) + ", "
                + signed(b.path("ciHigh").asDouble(), unit) + "]";
    }

    private static String signed(double v, String unit) {
        return (v < -0.5 ? "-" : v > 0.5 ? "+" : "") + unit + num(Math.abs(v));
    }

    /** What the charts and tables need: the fleet-level bands, backlog means, totals, differences, sites at the end. */
    private ObjectNode chartData(JsonNode doc) {
        ObjectNode out = json.createObjectNode();
        out.set("dates", doc.get("dates"));
        out.set("differences", doc.get("differences"));
        out.set("warnings", doc.get("warnings"));
        out.put("start", doc.path("start").asText("warmup"));
        out.put("warmupDays", doc.path("warmupDays").asInt());
        ObjectNode labels = out.putObject("stageLabels");
        for (app.rigtrail.forecast.domain.Stage st : app.rigtrail.forecast.domain.Stage.values()) {
            labels.put(st.name(), stageLabel(st.name()));
        }
        out.set("baseline", doc.get("fleet"));
        if (doc.has("initialState")) {
            out.set("initialState", doc.get("initialState"));
        }
        var list = out.putArray("scenarios");
        int last = doc.get("dates").size() - 1;
        for (JsonNode s : doc.get("scenarios")) {
            ObjectNode o = list.addObject();
            o.set("id", s.get("id"));
            o.set("name", s.get("name"));
            o.set("effectiveDate", s.get("effectiveDate"));
            o.set("availabilityHashrate", s.get("fleet").get("availabilityHashrate"));
            o.set("availabilityUnits", s.get("fleet").get("availabilityUnits"));
            boolean valid = s.get("analytic").path("valid").asBoolean(true);
            o.put("analyticValid", valid);
            o.set("analyticNotValidBecause", s.get("analytic").get("notValidBecause"));
            if (valid) {
                o.set("analyticAvailabilityHashrate", s.get("analytic").get("availabilityHashrate"));
            }
            o.set("effectiveDay", s.get("effectiveDay"));
            o.set("phaseDays", s.get("phaseDays"));
            ObjectNode backlog = o.putObject("backlog");
            s.get("fleet").get("backlog").fields().forEachRemaining(e -> backlog.set(e.getKey(), e.getValue().get("mean")));
            o.set("totals", s.get("totals"));
            JsonNode grown = growthOf(doc, s.get("id"));
            if (grown != null) {
                ObjectNode installed = o.putObject("installedThs");
                installed.set("mean", grown.path("installedThs").get("mean"));
                installed.set("p10", grown.path("installedThs").get("p10"));
                installed.set("p90", grown.path("installedThs").get("p90"));
                installed.set("plan", grown.get("planThs"));
            }
            var sites = o.putArray("sites");
            for (JsonNode g : s.get("sites")) {
                ObjectNode row = sites.addObject();
                row.set("site", g.get("site"));
                row.put("availabilityEnd", g.get("availabilityHashrate").get("mean").get(last).asDouble());
                row.put("p10End", g.get("availabilityHashrate").get("p10").get(last).asDouble());
                row.put("unitsDownEnd", g.get("unitsDown").get("mean").get(last).asDouble());
            }
        }
        return out;
    }

    private static JsonNode growthOf(JsonNode doc, JsonNode id) {
        for (JsonNode g : doc.path("growth")) {
            if (g.path("scenario").equals(id)) {
                return g;
            }
        }
        return null;
    }

    /** A stage in the users' words: the dashboard's labels, and the two stages only the forecast has. */
    static String stageLabel(String stage) {
        return switch (stage) {
            case "ON_ORDER" -> "On order";
            case "LOST" -> "Lost for good";
            default -> app.rigtrail.availability.domain.BacklogStage.label(stage);
        };
    }

    private static String joinIds(JsonNode doc) {
        List<String> ids = new ArrayList<>();
        doc.get("scenarios").forEach(s -> ids.add(s.get("id").asText()));
        return String.join(",", ids);
    }

    /** The saved forecast as one long CSV table, for a spreadsheet. */
    @GET
    @Path("{id:[0-9]+}/csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") long id) {
        try {
            String csv = ForecastCsv.write(json.readTree(forecasts.document(forecasts.find(id))));
            return Response.ok(csv, "text/csv")
                    .header("Content-Disposition", "attachment; filename=forecast-" + id + ".csv").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the same scenarios again with the same seed (the numbers come out the same unless the fleet changed). */
    @POST
    @Path("{id:[0-9]+}/rerun")
    public Response rerun(@PathParam("id") long id) {
        ForecastRecord f = forecasts.find(id);
        try {
            JsonNode inputs = json.readTree(f.inputs).get("request");
            ForecastRequest request = json.treeToValue(inputs, ForecastRequest.class);
            ForecastRecord again = forecasts.run(forecasts.prepare(request), user.name(),
                    app.rigtrail.forecast.domain.MonteCarloForecast.Monitor.NONE);
            return Response.seeOther(URI.create("/forecasts/" + again.id)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long parseLong(String v) {
        return v == null || v.isBlank() ? null : Long.parseLong(v.trim());
    }

    private static Double parseDouble(String v) {
        return v == null || v.isBlank() ? null : Double.parseDouble(v.trim());
    }
}
