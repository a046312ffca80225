package app.rigtrail.fleet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.fleet.FleetViews.ComponentDetail;
import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import io.quarkus.security.Authenticated;

@Path("/api/components")
@Tag(name = "Components")
@Authenticated
public class ComponentResource {

    @Inject
    FleetQueries queries;

    @GET
    @Operation(summary = "Serialized components the caller may see, paged; q matches the start of a serial")
    public Page<ComponentView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q, @QueryParam("kind") ComponentKind kind, @QueryParam("site") Long site) {
        return queries.components(q, kind, site, Paging.of(page, size));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A component with its genealogy: every place it has been, in which miner, who and why")
    public ComponentDetail get(@PathParam("id") long id) {
        return queries.component(id);
    }
}
