package app.rigtrail.fleet;

import java.util.List;
import java.util.Map;
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
import app.rigtrail.platform.web.Catalog;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import io.quarkus.security.Authenticated;

@Path("/api/sites")
@Tag(name = "Sites")
@Authenticated
public class SiteResource {

    static final Catalog<Site, SiteView> CATALOG = new Catalog<>(Site.class, "Site", "/api/sites",
            "(upper(code) like :q or upper(name) like :q)", "code", SiteView::of, SiteView::id);

    @Inject
    CurrentUser user;

    @Inject
    MasterDataService service;

    @GET
    @Operation(summary = "Sites the caller may see (a technician: their assigned sites), paged; q matches code or name")
    public Page<SiteView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        Paging paging = Paging.of(page, size);
        Set<Long> scope = user.siteScope();
        if (scope == null) {
            return CATALOG.list(paging, q);
        }
        return CATALOG.list(paging, q, List.of("id in :scope"),
                Map.of("scope", scope.isEmpty() ? Set.of(-1L) : scope));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One site; 403 for a technician not assigned to it")
    public SiteView get(@PathParam("id") long id) {
        Site s = CATALOG.find(id);
        user.requireSite(s.id);
        return SiteView.of(s);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a site (admin)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The site created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = SiteView.class)))
    public Response create(SiteInput in) {
        return CATALOG.created(service.saveSite(null, in));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a site (admin); send the version you loaded, 409 if it changed since")
    public SiteView update(@PathParam("id") long id, SiteInput in) {
        return service.saveSite(id, in);
    }
}
