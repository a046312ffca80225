package app.rigtrail.fleet;

import java.io.StringReader;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.fleet.FleetViews.MinerDetail;
import app.rigtrail.fleet.FleetViews.MinerView;
import app.rigtrail.fleet.MinerImport.ImportResult;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import io.quarkus.security.Authenticated;

@Path("/api/miners")
@Tag(name = "Miners")
@Authenticated
public class MinerResource {

    @Inject
    FleetQueries queries;

    @Inject
    MinerImport importer;

    @Inject
    MinerExport exporter;

    @GET
    @Operation(summary = "Miners the caller may see, paged. q matches the start of a serial, asset code or MAC; "
            + "a technician asking for another site's miners gets 403")
    public Page<MinerView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q, @QueryParam("site") Long site, @QueryParam("status") MinerStatus status,
            @QueryParam("model") Long model, @QueryParam("vendor") Vendor vendor) {
        return queries.miners(new MinerFilter(q, site, status, model, vendor), Paging.of(page, size));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A miner with its installed components and status history; 403 for another site's miner")
    public MinerDetail get(@PathParam("id") long id) {
        return queries.miner(id);
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(summary = "CSV export in the import format (docs/csv-format.md), limited to the caller's sites")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The miners as CSV",
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "text/csv", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    public Response export(@QueryParam("q") String q, @QueryParam("site") Long site,
            @QueryParam("status") MinerStatus status, @QueryParam("model") Long model,
            @QueryParam("vendor") Vendor vendor) {
        return Response.ok(exporter.exportCsv(new MinerFilter(q, site, status, model, vendor)))
                .header("Content-Disposition", "attachment; filename=\"miners.csv\"").build();
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import miners with their components from CSV (admin). All or nothing: a bad file gets 400 "
            + "with one violation per bad row and column, and nothing is written")
    public ImportResult importCsv(byte[] body) {
        return importer.importCsv(new StringReader(app.rigtrail.platform.web.CsvText.decode(body)));
    }
}
