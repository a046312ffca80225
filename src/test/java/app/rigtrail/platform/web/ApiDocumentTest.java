package app.rigtrail.platform.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document is precise enough for the fuzzing stage (e2e/ApiFuzzE2eTest) to hold answers to it
 * (issue #16 item 3): it describes /api only, every error of every operation is problem+json with the Problem
 * schema, every JSON success answer has a schema (no empty "{}"), created and accepted answers say 201 and 202,
 * and the list parameters carry their bounds.
 */
@QuarkusTest
class ApiDocumentTest {

    static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void describesTheApiOnlyWithProblemDetailsForEveryErrorAndASchemaForEverySuccess() throws Exception {
        JsonNode doc = document();
        List<String> wrong = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                wrong.add(path.getKey() + " is not an API path");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = op.getValue().path("responses");
                for (String code : List.of("400", "401", "403", "404", "413", "415", "503", "default")) {
                    String ref = responses.path(code).path("content").path("application/problem+json").path("schema")
                            .path("$ref").asText();
                    if (!ref.endsWith("/Problem")) {
                        wrong.add(name + " " + code + " is not documented as problem+json");
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext();) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (r.getKey().startsWith("2")) {
                        JsonNode json = r.getValue().path("content").path("application/json");
                        if (!json.isMissingNode() && json.path("schema").isEmpty()) {
                            wrong.add(name + " " + r.getKey() + " has no schema");
                        }
                    }
                }
            }
        }
        assertTrue(operations > 90, "only " + operations + " operations");
        assertEquals(List.of(), wrong);
    }

    @Test
    void createdAndAcceptedAnswersAndListBoundsAreDocumented() throws Exception {
        JsonNode doc = document();
        JsonNode paths = doc.path("paths");
        assertEquals("#/components/schemas/TicketView", paths.path("/api/tickets").path("post").path("responses")
                .path("201").path("content").path("application/json").path("schema").path("$ref").asText());
        assertTrue(paths.path("/api/forecasts/runs").path("post").path("responses").has("202"));
        assertTrue(paths.path("/api/hubs").path("post").path("responses").has("201"));
        JsonNode size = null;
        for (JsonNode p : paths.path("/api/miners").path("get").path("parameters")) {
            if (p.path("name").asText().equals("size")) {
                size = p.path("schema");
            }
        }
        assertEquals(1, size.path("minimum").asInt());
        assertEquals(Paging.MAX_SIZE, size.path("maximum").asInt());
        // answers write null where there is no value: properties a view does not require may be null
        JsonNode resolvedAt = doc.path("components").path("schemas").path("TicketView").path("properties");
        assertTrue(resolvedAt.toString().contains("\"null\""), resolvedAt.toString());
        assertTrue(doc.path("components").path("schemas").path("Problem").path("required").toString().contains("status"));
    }

    @Test
    void aForecastIsDescribedByItsTypedResult() throws Exception {
        JsonNode doc = document();
        JsonNode schemas = doc.path("components").path("schemas");
        for (String[] op : new String[][] {{"/api/forecasts", "post"}, {"/api/forecasts/{id}", "get"}}) {
            JsonNode schema = doc.path("paths").path(op[0]).path(op[1]).path("responses").path("200").path("content")
                    .path("application/json").path("schema");
            List<String> refs = new ArrayList<>();
            schema.path("allOf").forEach(s -> refs.add(s.path("$ref").asText()));
            assertEquals(List.of("#/components/schemas/SavedForecast", "#/components/schemas/ForecastResult"), refs,
                    op[0] + " " + schema);
        }
        assertEquals(List.of("id", "createdAt", "createdBy", "elapsedMs"), names(schemas.path("SavedForecast")));
        List<String> result = names(schemas.path("ForecastResult"));
        for (String field : List.of("startDate", "seed", "start", "initialState", "warnings", "dates", "scenarios",
                "differences", "growth", "planComparison")) {
            assertTrue(result.contains(field), field + " in " + result);
        }
        // the plan's days before its first month end are null, and the document says so (CI's fuzz found it)
        for (String days : List.of("planThs", "gapToPlanThs")) {
            JsonNode items = schemas.path("Growth").path("properties").path(days).path("items");
            JsonNode item = items.has("$ref")
                    ? schemas.path(items.path("$ref").asText().substring("#/components/schemas/".length()))
                    : items;
            assertTrue(item.path("type").toString().contains("null") && item.path("type").toString().contains("number"),
                    days + " items " + items + " -> " + item);
        }
        List<String> scenario = names(schemas.path("ScenarioResult"));
        for (String field : List.of("effectiveDay", "fleet", "analytic", "totals")) {
            assertTrue(scenario.contains(field), field + " in " + scenario);
        }
    }

    private static List<String> names(JsonNode schema) {
        List<String> out = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(out::add);
        assertTrue(!out.isEmpty(), "no properties in " + schema);
        return out;
    }
}
