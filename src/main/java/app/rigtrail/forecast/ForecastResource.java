package app.rigtrail.forecast;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.forecast.ForecastService.ForecastRequest;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Idempotency;

/** Scenario forecasts: run (at once or in the background), list, reopen; JSON or CSV. */
@Path("/api/forecasts")
@Tag(name = "Forecasts")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class ForecastResource {

    static final String CSV = "text/csv";

    @Inject
    ForecastService forecasts;

    @Inject
    ForecastJobs jobs;

    @Inject
    CurrentUser user;

    @Inject
    Idempotency idempotency;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Run a forecast: {scenarios: [ids], horizonDays (30-365, default 180), replications (2-10000, "
            + "default 1000), seed (default: drawn, and returned), filter: {site|sites, vendor|vendors, model}, "
            + "hashpriceUsdPerThDay (default 0.05), start: \"now\" (default: day 0 is today's pipeline, every open "
            + "ticket, RMA case, hold and purchase order at its stage) or \"warmup\" (the steady state: day 0 drawn "
            + "from the stationary pipeline of the baseline, Palm's law per stage, as a long warm-up reaches it; "
            + "warmupDays 0), startDate (warmup only; default tomorrow), techniciansPerSite: {siteCode: n} (default one "
            + "per 2,000 machines)}. Returns initialState (with start now: units down and backlog per stage, the "
            + "engine's day 0 beside the dashboard's, equal), warnings (a scenario changing after the horizon), and "
            + "per scenario its effectiveDay and, per day from the start date, availability (units and hashrate) "
            + "and backlog by stage (the dashboard's stages plus ON_ORDER and LOST) with mean/p10/p50/p90 for the "
            + "fleet and per site and vendor, stocked-out spares pools, the analytic (Palm / M_t/G/inf) steady "
            + "state with valid and notValidBecause (capacity binding, holds striking shipments), totals "
            + "(hashrate-days lost and their value, spare spend, fallbackParts: parts no open hub took) and paired "
            + "differences against the first scenario "
            + "with 95% intervals. Open machine orders (the database's fleet only) add growth[] per scenario: "
            + "installedThs and hashingThs (mean/p10/p50/p90 per day; new machines add TH/s from their commissioning, "
            + "their own failures are not simulated), planThs and gapToPlanThs per day (null before the plan's first "
            + "month end), machinesOnOrder, machinesOnTheWay, machinesInCustoms, machinesAwaitingCommissioning "
            + "(bands), totals {addedThs, machinesCommissioned, machinesSeized, machinesNeverShipped, machinesMoved, "
            + "capitalSpentUsd, capitalStrandedUsd, capitalNotHashingUsd, storageFeesUsd, costPerInstalledThUsd}; and "
            + "planComparison {scope, hashpriceUsdPerThDay (the $/TH/day valuing hashrate-days short), "
            + "finalTargetMonth, finalTargetThs, installedThsToday, rows[] {scenario, name, monthReached (null: not "
            + "within the horizon), shareReached, shortAtHorizonThs, hashrateDaysShortThDays, valueLostUsd, "
            + "capitalSpentUsd, capitalStrandedUsd, costPerInstalledThUsd}, differences[] {scenario, versus, name, "
            + "shortAtHorizonThs, hashrateDaysShortThDays, valueLostUsd, capitalSpentUsd: mean, ciLow, ciHigh, level "
            + "0.95, paired by replication}, shifts[] {scenario, name, from, to, machinesMoved, monthReached, "
            + "shareReached, shortAtHorizonThs, hashrateDaysShortThDays, capitalSpentUsd, costPerInstalledThUsd, "
            + "versusNotMoving {shortAtHorizonThs, hashrateDaysShortThDays, valueLostUsd, capitalSpentUsd}: every "
            + "machine still on order of one vendor moved to another on day 0}, message when there is no plan}. "
            + "The forecast is saved (Location: /api/forecasts/{id}); the same inputs and seed "
            + "give the same numbers. Accept: text/csv (or ?format=csv) for one long CSV table. Idempotency-Key "
            + "is honoured.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The forecast (id, inputs, results by scenario)",
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(allOf = {Saved.class, ForecastResult.class})),
                    @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "text/csv", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    public Response run(ForecastRequest request, @HeaderParam(Idempotency.HEADER) String key,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @QueryParam("format") String format) {
        Response r = idempotency.run(user.name() + ":POST /api/forecasts", key, request, 200, () -> {
            ForecastService.Prepared p = forecasts.prepare(request);
            ForecastRecord f = forecasts.run(p, user.name(), Monitor.NONE);
            return tree(forecasts.document(f));
        });
        JsonNode doc = r.getEntity() instanceof String text ? tree(text) : json.valueToTree(r.getEntity());
        URI location = URI.create("/api/forecasts/" + doc.get("id").asLong());
        if (wantsCsv(accept, format)) {
            return Response.ok(ForecastCsv.write(doc), CSV).location(location)
                    .header("Content-Disposition", "attachment; filename=forecast-" + doc.get("id").asLong() + ".csv")
                    .build();
        }
        return Response.fromResponse(r).location(location).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The 50 latest forecasts (id, when, by whom, scenarios, horizon, replications, seed), "
            + "without their results")
    public Map<String, Object> list() {
        List<Map<String, Object>> items = forecasts.latest(50);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("total", items.size());
        return out;
    }

    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "A saved forecast, as it was run (JSON, or CSV with Accept: text/csv or ?format=csv)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The saved forecast",
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(allOf = {Saved.class, ForecastResult.class})),
                    @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "text/csv", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    public Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @QueryParam("format") String format) {
        String doc = forecasts.document(forecasts.find(id));
        if (wantsCsv(accept, format)) {
            return Response.ok(ForecastCsv.write(tree(doc)), CSV)
                    .header("Content-Disposition", "attachment; filename=forecast-" + id + ".csv").build();
        }
        return Response.ok(doc, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{id}/inputs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What a saved forecast was computed from: the request, seed, scenarios' parameters as they "
            + "were, and the baseline (fleet, failure rates, holds, lead times)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "What the forecast was computed from",
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT))})
    public Response inputs(@PathParam("id") long id) {
        return Response.ok(forecasts.find(id).inputs, MediaType.APPLICATION_JSON).build();
    }

    /** A background run's state, the same through every replica; instance names the replica executing it. */
    /**
     * What a forecast's JSON holds before its result's fields (ForecastService.document); with
     * {@link ForecastResult} it is the typed schema of POST /api/forecasts and GET /api/forecasts/{id}.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SavedForecast")
    public record Saved(long id, java.time.Instant createdAt, String createdBy, long elapsedMs) {
    }

    public record RunStatus(String id, String state, int replicationsDone, int replicationsTotal, int percent,
            Long forecastId, String error, boolean cancelRequested, String instance) {
        static RunStatus of(ForecastJobs.Job j) {
            return new RunStatus(j.id, j.state().name(), j.done(), j.total, j.percent(), j.forecastId(), j.error(),
                    j.cancelRequested(), j.instance);
        }
    }

    @POST
    @Path("runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a forecast in the background (same body as POST /api/forecasts): 202 with the run's "
            + "progress; poll GET /api/forecasts/runs/{id}, cancel with DELETE, through any replica (runs and their "
            + "progress are kept in the database). When DONE, forecastId names the result. A run whose replica stopped "
            + "ends FAILED with the reason in error.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202", description = "The run started, with its progress (Location names it)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.forecast.ForecastResource.RunStatus.class)))
    public Response start(ForecastRequest request) {
        ForecastJobs.Job job = jobs.start(forecasts.prepare(request), user.name());
        return Response.accepted(RunStatus.of(job)).location(URI.create("/api/forecasts/runs/" + job.id)).build();
    }

    @GET
    @Path("runs/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A background run: QUEUED, RUNNING (with replications done), DONE (forecastId), CANCELLED or "
            + "FAILED (error says why); cancelRequested once a DELETE asked it to stop; instance: the replica executing it")
    public RunStatus status(@PathParam("id") String id) {
        return RunStatus.of(jobs.get(id, user.name(), user.isAdmin()));
    }

    @DELETE
    @Path("runs/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a background run: a queued run is CANCELLED at once, a running one stops before its next "
            + "replication (within about a second, on whichever replica executes it) and saves nothing")
    public RunStatus cancel(@PathParam("id") String id) {
        return RunStatus.of(jobs.cancel(id, user.name(), user.isAdmin()));
    }

    static boolean wantsCsv(String accept, String format) {
        return "csv".equalsIgnoreCase(format)
                || (accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
