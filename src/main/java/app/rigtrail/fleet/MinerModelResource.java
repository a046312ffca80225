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

import app.rigtrail.fleet.MasterDataInputs.ModelInput;
import app.rigtrail.fleet.MasterDataViews.ModelView;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Catalog;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import io.quarkus.security.Authenticated;

@Path("/api/miner-models")
@Tag(name = "Miner models")
@Authenticated
public class MinerModelResource {

    static final Catalog<MinerModel, ModelView> CATALOG = new Catalog<>(MinerModel.class, "Miner model", "/api/miner-models",
            "upper(name) like :q", "vendor, name", ModelView::of, ModelView::id);

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = Catalog.LIST_SUMMARY)
    public Page<ModelView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        return CATALOG.list(Paging.of(page, size), q);
    }

    @GET
    @Path("{id}")
    public ModelView get(@PathParam("id") long id) {
        return CATALOG.get(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The model created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ModelView.class)))
    public Response create(ModelInput in) {
        return CATALOG.created(service.saveModel(null, in));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change (admin); send the version you loaded, 409 if it changed since")
    public ModelView update(@PathParam("id") long id, ModelInput in) {
        return service.saveModel(id, in);
    }
}
