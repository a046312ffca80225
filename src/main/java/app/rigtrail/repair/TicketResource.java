package app.rigtrail.repair;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import app.rigtrail.repair.RepairViews.OpenTicket;
import app.rigtrail.repair.RepairViews.TicketDetail;
import app.rigtrail.repair.RepairViews.TicketTransitionRequest;
import app.rigtrail.repair.RepairViews.TicketView;
import app.rigtrail.repair.domain.TicketState;
import io.quarkus.security.Authenticated;

@Path("/api/tickets")
@Tag(name = "Repair tickets")
@Authenticated
public class TicketResource {

    @Inject
    RepairService service;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "Tickets the caller may see, newest first. Filters: site, state, vendor, minAgeDays "
            + "(opened at least that many days ago), open=true for unresolved ones")
    public Page<TicketView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("site") Long site, @QueryParam("state") TicketState state, @QueryParam("vendor") Vendor vendor,
            @QueryParam("minAgeDays") Integer minAgeDays, @QueryParam("open") boolean open) {
        return service.list(site, state, vendor, minAgeDays, open, Paging.of(page, size));
    }

    @POST
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a ticket on a miner with its failed components (technician of the site, admin). "
            + "With an Idempotency-Key header a replay returns the first answer and opens nothing new")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The ticket opened",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.repair.RepairViews.TicketView.class)))
    public Response open(OpenTicket in,
            @Parameter(description = "any unique string per intended request") @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/tickets", key, in, 201, () -> service.open(in));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A ticket with its timeline, photos, swaps and RMA cases")
    public TicketDetail get(@PathParam("id") long id) {
        return service.detail(id);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a ticket: {\"to\": \"DIAGNOSING\", \"note\": \"...\"} plus route, diagnosis, spareSerial, "
            + "minerStatus, failedPartTo, hubId, version when the move needs them. An illegal move gets 409 "
            + "problem+json naming the allowed ones; a stale version gets 409; Idempotency-Key replays the first answer")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The ticket after the transition",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.repair.RepairViews.TicketView.class)))
    public Response transition(@PathParam("id") long id, TicketTransitionRequest in,
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/tickets/" + id + "/transitions", key, in, 200,
                () -> service.transition(id, in));
    }

    @GET
    @Path("{id}/spares")
    @Operation(summary = "Spares on the site's shelf that fit the miner and replace a failed part")
    public List<ComponentView> spares(@PathParam("id") long id) {
        return service.sparesFor(id);
    }

    @POST
    @Path("{id}/photos")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Attach a photo (JPEG, PNG or WebP by content, at most 10 MB) as multipart field 'file'. "
            + "With an Idempotency-Key header a photo sent again (a retry after a dropped connection) is stored once "
            + "and the first answer returned; the same key with other bytes gets 422")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The photo stored",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.repair.RepairViews.PhotoView.class)))
    public Response addPhoto(@PathParam("id") long id, @RestForm("file") FileUpload file,
            @Parameter(description = "any unique string per intended upload") @HeaderParam(Idempotency.HEADER) String key)
            throws IOException {
        if (file == null) {
            throw ProblemException.invalid("Send the photo as multipart field 'file'",
                    List.of(new FieldViolation("file", "is required")));
        }
        if (file.size() > app.rigtrail.repair.domain.ImageType.MAX_BYTES) {
            throw new ProblemException(413, "Photo too large", "A photo may be at most 10 MB");
        }
        byte[] data = Files.readAllBytes(file.uploadedFile());
        return idempotency.run(user.name() + ":POST /api/tickets/" + id + "/photos", key,
                new PhotoUpload(id, PhotoUpload.sha256(data), file.fileName()), 201,
                () -> service.addPhoto(id, data, file.fileName()));
    }

    @GET
    @Path("{id}/photos/{photoId}")
    @Operation(summary = "The photo's bytes")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The photo as uploaded",
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/jpeg", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
                    @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/png", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
                    @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/webp", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary"))})
    public Response photo(@PathParam("id") long id, @PathParam("photoId") long photoId) {
        RepairService.PhotoBytes p = service.photo(id, photoId);
        return Response.ok(p.data(), p.contentType()).header("Cache-Control", "private, max-age=86400").build();
    }
}
