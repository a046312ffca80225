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

import app.rigtrail.fleet.MasterDataInputs.PartInput;
import app.rigtrail.fleet.MasterDataViews.PartView;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;

@Path("/api/parts")
@Tag(name = "Parts catalog")
@Authenticated
public class PartResource {

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = "List, paged; q filters by code, name or number")
    public Page<PartView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        Paging paging = Paging.of(page, size);
        boolean filtered = q != null && !q.isBlank();
        var query = filtered
                ? Part.<Part>find("(upper(partNumber) like :q or upper(description) like :q)", Sort.by("partNumber"),
                        Parameters.with("q", "%" + q.trim().toUpperCase() + "%"))
                : Part.<Part>findAll(Sort.by("partNumber"));
        List<PartView> items = query.page(paging.page(), paging.size()).list().stream().map(PartView::of).toList();
        return new Page<>(items, query.count());
    }

    @GET
    @Path("{id}")
    public PartView get(@PathParam("id") long id) {
        Part e = Part.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Part", id);
        }
        return PartView.of(e);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The part created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.fleet.MasterDataViews.PartView.class)))
    public Response create(PartInput in) {
        PartView created = service.savePart(null, in);
        return Response.status(201).header("Location", "/api/parts/" + created.id()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change (admin); send the version you loaded, 409 if it changed since")
    public PartView update(@PathParam("id") long id, PartInput in) {
        return service.savePart(id, in);
    }
}
