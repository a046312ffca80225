package app.rigtrail.repair;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.repair.RepairViews.OpenRma;
import app.rigtrail.repair.RepairViews.RmaDetail;
import app.rigtrail.repair.RepairViews.RmaTransitionRequest;
import app.rigtrail.repair.RepairViews.RmaView;
import app.rigtrail.repair.domain.RmaState;
import io.quarkus.security.Authenticated;

@Path("/api/rma-cases")
@Tag(name = "RMA cases")
@Authenticated
public class RmaResource {

    @Inject
    RmaService service;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "RMA cases the caller may see, newest first. Filters: site, state, vendor, minAgeDays")
    public Page<RmaView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("site") Long site, @QueryParam("state") RmaState state, @QueryParam("vendor") Vendor vendor,
            @QueryParam("minAgeDays") Integer minAgeDays) {
        return service.list(site, state, vendor, minAgeDays, Paging.of(page, size));
    }

    @POST
    @RolesAllowed({Roles.TECHNICIAN, Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open an RMA case for a component (warranty and dead-on-arrival computed; default hub: "
            + "the vendor's centre that takes the part). Idempotency-Key replays the first answer")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The RMA case opened",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.repair.RepairViews.RmaView.class)))
    public Response open(OpenRma in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/rma-cases", key, in, 201, () -> service.open(in));
    }

    @jakarta.ws.rs.PUT
    @Path("{id}/claim")
    @RolesAllowed({Roles.TECHNICIAN, Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fill in the vendor's claim fields (and the hub) without moving the case")
    public RmaView claim(@PathParam("id") long id, app.rigtrail.repair.RepairViews.RmaClaim in) {
        return service.updateClaim(id, in);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A case with its events and the days spent in each state")
    public RmaDetail get(@PathParam("id") long id) {
        return service.detail(id);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a case: {\"to\": \"SHIPPED\", \"note\": \"...\"}, with the vendor's claim fields "
            + "(Bitmain rmaNumber + claimReason, MicroBT rmaNumber + faultCode, Canaan vendorTicketId + "
            + "faultDescription), required before SHIPPED. RECEIVED or CLOSED back to OPENED is the second return "
            + "of a part that failed within 30 days of coming back; later, 409. Illegal moves get 409 naming the "
            + "allowed ones")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The RMA case after the transition",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.repair.RepairViews.RmaView.class)))
    public Response transition(@PathParam("id") long id, RmaTransitionRequest in,
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/rma-cases/" + id + "/transitions", key, in, 200,
                () -> service.transition(id, in));
    }
}
