package app.rigtrail.alerts;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.alerts.AlertService.AlertView;
import app.rigtrail.alerts.AlertService.Choices;
import app.rigtrail.alerts.AlertService.WebhookInput;
import app.rigtrail.alerts.AlertService.WebhookView;
import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/** Alerts: list, acknowledge, choose what you are mailed; admins register webhooks. */
@Path("/api/alerts")
@Tag(name = "Alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @Inject
    AlertService alerts;

    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "Alerts you may see (your sites' and those of no site), newest first: kind (RELEASE_CLOCK, "
            + "NOTICE_CLOCK, DEEMED_EXCLUSION, LAST_FREE_DAY, LOW_STOCK, DOA_WINDOW_CLOSING, PART_ARRIVED), siteId, "
            + "open=true for those nobody acknowledged; page (from 0) and size (1-500). Each carries who acknowledged "
            + "it and when, and its deliveries counted by channel and state.")
    public Map<String, Object> list(@QueryParam("kind") AlertKind kind, @QueryParam("siteId") Long siteId,
            @QueryParam("open") boolean open, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int s = size == null ? 50 : size;
        int p = page == null ? 0 : page;
        if (s < 1 || s > 500 || p < 0 || p > 100_000) {
            throw ProblemException.invalid("Paging out of range", List.of(new FieldViolation(s < 1 || s > 500 ? "size"
                    : "page", s < 1 || s > 500 ? "from 1 to 500" : "from 0 to 100000")));
        }
        List<AlertView> items = alerts.list(user, kind, siteId, open, s, p * s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("page", p);
        out.put("size", s);
        return out;
    }

    public record Acknowledgement(String note) {
    }

    @POST
    @Path("{id}/acknowledgements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge an alert (body {note}, optional, at most 500 characters): who and when are kept "
            + "as an appended event. Acknowledging an acknowledged alert keeps the first acknowledgement.")
    public AlertView acknowledge(@PathParam("id") long id, @app.rigtrail.platform.web.OptionalBody Acknowledgement body) {
        return alerts.acknowledge(id, user, body == null ? null : body.note());
    }

    @GET
    @Path("choices")
    @Operation(summary = "Which alerts you are mailed: {email, choices: [{kind, siteId}]} (siteId null: every site you see)")
    public Choices choices() {
        return alerts.choices(user.name());
    }

    @PUT
    @Path("choices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace which alerts you are mailed: {email, choices: [{kind, siteId}]}; technicians only "
            + "their sites. An empty list stops the mail.")
    public Choices choose(Choices body) {
        if (body == null) {
            throw ProblemException.invalid("A body is needed", List.of(new FieldViolation("body", "{email, choices}")));
        }
        return alerts.choose(user, body.email(), body.choices());
    }

    @GET
    @Path("webhooks")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Webhooks (admins): name, url, kinds, siteId, active; secrets are never shown again")
    public List<WebhookView> webhooks() {
        return alerts.webhooks();
    }

    @POST
    @Path("webhooks")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook (admins): {name, url (http/https), kinds: [...], siteId (optional)}. The "
            + "answer holds the secret, once: each delivery is a POST of JSON {deliveryId, alert} with "
            + "X-Rigtrail-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>, X-Rigtrail-Delivery (the same "
            + "on retries: drop duplicates by it) and X-Rigtrail-Event (the kind). Any 2xx counts as delivered; other "
            + "answers are retried with backoff (30 s doubling to 1 h, 10 attempts), except 4xx other than 408/429.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The webhook created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.alerts.AlertService.WebhookView.class)))
    public Response createWebhook(WebhookInput body) {
        WebhookView w = alerts.createWebhook(body, user.name());
        return Response.status(201).entity(w).location(URI.create("/api/alerts/webhooks/" + w.id())).build();
    }

    public record WebhookChange(Boolean active, Boolean rotateSecret) {
    }

    @PATCH
    @Path("webhooks/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn a webhook on or off ({active}), or give it a new secret ({rotateSecret: true}, the answer "
            + "holds it once)")
    public WebhookView changeWebhook(@PathParam("id") long id, WebhookChange body) {
        if (body == null) {
            throw ProblemException.invalid("A body is needed", List.of(new FieldViolation("body", "{active, rotateSecret}")));
        }
        return alerts.changeWebhook(id, body.active(), Boolean.TRUE.equals(body.rotateSecret()), user.name());
    }
}
