package app.rigtrail.fleet;

import java.util.List;

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
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;

@Path("/api/miner-models")
@Tag(name = "Miner models")
@Authenticated
public class MinerModelResource {

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = "List, paged; q filters by code, name or number")
    public Page<ModelView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        Paging paging = Paging.of(page, size);
        boolean filtered = q != null && !q.isBlank();
        var query = filtered
                ? MinerModel.<MinerModel>find("upper(name) like :q", Sort.by("vendor", "name"),
                        Parameters.with("q", "%" + q.trim().toUpperCase() + "%"))
                : MinerModel.<MinerModel>findAll(Sort.by("vendor", "name"));
        List<ModelView> items = query.page(paging.page(), paging.size()).list().stream().map(ModelView::of).toList();
        return new Page<>(items, query.count());
    }

    @GET
    @Path("{id}")
    public ModelView get(@PathParam("id") long id) {
        MinerModel e = MinerModel.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Miner model", id);
        }
        return ModelView.of(e);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The model created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.fleet.MasterDataViews.ModelView.class)))
    public Response create(ModelInput in) {
        ModelView created = service.saveModel(null, in);
        return Response.status(201).header("Location", "/api/miner-models/" + created.id()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change (admin); send the version you loaded, 409 if it changed since")
    public ModelView update(@PathParam("id") long id, ModelInput in) {
        return service.saveModel(id, in);
    }
}
