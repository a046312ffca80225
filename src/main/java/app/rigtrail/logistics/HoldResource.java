package app.rigtrail.logistics;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.logistics.LogisticsViews.AlertView;
import app.rigtrail.logistics.LogisticsViews.DetentionNotice;
import app.rigtrail.logistics.LogisticsViews.HoldDecision;
import app.rigtrail.logistics.LogisticsViews.HoldView;
import app.rigtrail.logistics.domain.HoldKind;
import app.rigtrail.platform.security.Roles;
import io.quarkus.security.Authenticated;

@Path("/api/holds")
@Tag(name = "Customs holds")
@Authenticated
public class HoldResource {

    @Inject
    HoldQueries queries;

    @Inject
    ShipmentService shipments;

    @Inject
    HoldAlertJob alerts;

    @GET
    @Operation(summary = "Open holds against their clocks (standing, releaseBy, noticeBy, deemedExclusionOn), with "
            + "fees so far, units and TH/s waiting, and the expected remaining dwell (mean, P50, P90 given the age). "
            + "sort = age (default), port, hashrate or fees")
    public List<HoldView> board(@QueryParam("port") String port, @QueryParam("vendor") String vendor,
            @QueryParam("holdKind") HoldKind kind, @QueryParam("sort") String sort) {
        var v = app.rigtrail.platform.web.EnumParams.parse(app.rigtrail.fleet.domain.Vendor.class, "vendor", vendor);
        if (sort != null && !java.util.List.of("age", "port", "hashrate", "fees").contains(sort)) {
            throw app.rigtrail.platform.web.ProblemException.invalid("Unknown sort", java.util.List.of(
                    new app.rigtrail.platform.web.FieldViolation("sort", "must be age, port, hashrate or fees")));
        }
        return queries.board(new HoldQueries.BoardFilter(port, v == null ? null : v.name(), kind, sort),
                DwellService.today());
    }

    @GET
    @Path("{id}")
    public HoldView get(@PathParam("id") long id) {
        return queries.view(id, DwellService.today());
    }

    @POST
    @Path("{id}/decision")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the outcome (RELEASED, EXCLUDED, RE_EXPORTED, SEIZED, ABANDONED); the shipment follows")
    public HoldView decide(@PathParam("id") long id, HoldDecision in) {
        return shipments.decide(id, in);
    }

    @POST
    @Path("{id}/notice")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the notice of detention")
    public HoldView notice(@PathParam("id") long id, DetentionNotice in) {
        return shipments.notice(id, in);
    }

    @GET
    @Path("alerts")
    @Operation(summary = "Alerts raised when holds passed a clock or their last free day, newest first")
    public List<AlertView> alerts() {
        return queries.alerts(500);
    }

    @POST
    @Path("alerts/check")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Operation(summary = "Run the clock check now (it also runs every 15 minutes); returns the number of new alerts")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public int check() {
        return alerts.check(DwellService.today());
    }
}
