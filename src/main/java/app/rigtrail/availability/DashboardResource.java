package app.rigtrail.availability;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.availability.AvailabilityService.AvailabilityReport;
import app.rigtrail.availability.BacklogService.BacklogReport;
import app.rigtrail.availability.BacklogService.ItemPage;
import app.rigtrail.availability.TurnaroundService.HoldsReport;
import app.rigtrail.availability.TurnaroundService.TurnaroundReport;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/** The manager's dashboard as JSON: availability, backlog, turnaround; the filters of the pages. */
@Path("/api")
@Tag(name = "Dashboard")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    @Inject
    Dashboard dashboard;

    @GET
    @Path("availability")
    @Operation(summary = "Availability now and as a daily series (exact, time-weighted from the miners' status events, "
            + "UTC days, today up to now): units hashing over units installed and hashrate available over nameplate, "
            + "for the fleet and per site, vendor and model; hashrate-days lost in the period and their value at "
            + "hashprice ($/TH/day) when given. The period defaults to the last 90 days.")
    public AvailabilityReport availability(@QueryParam("site") @Parameter(description = "site code") String site,
            @QueryParam("vendor") @Parameter(description = "BITMAIN, MICROBT, CANAAN or OTHER") String vendor,
            @QueryParam("model") @Parameter(description = "model name (or id)") String model,
            @QueryParam("from") @Parameter(description = "first day, YYYY-MM-DD (UTC)") String from,
            @QueryParam("to") @Parameter(description = "last day, YYYY-MM-DD (UTC), not after today") String to,
            @QueryParam("hashprice") @Parameter(description = "USD per TH per day, 0 to 10") Double hashprice) {
        checkHashprice(hashprice);
        return dashboard.read(site, vendor, model, from, to,
                (c, f, now) -> dashboard.availability().report(c, f, now, hashprice));
    }

    @GET
    @Path("backlog")
    @Operation(summary = "The repair backlog now by pipeline stage (awaiting diagnosis, awaiting a spare, bench repair, "
            + "awaiting RMA shipment, in transit, customs hold, hub queue, hub repair, returning): counts and ages in "
            + "days (median, P90) overall, per vendor and per site, and the oldest items. from/to, when given, keep "
            + "the items that failed in that period.")
    public BacklogReport backlog(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("oldest") @Parameter(description = "how many of the oldest items, 0-100 (default 20)")
            Integer oldest) {
        int n = oldest == null ? 20 : oldest;
        if (n < 0 || n > 100) {
            throw ProblemException.invalid("Bad parameter", List.of(new FieldViolation("oldest", "must be 0 to 100")));
        }
        return dashboard.read(site, vendor, model, from, to, (c, f, now) -> dashboard.backlog().report(c, f, now, n));
    }

    @GET
    @Path("backlog/items")
    @Operation(summary = "The items behind a backlog segment, oldest first: {items, total}")
    public ItemPage backlogItems(@QueryParam("stage") String stage, @QueryParam("site") String site,
            @QueryParam("vendor") String vendor, @QueryParam("model") String model, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        int l = limit == null ? 100 : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > 1000 || o < 0) {
            throw ProblemException.invalid("Bad paging", List.of(new FieldViolation("limit", "must be 1 to 1000, "
                    + "offset 0 or more")));
        }
        return dashboard.read(site, vendor, model, from, to,
                (c, f, now) -> dashboard.backlog().items(c, f, stage, now, l, o));
    }

    @GET
    @Path("turnaround")
    @Operation(summary = "Turnaround per route (swap, bench, vendor hub, onshore partner; also RMA and scrap tickets) "
            + "of the repairs completed in the period: median and P90 days, re-failure within 30 days (among repairs "
            + "completed at least 30 days ago), cost per TH restored where known.")
    public TurnaroundReport turnaround(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to) {
        return dashboard.read(site, vendor, model, from, to, (c, f, now) -> dashboard.turnaround().report(c, f, now));
    }

    @GET
    @Path("holds-by-age")
    @Operation(summary = "The customs holds open now by age (days since presentation: 0-5, 6-10, 11-30, 31-60, 61+) "
            + "and the dwell survival curve (Kaplan-Meier, open holds censored today) of the holds presented in the "
            + "period; site and vendor filter, model does not apply to holds.")
    public HoldsReport holdAges(@QueryParam("site") String site, @QueryParam("vendor") String vendor,
            @QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to) {
        return dashboard.read(site, vendor, model, from, to, (c, f, now) -> dashboard.turnaround().holds(c, f, now));
    }

    static void checkHashprice(Double hashprice) {
        if (hashprice != null && !(hashprice >= 0 && hashprice <= 10)) {
            throw ProblemException.invalid("Bad hashprice", List.of(new FieldViolation("hashprice",
                    "must be between 0 and 10 dollars per TH per day")));
        }
    }
}
