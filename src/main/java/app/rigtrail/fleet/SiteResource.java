package app.rigtrail.fleet;

import java.util.List;
import java.util.Set;

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

import app.rigtrail.fleet.MasterDataInputs.SiteInput;
import app.rigtrail.fleet.MasterDataViews.SiteView;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;

@Path("/api/sites")
@Tag(name = "Sites")
@Authenticated
public class SiteResource {

    @Inject
    CurrentUser user;

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = "Sites the caller may see (a technician: their assigned sites), paged; q matches code or name")
    public Page<SiteView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        Paging paging = Paging.of(page, size);
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            where.append(" and (upper(code) like :q or upper(name) like :q)");
            params.and("q", "%" + q.trim().toUpperCase() + "%");
        }
        Set<Long> scope = user.siteScope();
        if (scope != null) {
            where.append(" and id in :scope");
            params.and("scope", scope.isEmpty() ? Set.of(-1L) : scope);
        }
        var query = Site.<Site>find(where.toString(), Sort.by("code"), params);
        List<SiteView> items = query.page(paging.page(), paging.size()).list().stream().map(SiteView::of).toList();
        return new Page<>(items, query.count());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One site; 403 for a technician not assigned to it")
    public SiteView get(@PathParam("id") long id) {
        Site s = Site.findById(id);
        if (s == null) {
            throw ProblemException.notFound("Site", id);
        }
        user.requireSite(s.id);
        return SiteView.of(s);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a site (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The site created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.fleet.MasterDataViews.SiteView.class)))
    public Response create(SiteInput in) {
        SiteView created = service.saveSite(null, in);
        return Response.status(201).header("Location", "/api/sites/" + created.id()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a site (admin); send the version you loaded, 409 if it changed since")
    public SiteView update(@PathParam("id") long id, SiteInput in) {
        return service.saveSite(id, in);
    }
}
