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

import app.rigtrail.fleet.MasterDataInputs.HubInput;
import app.rigtrail.fleet.MasterDataViews.HubView;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;

@Path("/api/hubs")
@Tag(name = "Repair hubs")
@Authenticated
public class HubResource {

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = "List, paged; q filters by code, name or number")
    public Page<HubView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        Paging paging = Paging.of(page, size);
        boolean filtered = q != null && !q.isBlank();
        var query = filtered
                ? RepairHub.<RepairHub>find("(upper(code) like :q or upper(name) like :q)", Sort.by("code"),
                        Parameters.with("q", "%" + q.trim().toUpperCase() + "%"))
                : RepairHub.<RepairHub>findAll(Sort.by("code"));
        List<HubView> items = query.page(paging.page(), paging.size()).list().stream().map(HubView::of).toList();
        return new Page<>(items, query.count());
    }

    @GET
    @Path("{id}")
    public HubView get(@PathParam("id") long id) {
        RepairHub e = RepairHub.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Repair hub", id);
        }
        return HubView.of(e);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The hub created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.fleet.MasterDataViews.HubView.class)))
    public Response create(HubInput in) {
        HubView created = service.saveHub(null, in);
        return Response.status(201).header("Location", "/api/hubs/" + created.id()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change (admin); send the version you loaded, 409 if it changed since")
    public HubView update(@PathParam("id") long id, HubInput in) {
        return service.saveHub(id, in);
    }
}
