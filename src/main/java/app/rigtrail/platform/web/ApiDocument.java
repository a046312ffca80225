package app.rigtrail.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Shapes the OpenAPI document (mp.openapi.filter): it describes the REST API under /api only (the
 * pages are for browsers with a session, not for API clients), and every operation's error answers
 * are documented as what they are, application/problem+json (RFC 9457, {@link Problem}), so that a
 * client or the fuzzing stage (e2e/ApiFuzzE2eTest) can hold every 4xx and 5xx to that schema.
 */
public class ApiDocument implements OASFilter {

    static final String PROBLEM = "Problem";

    /** The errors any /api operation can answer, whatever it does (platform/web/ErrorResponses). */
    static final Map<String, String> COMMON_ERRORS = new LinkedHashMap<>();
    static {
        COMMON_ERRORS.put("400", "The request is malformed or a field is invalid (violations name them)");
        COMMON_ERRORS.put("401", "No bearer token, or an invalid or expired one");
        COMMON_ERRORS.put("403", "The caller's role or sites do not allow this");
        COMMON_ERRORS.put("404", "No such resource, or one the caller may not see");
        COMMON_ERRORS.put("405", "The path exists but not with this method");
        COMMON_ERRORS.put("406", "None of the accepted media types can be produced");
        COMMON_ERRORS.put("413", "The body is too large");
        COMMON_ERRORS.put("414", "The request line is too long");
        COMMON_ERRORS.put("415", "The body's media type is not accepted here");
        COMMON_ERRORS.put("503", "Overloaded, shutting down, or the database or identity provider is unreachable; "
                + "Retry-After says when to try again");
    }

    /** Further errors of operations that change things or compute. */
    static final Map<String, String> WRITE_ERRORS = Map.of(
            "409", "The change conflicts with the current state (a stale version, a refused transition, a reused key)",
            "422", "The request is well formed but cannot be answered (e.g. a model fit the data cannot give)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (String path : new ArrayList<>(openAPI.getPaths().getPathItems().keySet())) {
            if (!path.startsWith("/api/")) {
                openAPI.getPaths().removePathItem(path);
            }
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM, problemSchema());
        markAnswersNullable(openAPI);
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                boolean write = e.getKey() != PathItem.HttpMethod.GET;
                Operation op = e.getValue();
                boundListParameters(op, vendors(components));
                if (op.getResponses() == null) {
                    op.setResponses(OASFactory.createAPIResponses());
                }
                APIResponses responses = op.getResponses();
                Map<String, String> errors = new LinkedHashMap<>(COMMON_ERRORS);
                if (write) {
                    errors.putAll(WRITE_ERRORS);
                }
                for (Map.Entry<String, String> err : errors.entrySet()) {
                    APIResponse r = responses.getAPIResponse(err.getKey());
                    if (r == null) {
                        r = OASFactory.createAPIResponse().description(err.getValue());
                        responses.addAPIResponse(err.getKey(), r);
                    }
                    problemContent(r);
                }
                // every answer the documented ones do not name is a problem too
                APIResponse other = responses.getDefaultValue();
                if (other == null) {
                    responses.setDefaultValue(problemContent(OASFactory.createAPIResponse()
                            .description("Any other error, as problem details")));
                }
            }
        }
    }

    /**
     * Answers are written with every field, null where there is no value (a ticket not yet resolved has
     * "resolvedAt":null): in the schemas that answers use, a property the schema does not require is
     * marked as possibly null. Schemas only requests use are left as they are (a request may leave such
     * a field out but not send null for a number).
     */
    static void markAnswersNullable(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        java.util.Set<String> reached = new java.util.HashSet<>();
        java.util.Deque<Schema> todo = new java.util.ArrayDeque<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                    if (r.getContent() != null && r.getContent().getMediaTypes() != null) {
                        r.getContent().getMediaTypes().values().forEach(m -> {
                            if (m.getSchema() != null) {
                                todo.add(m.getSchema());
                            }
                        });
                    }
                }
            }
        }
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            if (s.getRef() != null) {
                String name = s.getRef().substring(s.getRef().lastIndexOf('/') + 1);
                if (reached.add(name) && schemas.get(name) != null) {
                    todo.add(schemas.get(name));
                }
                continue;
            }
            if (s.getProperties() != null) {
                todo.addAll(s.getProperties().values());
            }
            if (s.getItems() != null) {
                todo.add(s.getItems());
            }
            if (s.getAdditionalPropertiesSchema() != null) {
                todo.add(s.getAdditionalPropertiesSchema());
            }
            for (List<Schema> group : java.util.Arrays.asList(s.getAnyOf(), s.getOneOf(), s.getAllOf())) {
                if (group != null) {
                    todo.addAll(group);
                }
            }
        }
        reached.remove(PROBLEM);
        for (String name : reached) {
            Schema s = schemas.get(name);
            if (s == null || s.getProperties() == null) {
                continue;
            }
            List<String> required = s.getRequired() == null ? List.of() : s.getRequired();
            for (Map.Entry<String, Schema> p : new LinkedHashMap<>(s.getProperties()).entrySet()) {
                if (!required.contains(p.getKey())) {
                    s.addProperty(p.getKey(), nullable(p.getValue()));
                }
            }
        }
    }

    static Schema nullable(Schema p) {
        if (p.getRef() != null || p.getAllOf() != null) {
            return OASFactory.createSchema().addAnyOf(p).addAnyOf(OASFactory.createSchema()
                    .type(List.of(Schema.SchemaType.NULL)));
        }
        if (p.getAnyOf() != null) {
            boolean hasNull = p.getAnyOf().stream().anyMatch(a -> a.getType() != null
                    && a.getType().contains(Schema.SchemaType.NULL));
            return hasNull ? p : p.addAnyOf(OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL)));
        }
        if (p.getType() != null && !p.getType().isEmpty() && !p.getType().contains(Schema.SchemaType.NULL)) {
            List<Schema.SchemaType> types = new ArrayList<>(p.getType());
            types.add(Schema.SchemaType.NULL);
            p.setType(types);
        }
        return p;
    }

    /**
     * The dashboards' filters (from/to days, vendor codes; oldest 0-100, limit 1-1000, offset from 0, as
     * DashboardResource checks them) and the list parameters every list reads the same way (Paging,
     * ListQuery.daysAgo): page from 0 to
     * {@link Paging#MAX_PAGE}, size from 1 to {@link Paging#MAX_SIZE} (50 when left out), minAgeDays from 0
     * to {@link ListQuery#MAX_AGE_DAYS}; outside them a list answers 400 naming the parameter.
     */
    /**
     * The vendor codes, as the document itself describes them (the schema of the vendor enum the answers
     * use, #13 item 2: platform knows no feature's enums); empty when no answer names a vendor.
     */
    static List<Object> vendors(Components components) {
        Schema vendor = components.getSchemas() == null ? null : components.getSchemas().get("Vendor");
        return vendor == null || vendor.getEnumeration() == null ? List.of() : List.copyOf(vendor.getEnumeration());
    }

    static void boundListParameters(Operation op, List<Object> vendors) {
        if (op.getParameters() == null) {
            return;
        }
        for (org.eclipse.microprofile.openapi.models.parameters.Parameter p : op.getParameters()) {
            if (p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY && p.getSchema() != null
                    && p.getSchema().getType() != null && p.getSchema().getType().contains(Schema.SchemaType.STRING)
                    && p.getSchema().getFormat() == null && p.getSchema().getEnumeration() == null) {
                // the dashboards' filters: days as YYYY-MM-DD, a vendor by its code
                if (p.getName().equals("from") || p.getName().equals("to")) {
                    p.getSchema().format("date");
                } else if (p.getName().equals("vendor")) {
                    for (Object v : vendors) {
                        p.getSchema().addEnumeration(v);
                    }
                }
            }
            if (p.getIn() != org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY || p.getSchema() == null
                    || p.getSchema().getType() == null || !p.getSchema().getType().contains(Schema.SchemaType.INTEGER)) {
                continue;
            }
            switch (p.getName()) {
                case "oldest" -> p.getSchema().minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(100))
                        .defaultValue(20);
                case "limit" -> p.getSchema().minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(1000))
                        .defaultValue(100);
                case "offset" -> p.getSchema().minimum(java.math.BigDecimal.ZERO).defaultValue(0);
                case "page" -> p.getSchema().minimum(java.math.BigDecimal.ZERO)
                        .maximum(java.math.BigDecimal.valueOf(Paging.MAX_PAGE)).defaultValue(0);
                case "size" -> p.getSchema().minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(Paging.MAX_SIZE)).defaultValue(50);
                case "minAgeDays" -> p.getSchema().minimum(java.math.BigDecimal.ZERO)
                        .maximum(java.math.BigDecimal.valueOf(ListQuery.MAX_AGE_DAYS));
                default -> {
                }
            }
        }
    }

    static APIResponse problemContent(APIResponse r) {
        Content content = r.getContent();
        if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            r.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
        }
        return r;
    }

    static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addRequired("field").addRequired("message")
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("a JSON path such as observations[0].count, a parameter's name, or \"body\""))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details; more members may follow (e.g. \"allowed\" for a refused transition)")
                .addRequired("title").addRequired("status")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(violation));
    }
}
