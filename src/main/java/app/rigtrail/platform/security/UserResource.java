package app.rigtrail.platform.security;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

@Path("/api")
@Tag(name = "Users")
public class UserResource {

    public record Me(String username, Set<String> roles, boolean siteRestricted, Set<Long> siteIds) {
    }

    public record SiteAssignment(@NotNull List<Long> siteIds) {
    }

    @Inject
    CurrentUser user;

    @Inject
    UserSiteService service;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @GET
    @Path("me")
    @Authenticated
    @Operation(summary = "Who the caller is, their roles and (for a technician) their sites")
    public Me me() {
        return new Me(user.name(), identity.getRoles(), user.siteRestricted(),
                user.siteRestricted() ? user.assignedSites() : null);
    }

    @GET
    @Path("users/{username}/sites")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The sites a technician is assigned to (admin)")
    public SiteAssignment sites(@PathParam("username") String username) {
        return new SiteAssignment(service.sitesOf(username));
    }

    @PUT
    @Path("users/{username}/sites")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a technician's site assignment (admin)")
    public SiteAssignment assign(@PathParam("username") String username, @jakarta.validation.Valid SiteAssignment in) {
        return new SiteAssignment(service.assign(username, in.siteIds()));
    }
}
