package app.rigtrail.fleet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.fleet.MasterDataInputs.PortInput;
import app.rigtrail.fleet.MasterDataViews.PortView;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Catalog;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import io.quarkus.security.Authenticated;

@Path("/api/ports")
@Tag(name = "Ports of entry")
@Authenticated
public class PortResource {

    static final Catalog<Port, PortView> CATALOG = new Catalog<>(Port.class, "Port", "/api/ports",
            "(upper(code) like :q or upper(name) like :q)", "code", PortView::of, PortView::id);

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = Catalog.LIST_SUMMARY)
    public Page<PortView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        return CATALOG.list(Paging.of(page, size), q);
    }

    @GET
    @Path("{id}")
    public PortView get(@PathParam("id") long id) {
        return CATALOG.get(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The port created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = PortView.class)))
    public Response create(PortInput in) {
        return CATALOG.created(service.savePort(null, in));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change (admin); send the version you loaded, 409 if it changed since")
    public PortView update(@PathParam("id") long id, PortInput in) {
        return service.savePort(id, in);
    }
}
