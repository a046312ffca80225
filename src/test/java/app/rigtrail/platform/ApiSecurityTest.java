package app.rigtrail.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Authentication and roles on the API, with real tokens from the test OIDC server. */
@QuarkusTest
class ApiSecurityTest {

    static final String[] LISTS = {"/api/sites", "/api/miner-models", "/api/miners", "/api/components", "/api/parts",
            "/api/hubs", "/api/ports"};

    @ParameterizedTest
    @ValueSource(strings = {"/api/sites", "/api/miner-models", "/api/miners", "/api/components", "/api/parts",
            "/api/hubs", "/api/ports", "/api/me", "/api/miners/export"})
    void shouldAnswer401WithoutToken(String path) {
        given().when().get(path).then().statusCode(401);
    }

    @Test
    void shouldAnswer401ForAForgedToken() {
        given().header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .when().get("/api/sites").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {Tokens.TECH_TX, Tokens.LOGISTICS, Tokens.MANAGER, Tokens.ADMIN})
    void everyRoleReadsTheLists(String user) {
        for (String path : LISTS) {
            given().header("Authorization", Tokens.bearer(user)).when().get(path)
                    .then().statusCode(200).body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        }
    }

    static Stream<Arguments> masterDataWrites() {
        return Stream.of(
                Arguments.of("/api/sites", "{\"code\":\"ZZ9\",\"name\":\"x\",\"region\":\"TX\",\"country\":\"US\",\"timeZone\":\"America/Chicago\",\"buildings\":1,\"rowsPerBuilding\":1,\"racksPerRow\":1,\"slotsPerRack\":1}"),
                Arguments.of("/api/miner-models", "{\"vendor\":\"OTHER\",\"name\":\"Z9\",\"hashrateThs\":1,\"powerWatts\":1,\"hashboards\":1,\"fans\":1,\"psus\":1,\"controlBoards\":1,\"warrantyDays\":1}"),
                Arguments.of("/api/parts", "{\"partNumber\":\"ZZ-9\",\"kind\":\"FAN\",\"description\":\"x\",\"vendor\":\"OTHER\",\"unitCostCents\":1,\"serialized\":false}"),
                Arguments.of("/api/hubs", "{\"code\":\"ZZ9\",\"name\":\"x\",\"kind\":\"ONSHORE_PARTNER\",\"country\":\"US\",\"vendors\":[\"OTHER\"],\"partKinds\":[\"FAN\"],\"capacityPerWeek\":1,\"turnaroundDays\":1}"),
                Arguments.of("/api/ports", "{\"code\":\"ZZZ\",\"name\":\"x\",\"country\":\"US\"}"));
    }

    @ParameterizedTest
    @MethodSource("masterDataWrites")
    void shouldRefuseMasterDataWritesToEveryRoleButAdmin(String path, String body) {
        for (String user : new String[] {Tokens.TECH_TX, Tokens.TECH_ND, Tokens.LOGISTICS, Tokens.MANAGER}) {
            given().header("Authorization", Tokens.bearer(user)).contentType("application/json").body(body)
                    .when().post(path)
                    .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
            given().header("Authorization", Tokens.bearer(user)).contentType("application/json").body(body)
                    .when().put(path + "/1")
                    .then().statusCode(403);
        }
    }

    @Test
    void shouldRefuseImportAndAssignmentsToNonAdmins() {
        for (String user : new String[] {Tokens.TECH_TX, Tokens.LOGISTICS, Tokens.MANAGER}) {
            given().header("Authorization", Tokens.bearer(user)).contentType("text/csv").body("serial\n")
                    .when().post("/api/miners/import").then().statusCode(403);
            given().header("Authorization", Tokens.bearer(user)).contentType("application/json")
                    .body("{\"siteIds\":[1]}").when().put("/api/users/" + user + "/sites").then().statusCode(403);
        }
    }

    @Test
    void meTellsTheRolesAndTheTechniciansSites() {
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).when().get("/api/me")
                .then().statusCode(200).body("username", equalTo("tech-tx")).body("roles", hasItem("technician"))
                .body("siteRestricted", equalTo(true)).body("siteIds.size()", equalTo(2));
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).when().get("/api/me")
                .then().statusCode(200).body("siteRestricted", equalTo(false));
    }

    @Test
    void aBadQueryValueIsA400ThatNamesTheChoices() {
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).queryParam("status", "FLYING")
                .when().get("/api/miners").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("HASHING"));
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).queryParam("status", "in-repair")
                .when().get("/api/miners").then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).queryParam("page", "x")
                .when().get("/api/miners").then().statusCode(org.hamcrest.Matchers.either(equalTo(400)).or(equalTo(404)));
    }

    @Test
    void openApiDescribesTheContract() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("paths.'/api/miners'.get.summary", startsWith("Miners"))
                .body("paths.'/api/scenarios'.get.summary", startsWith("Every scenario"))
                .body("paths.'/api/scenarios'.post.summary", startsWith("Create a scenario"))
                .body("paths.'/api/scenarios/{id}'.put.summary", startsWith("Edit"))
                .body("paths.'/api/forecasts'.post.summary", startsWith("Run a forecast"))
                .body("paths.'/api/forecasts/runs/{id}'.delete.summary", startsWith("Cancel"));
    }
}
