package app.rigtrail.repair;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rigtrail.fleet.FleetQueries;
import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.FleetViews.MinerDetail;
import app.rigtrail.fleet.FleetViews.MinerView;
import app.rigtrail.fleet.MinerFilter;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import app.rigtrail.platform.web.QrLabel;
import app.rigtrail.repair.RepairViews.OpenTicket;
import app.rigtrail.repair.RepairViews.RmaDetail;
import app.rigtrail.repair.RepairViews.RmaTransitionRequest;
import app.rigtrail.repair.RepairViews.RmaView;
import app.rigtrail.repair.RepairViews.TicketDetail;
import app.rigtrail.repair.RepairViews.TicketTransitionRequest;
import app.rigtrail.repair.RepairViews.TicketView;
import app.rigtrail.repair.domain.RepairRoute;
import app.rigtrail.repair.domain.RmaState;
import app.rigtrail.repair.domain.TicketState;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * The technician's pages, tablet first: open tickets, opening a ticket by scan or typed serial,
 * the ticket with its timeline and photos, moves made with htmx (the ticket panel is swapped in
 * place), printable QR labels; and the RMA pages.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RepairPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tickets(Page<TicketView> page, TicketState state, TicketState[] states,
                boolean canOpen);

        static native TemplateInstance newTicket(String q, List<MinerView> matches, MinerDetail miner,
                FormValues form, String formToken);

        static native TemplateInstance ticket(TicketDetail detail, List<ComponentView> spares, String message,
                String formToken, boolean canWork, RepairRoute[] routes);

        static native TemplateInstance ticket$panel(TicketDetail detail, List<ComponentView> spares, String message,
                String formToken, boolean canWork, RepairRoute[] routes);

        static native TemplateInstance label(String code, String title, String subtitle, String svg);

        static native TemplateInstance rmaCases(Page<RmaView> page, RmaState state, RmaState[] states);

        static native TemplateInstance rmaCase(RmaDetail detail, String message, boolean canMove, String formToken);
    }

    @Inject
    RepairService repairs;

    @Inject
    RmaService rmas;

    @Inject
    FleetQueries fleet;

    @Inject
    CurrentUser user;

    @Inject
    Idempotency idempotency;

    @Inject
    ObjectMapper json;

    @GET
    @Path("tickets")
    public TemplateInstance tickets(@QueryParam("state") TicketState state, @QueryParam("page") Integer page) {
        return Templates.tickets(repairs.list(null, state, null, null, state == null, Paging.of(page, 100)), state,
                TicketState.values(), canWork());
    }

    @GET
    @Path("tickets/new")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    public TemplateInstance newTicket(@QueryParam("q") String q, @QueryParam("miner") Long minerId) {
        MinerDetail miner = null;
        List<MinerView> matches = List.of();
        if (minerId != null) {
            miner = fleet.miner(minerId);
        } else if (q != null && !q.isBlank()) {
            matches = fleet.miners(new MinerFilter(q, null, null, null, null), Paging.of(0, 20)).items();
            if (matches.size() == 1) {
                miner = fleet.miner(matches.get(0).id());
            }
        }
        return Templates.newTicket(q, matches, miner, FormValues.ofSingle(java.util.Map.of()), UUID.randomUUID().toString());
    }

    @POST
    @Path("tickets")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response openTicket(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        Long minerId = f.get("minerId") == null ? null : Long.valueOf(f.get("minerId"));
        OpenTicket in = new OpenTicket(minerId, f.get("symptom"), f.get("errorCodes"), f.get("notes"),
                f.longs("failedComponentIds"));
        try {
            Response r = idempotency.run(user.name() + ":page:open-ticket", f.get("formToken"), in, 201,
                    () -> repairs.open(in));
            long id = json.readTree(String.valueOf(r.getEntity())).get("id").asLong();
            return Response.seeOther(URI.create("/tickets/" + id)).build();
        } catch (ConstraintViolationException | ProblemException e) {
            String message = e instanceof ProblemException p ? p.getMessage() : "Name the symptom and tick the failed part(s)";
            MinerDetail miner = minerId == null ? null : fleet.miner(minerId);
            return Response.status(400).entity(Templates.newTicket(null, List.of(), miner,
                    f.withErrors(message, List.of()), UUID.randomUUID().toString())).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("tickets/{id}")
    public TemplateInstance ticket(@PathParam("id") long id) {
        TicketDetail detail = repairs.detail(id);
        return Templates.ticket(detail, sparesIfNeeded(detail), null, UUID.randomUUID().toString(), canWork(),
                RepairRoute.values());
    }

    @POST
    @Path("tickets/{id}/transitions")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response move(@PathParam("id") long id, MultivaluedMap<String, String> form,
            @HeaderParam("HX-Request") String htmx) {
        FormValues f = FormValues.of(form);
        String message = null;
        int status = 200;
        try {
            TicketTransitionRequest in = new TicketTransitionRequest(f.enumValue("to", TicketState.class),
                    f.get("note"), f.enumValue("route", RepairRoute.class), f.get("diagnosis"), f.get("spareSerial"),
                    f.enumValue("minerStatus", MinerStatus.class), f.get("failedPartTo"), null,
                    f.optionalInteger("version"));
            idempotency.run(user.name() + ":page:ticket-move", f.get("formToken"), in, 200,
                    () -> repairs.transition(id, in));
        } catch (ProblemException e) {
            message = e.getMessage();
            status = e.status();
        } catch (ConstraintViolationException e) {
            message = "Choose what to do with the ticket";
            status = 400;
        } catch (jakarta.persistence.OptimisticLockException | org.hibernate.StaleObjectStateException e) {
            message = "Someone else moved this ticket at the same moment; here it is as it is now";
            status = 409;
        }
        if (htmx == null && message == null) {
            return Response.seeOther(URI.create("/tickets/" + id)).build();
        }
        TicketDetail detail = repairs.detail(id);
        TemplateInstance body = htmx != null
                ? Templates.ticket$panel(detail, sparesIfNeeded(detail), message, UUID.randomUUID().toString(),
                        canWork(), RepairRoute.values())
                : Templates.ticket(detail, sparesIfNeeded(detail), message, UUID.randomUUID().toString(), canWork(),
                        RepairRoute.values());
        // htmx swaps only 2xx answers: the refusal is shown inside the panel instead
        return Response.status(htmx != null ? 200 : status).entity(body).build();
    }

    @POST
    @Path("tickets/{id}/photos")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response addPhoto(@PathParam("id") long id, @RestForm("file") FileUpload file) throws IOException {
        String message = null;
        int status = 303;
        if (file == null || file.size() == 0) {
            message = "Choose a photo first.";
        } else if (file.size() > app.rigtrail.repair.domain.ImageType.MAX_BYTES) {
            message = "That photo is larger than 10 MB.";
        } else {
            try {
                repairs.addPhoto(id, Files.readAllBytes(file.uploadedFile()), file.fileName());
            } catch (ProblemException e) {
                message = e.getMessage();
            }
        }
        if (message == null) {
            return Response.seeOther(URI.create("/tickets/" + id)).build();
        }
        status = 400;
        TicketDetail detail = repairs.detail(id);
        return Response.status(status).entity(Templates.ticket(detail, sparesIfNeeded(detail), message,
                UUID.randomUUID().toString(), canWork(), RepairRoute.values())).build();
    }

    @GET
    @Path("tickets/{id}/photos/{photoId}")
    @Produces({"image/jpeg", "image/png", "image/webp"})
    public Response photo(@PathParam("id") long id, @PathParam("photoId") long photoId) {
        RepairService.PhotoBytes p = repairs.photo(id, photoId);
        return Response.ok(p.data(), p.contentType()).build();
    }

    @GET
    @Path("miners/{id}/label")
    public TemplateInstance minerLabel(@PathParam("id") long id) {
        MinerView m = fleet.miner(id).miner();
        return Templates.label(m.assetCode(), m.vendor() + " " + m.model(), "S/N " + m.serial() + " · " + m.site()
                + " " + (m.position() == null ? "(not installed yet)" : m.position()), QrLabel.svg(m.assetCode()));
    }

    @GET
    @Path("components/{id}/label")
    public TemplateInstance componentLabel(@PathParam("id") long id) {
        ComponentView c = fleet.component(id).component();
        return Templates.label(c.serial(), c.kind() + " " + c.partNumber(), c.location(), QrLabel.svg(c.serial()));
    }

    // ---- RMA ----

    @GET
    @Path("rma-cases")
    public TemplateInstance rmaCases(@QueryParam("state") RmaState state, @QueryParam("page") Integer page) {
        return Templates.rmaCases(rmas.list(null, state, null, null, Paging.of(page, 100)), state, RmaState.values());
    }

    @GET
    @Path("rma-cases/{id}")
    public TemplateInstance rmaCase(@PathParam("id") long id) {
        return Templates.rmaCase(rmas.detail(id), null, canMoveRma(), UUID.randomUUID().toString());
    }

    @POST
    @Path("rma-cases/{id}/transitions")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response moveRma(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        try {
            RmaTransitionRequest in = new RmaTransitionRequest(f.enumValue("to", RmaState.class), f.get("note"),
                    f.get("rmaNumber"), f.get("claimReason"), f.get("faultCode"), f.get("vendorTicketId"),
                    f.get("faultDescription"), null, f.optionalInteger("version"));
            idempotency.run(user.name() + ":page:rma-move", f.get("formToken"), in, 200, () -> rmas.transition(id, in));
            return Response.seeOther(URI.create("/rma-cases/" + id)).build();
        } catch (ProblemException e) {
            String message = e.getMessage() + (e.violations().isEmpty() ? ""
                    : ": " + String.join("; ", e.violations().stream().map(v -> v.message()).toList()));
            return Response.status(e.status()).entity(Templates.rmaCase(rmas.detail(id), message, canMoveRma(),
                    UUID.randomUUID().toString())).build();
        } catch (ConstraintViolationException e) {
            return Response.status(400).entity(Templates.rmaCase(rmas.detail(id), "Choose the next state",
                    canMoveRma(), UUID.randomUUID().toString())).build();
        }
    }

    private List<ComponentView> sparesIfNeeded(TicketDetail d) {
        TicketState s = d.ticket().state();
        return s.isOpen() && s != TicketState.OPEN ? repairs.sparesFor(d.ticket().id()) : List.of();
    }

    private boolean canWork() {
        return user.has(Roles.TECHNICIAN) || user.has(Roles.ADMIN);
    }

    private boolean canMoveRma() {
        return user.has(Roles.LOGISTICS) || user.has(Roles.ADMIN);
    }
}
