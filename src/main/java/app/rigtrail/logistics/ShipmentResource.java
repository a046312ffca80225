package app.rigtrail.logistics;

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

import app.rigtrail.logistics.LogisticsViews.NewShipment;
import app.rigtrail.logistics.LogisticsViews.ShipmentDetail;
import app.rigtrail.logistics.LogisticsViews.ShipmentTransition;
import app.rigtrail.logistics.LogisticsViews.ShipmentView;
import app.rigtrail.logistics.domain.ShipmentKind;
import app.rigtrail.logistics.domain.ShipmentState;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import io.quarkus.security.Authenticated;

@Path("/api/shipments")
@Tag(name = "Shipments")
@Authenticated
public class ShipmentResource {

    @Inject
    ShipmentService service;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "Shipments, newest first; technicians see the inbound shipments of their sites")
    public Page<ShipmentView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("site") Long site, @QueryParam("state") ShipmentState state,
            @QueryParam("kind") ShipmentKind kind) {
        return service.list(site, state, kind, Paging.of(page, size));
    }

    @POST
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a shipment with its contents (components, RMA cases, part lots, miners)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The shipment created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.logistics.LogisticsViews.ShipmentView.class)))
    public Response create(NewShipment in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/shipments", key, in, 201, () -> service.create(in));
    }

    @GET
    @Path("{id}")
    public ShipmentDetail get(@PathParam("id") long id) {
        return service.detail(id);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a shipment and everything in it: {\"to\": \"IN_TRANSIT\", \"note\": \"...\"}; to HELD "
            + "with \"hold\": {entryNumber, kind, presentedOn, filer, htsCode, declaredValueCents, "
            + "storageFeeCentsPerDay, lastFreeDay}. Illegal moves get 409 naming the allowed ones")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The shipment after the transition",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.logistics.LogisticsViews.ShipmentView.class)))
    public Response transition(@PathParam("id") long id, ShipmentTransition in,
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/shipments/" + id + "/transitions", key, in, 200,
                () -> service.transition(id, in));
    }
}
