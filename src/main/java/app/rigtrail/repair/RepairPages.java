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

    /** Sent by the tablet's outbox (static/outbox.js) when it replays a queued action. */
    public static final String OUTBOX_HEADER = "X-Outbox";

    static final String CLAIM_SAVED = "Claim saved; the case stays open until it is shipped.";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tickets(Page<TicketView> page, app.rigtrail.platform.web.ListView list,
                TicketState state, TicketState[] states, RepairRoute route, RepairRoute[] routes, List<String> sites,
                boolean canOpen);

        static native TemplateInstance newTicket(String q, List<MinerView> matches, MinerDetail miner,
                FormValues form, String formToken, String fixHref, String fixText);

        static native TemplateInstance ticket(TicketDetail detail, List<ComponentView> spares, String message,
                String fixHref, String fixText, String formToken, boolean canWork, ComponentView reserved);

        static native TemplateInstance ticket$panel(TicketDetail detail, List<ComponentView> spares, String message,
                String fixHref, String fixText, String formToken, boolean canWork, ComponentView reserved);

        static native TemplateInstance label(String code, String title, String subtitle, String svg);

        static native TemplateInstance rmaCases(Page<RmaView> page, app.rigtrail.platform.web.ListView list,
                RmaState state, RmaState[] states, app.rigtrail.fleet.domain.Vendor vendor,
                app.rigtrail.fleet.domain.Vendor[] vendors, List<String> sites);

        static native TemplateInstance rmaCase(RmaDetail detail, String message, String fixHref, String fixText,
                String saved, boolean canMove, boolean canSaveClaim, String formToken, ComponentView replacement);
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
    public TemplateInstance tickets(@QueryParam("q") String q, @QueryParam("state") TicketState state,
            @QueryParam("route") RepairRoute route, @QueryParam("site") String site, @QueryParam("sort") String sort,
            @QueryParam("dir") String dir, @QueryParam("page") Integer page, @QueryParam("size") String size) {
        var list = app.rigtrail.platform.web.ListView.of("/tickets", java.util.Map.of("q", nz(q), "state",
                state == null ? "" : state.name(), "route", route == null ? "" : route.name(), "site", nz(site),
                "size", nz(size)), sort,
                dir, page, List.copyOf(RepairService.TICKET_SORTS.keySet()), true);
        return Templates.tickets(repairs.list(q, site, state, route, list), list, state, TicketState.values(), route,
                RepairRoute.values(), fleet.siteCodes(), canWork());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
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
        return Templates.newTicket(q, matches, miner, FormValues.ofSingle(java.util.Map.of()), UUID.randomUUID().toString(),
                null, null);
    }

    @POST
    @Path("tickets")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response openTicket(MultivaluedMap<String, String> form, @HeaderParam(OUTBOX_HEADER) String outbox) {
        FormValues f = FormValues.of(form);
        Long minerId = f.id("minerId");
        OpenTicket in = new OpenTicket(minerId, f.get("symptom"), f.get("errorCodes"), f.get("notes"),
                f.longs("failedComponentIds"));
        try {
            Response r = idempotency.run(user.name() + ":page:open-ticket", f.get("formToken"), in, 201,
                    () -> repairs.open(in));
            long id = json.readTree(String.valueOf(r.getEntity())).get("id").asLong();
            if (outbox != null) {
                // the outbox cannot follow a redirect it did not ask for: it is told where the ticket is
                return Response.status(201).header("X-Outbox-Location", "/tickets/" + id).entity("").build();
            }
            return Response.seeOther(URI.create("/tickets/" + id)).build();
        } catch (ConstraintViolationException | ProblemException e) {
            String message = e instanceof ProblemException p ? p.getMessage() : "Name the symptom and tick the failed part(s)";
            MinerDetail miner = minerId == null ? null : fleet.miner(minerId);
            ProblemException p = e instanceof ProblemException pe ? pe : null;
            return Response.status(400).entity(Templates.newTicket(null, List.of(), miner,
                    f.withErrors(message, List.of()), UUID.randomUUID().toString(), p == null ? null : p.fixHref(),
                    p == null ? null : p.fixText())).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("tickets/{id}")
    public TemplateInstance ticket(@PathParam("id") long id) {
        return ticketPage(repairs.detail(id), null, false);
    }

    /** The ticket page, or only its panel (an htmx or outbox request), with a refusal if there was one. */
    private TemplateInstance ticketPage(TicketDetail detail, ProblemException refusal, boolean panelOnly) {
        String message = refusal == null ? null : refusal.readable();
        String fixHref = refusal == null ? null : refusal.fixHref();
        String fixText = refusal == null ? null : refusal.fixText();
        List<ComponentView> spares = sparesIfNeeded(detail);
        ComponentView reserved = repairs.reservedSpare(detail.ticket().id());
        String token = UUID.randomUUID().toString();
        return panelOnly
                ? Templates.ticket$panel(detail, spares, message, fixHref, fixText, token, canWork(), reserved)
                : Templates.ticket(detail, spares, message, fixHref, fixText, token, canWork(), reserved);
    }

    /**
     * A move from the ticket page. The button sends {@code move} as "STATE" or "STATE/ROUTE" (the
     * route is chosen by the button that moves the ticket, once); {@code to} and {@code route} work
     * too. htmx gets the panel with 200 (it swaps only 2xx); the tablet's outbox (header
     * {@code X-Outbox}) gets the panel with the real status, so it can tell sent from conflict.
     */
    @POST
    @Path("tickets/{id}/transitions")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response move(@PathParam("id") long id, MultivaluedMap<String, String> form,
            @HeaderParam("HX-Request") String htmx, @HeaderParam(OUTBOX_HEADER) String outbox) {
        FormValues f = FormValues.of(form);
        ProblemException refusal = null;
        int status = 200;
        try {
            String[] move = f.get("move") == null ? new String[0] : f.get("move").split("/", 2);
            TicketState to = move.length > 0 ? choice(TicketState.class, move[0])
                    : f.enumValue("to", TicketState.class);
            RepairRoute route = move.length > 1 ? choice(RepairRoute.class, move[1])
                    : f.enumValue("route", RepairRoute.class);
            boolean swapping = to == TicketState.RESOLVED;
            TicketTransitionRequest in = new TicketTransitionRequest(to, f.get("note"), route, f.get("diagnosis"),
                    swapping ? f.get("spareSerial") : null, f.enumValue("minerStatus", MinerStatus.class),
                    swapping ? f.get("failedPartTo") : null, null, f.version(),
                    swapping ? f.get("binOverride") : null);
            idempotency.run(user.name() + ":page:ticket-move", f.get("formToken"), in, 200,
                    () -> repairs.transition(id, in));
        } catch (ProblemException e) {
            refusal = e;
            status = e.status();
        } catch (ConstraintViolationException e) {
            refusal = ProblemException.invalid("Choose what to do with ticket #" + id, List.of());
            status = 400;
        } catch (jakarta.persistence.OptimisticLockException | org.hibernate.StaleObjectStateException e) {
            refusal = ProblemException.conflict("Someone else moved ticket #" + id
                    + " at the same moment; here it is as it is now");
            status = 409;
        }
        if (htmx == null && outbox == null && refusal == null) {
            return Response.seeOther(URI.create("/tickets/" + id)).build();
        }
        TemplateInstance body = ticketPage(repairs.detail(id), refusal, htmx != null || outbox != null);
        return staleMarked(Response.status(htmx != null && outbox == null ? 200 : status).entity(body), refusal).build();
    }

    @POST
    @Path("tickets/{id}/photos")
    @RolesAllowed({Roles.TECHNICIAN, Roles.ADMIN})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response addPhoto(@PathParam("id") long id, @RestForm("file") FileUpload file,
            @RestForm("formToken") String formToken, @HeaderParam(OUTBOX_HEADER) String outbox) throws IOException {
        String message = null;
        if (file == null || file.size() == 0) {
            message = "Choose a photo first.";
        } else if (file.size() > app.rigtrail.repair.domain.ImageType.MAX_BYTES) {
            message = "That photo is larger than 10 MB.";
        } else {
            byte[] data = Files.readAllBytes(file.uploadedFile());
            try {
                // the form token is the upload's idempotency key: a photo sent again after a dropped
                // connection is stored once
                idempotency.run(user.name() + ":page:ticket-photo:" + id, formToken,
                        new PhotoUpload(id, PhotoUpload.sha256(data), file.fileName()), 201,
                        () -> repairs.addPhoto(id, data, file.fileName()));
            } catch (ProblemException e) {
                message = e.getMessage();
            }
        }
        if (message == null) {
            return outbox != null ? Response.ok(ticketPage(repairs.detail(id), null, false)).build()
                    : Response.seeOther(URI.create("/tickets/" + id)).build();
        }
        return Response.status(400).entity(ticketPage(repairs.detail(id), ProblemException.invalid(message,
                List.of()), false)).build();
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
    public TemplateInstance rmaCases(@QueryParam("q") String q, @QueryParam("state") RmaState state,
            @QueryParam("vendor") app.rigtrail.fleet.domain.Vendor vendor, @QueryParam("site") String site,
            @QueryParam("sort") String sort, @QueryParam("dir") String dir, @QueryParam("page") Integer page,
            @QueryParam("size") String size) {
        var list = app.rigtrail.platform.web.ListView.of("/rma-cases", java.util.Map.of("q", nz(q), "state",
                state == null ? "" : state.name(), "vendor", vendor == null ? "" : vendor.name(), "site", nz(site),
                "size", nz(size)),
                sort, dir, page, List.copyOf(RmaService.SORTS.keySet()), true);
        return Templates.rmaCases(rmas.list(q, site, state, vendor, list), list, state, RmaState.values(), vendor,
                app.rigtrail.fleet.domain.Vendor.values(), fleet.siteCodes());
    }

    @GET
    @Path("rma-cases/{id}")
    public TemplateInstance rmaCase(@PathParam("id") long id, @QueryParam("saved") boolean saved) {
        return rmaPage(id, null, saved ? CLAIM_SAVED : null);
    }

    private TemplateInstance rmaPage(long id, ProblemException refusal, String saved) {
        RmaDetail detail = rmas.detail(id);
        return Templates.rmaCase(detail, refusal == null ? null : refusal.readable(),
                refusal == null ? null : refusal.fixHref(), refusal == null ? null : refusal.fixText(), saved,
                canMoveRma(), canSaveClaim(), UUID.randomUUID().toString(), rmas.replacementOf(id));
    }

    /**
     * Saves the vendor's claim fields without moving the case (technicians of the site, logistics,
     * admins), or saves and marks it shipped in one step (logistics, admins).
     */
    @POST
    @Path("rma-cases/{id}/claim")
    @RolesAllowed({Roles.TECHNICIAN, Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveClaim(@PathParam("id") long id, MultivaluedMap<String, String> form,
            @HeaderParam(OUTBOX_HEADER) String outbox) {
        FormValues f = FormValues.of(form);
        boolean ship = "ship".equals(f.get("action"));
        try {
            if (ship && !canMoveRma()) {
                throw new ProblemException(403, "Forbidden", "Logistics marks RMA cases shipped");
            }
            RepairViews.RmaClaim claim = new RepairViews.RmaClaim(f.getOrEmpty("rmaNumber"),
                    f.getOrEmpty("claimReason"), f.getOrEmpty("faultCode"), f.getOrEmpty("vendorTicketId"),
                    f.getOrEmpty("faultDescription"), null, f.version());
            if (ship) {
                RmaTransitionRequest in = new RmaTransitionRequest(RmaState.SHIPPED, f.get("note"), claim.rmaNumber(),
                        claim.claimReason(), claim.faultCode(), claim.vendorTicketId(), claim.faultDescription(), null,
                        claim.version(), null);
                idempotency.run(user.name() + ":page:rma-move", f.get("formToken"), in, 200,
                        () -> rmas.transition(id, in));
                return outbox != null ? Response.ok(rmaPage(id, null, null)).build()
                        : Response.seeOther(URI.create("/rma-cases/" + id)).build();
            }
            idempotency.run(user.name() + ":page:rma-claim", f.get("formToken"), claim, 200,
                    () -> rmas.updateClaim(id, claim));
            return outbox != null ? Response.ok(rmaPage(id, null, CLAIM_SAVED)).build()
                    : Response.seeOther(URI.create("/rma-cases/" + id + "?saved=true")).build();
        } catch (ProblemException e) {
            return staleMarked(Response.status(e.status()).entity(rmaPage(id, e, null)), e).build();
        }
    }

    /** Header the tablet's outbox reads to tell "another tablet changed it first" from any other refusal. */
    static final String STALE_HEADER = "X-Outbox-Conflict";

    /** Marks a refusal because the object changed since the form was loaded (its problem names the current version). */
    private static Response.ResponseBuilder staleMarked(Response.ResponseBuilder r, ProblemException refusal) {
        return refusal != null && refusal.status() == 409 && refusal.extensions().containsKey("version")
                ? r.header(STALE_HEADER, "version") : r;
    }

    @POST
    @Path("rma-cases/{id}/transitions")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response moveRma(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        try {
            RmaState to = f.enumValue("to", RmaState.class);
            if (to == null) {
                throw ProblemException.invalid("Choose what happened to RMA case #" + id, List.of());
            }
            RmaTransitionRequest in = new RmaTransitionRequest(to, f.get("note"), f.get("rmaNumber"),
                    f.get("claimReason"), f.get("faultCode"), f.get("vendorTicketId"), f.get("faultDescription"), null,
                    f.version(), f.get("replacementSerial"));
            idempotency.run(user.name() + ":page:rma-move", f.get("formToken"), in, 200, () -> rmas.transition(id, in));
            return Response.seeOther(URI.create("/rma-cases/" + id)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(rmaPage(id, e, null)).build();
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("'" + value + "' is not a move of a ticket",
                    List.of(new app.rigtrail.platform.web.FieldViolation("move", "not a valid choice")));
        }
    }

    /** Spares a form may offer: while the ticket can still be swapped (an open ticket carries its diagnosing form). */
    private List<ComponentView> sparesIfNeeded(TicketDetail d) {
        TicketState s = d.ticket().state();
        return s.isOpen() && (s != TicketState.OPEN || canWork()) ? repairs.sparesFor(d.ticket().id()) : List.of();
    }

    private boolean canWork() {
        return user.has(Roles.TECHNICIAN) || user.has(Roles.ADMIN);
    }

    private boolean canSaveClaim() {
        return user.has(Roles.TECHNICIAN) || canMoveRma();
    }

    private boolean canMoveRma() {
        return user.has(Roles.LOGISTICS) || user.has(Roles.ADMIN);
    }
}
