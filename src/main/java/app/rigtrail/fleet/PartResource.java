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

import app.rigtrail.fleet.MasterDataInputs.PartInput;
import app.rigtrail.fleet.MasterDataViews.PartView;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Catalog;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import io.quarkus.security.Authenticated;

@Path("/api/parts")
@Tag(name = "Parts catalog")
@Authenticated
public class PartResource {

    static final Catalog<Part, PartView> CATALOG = new Catalog<>(Part.class, "Part", "/api/parts",
            "(upper(partNumber) like :q or upper(description) like :q)", "partNumber", PartView::of, PartView::id);

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = Catalog.LIST_SUMMARY)
    public Page<PartView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        return CATALOG.list(Paging.of(page, size), q);
    }

    @GET
    @Path("{id}")
    public PartView get(@PathParam("id") long id) {
        return CATALOG.get(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The part created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = PartView.class)))
    public Response create(PartInput in) {
        return CATALOG.created(service.savePart(null, in));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change (admin); send the version you loaded, 409 if it changed since")
    public PartView update(@PathParam("id") long id, PartInput in) {
        return service.savePart(id, in);
    }
}
