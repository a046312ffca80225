package app.rigtrail.forecast;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.forecast.ScenarioService.ScenarioInput;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Idempotency;

/** Scenarios of import restrictions: the built-in three and managers' own. */
@Path("/api/scenarios")
@Tag(name = "Scenarios")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class ScenarioResource {

    /** A scenario as the API shows it; {@code parameters} as documented in docs/scenarios.md. */
    public record ScenarioView(long id, String code, String name, String description, boolean builtIn, String owner,
            Long copiedFrom, int version, String createdAt, String updatedAt, JsonNode parameters) {
    }

    @Inject
    ScenarioService scenarios;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentUser user;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(summary = "Every scenario: id, name, builtIn, owner, version and its parameters (effectiveDate, "
            + "firmwareOffFailureFactor, rules per vendor and part kind, hubs).")
    public List<ScenarioView> list() {
        return scenarios.list().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One scenario")
    public ScenarioView get(@PathParam("id") long id) {
        return view(scenarios.get(id));
    }

    /** One appended change: who, when, what, from, to, why. */
    public record Change(String at, String actor, String action, JsonNode before, JsonNode after, String reason) {
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "Every change of a scenario, oldest first: who, when, action, before, after, reason")
    public java.util.Map<String, Object> history(@PathParam("id") long id) {
        scenarios.get(id);
        List<Change> items = app.rigtrail.platform.audit.AuditEvent
                .<app.rigtrail.platform.audit.AuditEvent>list("entity = ?1 and entityId = ?2 order by id", "scenario", id)
                .stream().map(e -> new Change(e.at.toString(), e.actor, e.action, tree(e.beforeJson), tree(e.afterJson),
                        e.reason))
                .toList();
        return java.util.Map.of("items", items, "total", items.size());
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a scenario ({name, description, parameters}) or copy one ({copyOf: id, name?, "
            + "parameters?}). The new scenario belongs to the caller. Idempotency-Key is honoured. 201 with Location.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The scenario created (Location names it)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.forecast.ScenarioResource.ScenarioView.class)))
    public Response create(ScenarioInput in, @HeaderParam(Idempotency.HEADER) String key) {
        Response r = idempotency.run(user.name() + ":POST /api/scenarios", key, in, 201,
                () -> view(scenarios.create(in)));
        JsonNode body = readBody(r);
        return Response.fromResponse(r).location(URI.create("/api/scenarios/" + body.get("id").asLong())).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit one's own scenario (admins: any non-built-in one): {name?, description?, parameters?, "
            + "version, reason?}. A stale version gives 409; a built-in scenario gives 409 (copy it instead); "
            + "another manager's scenario gives 403.")
    public ScenarioView update(@PathParam("id") long id, ScenarioInput in) {
        return view(scenarios.update(id, in));
    }

    ScenarioView view(Scenario s) {
        try {
            return new ScenarioView(s.id, s.code, s.name, s.description, s.builtIn, s.owner, s.copiedFrom, s.version,
                    s.createdAt.toString(), s.updatedAt.toString(), json.readTree(s.parameters));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readBody(Response r) {
        Object entity = r.getEntity();
        try {
            return entity instanceof String text ? json.readTree(text) : json.valueToTree(entity);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
