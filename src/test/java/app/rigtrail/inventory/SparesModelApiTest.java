package app.rigtrail.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SparesModelApiTest {

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json")
                .config(io.restassured.RestAssured.config().jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    @Test
    void finiteFleetReference() {
        as(Tokens.TECH_TX).body("{\"method\":\"finite\",\"machines\":10,\"parts\":[{\"name\":\"PSU\",\"unitsPerMachine\":1,"
                + "\"demandPerYear\":0.5,\"turnaroundYears\":0.25,\"stock\":0,\"unitCost\":250}]}")
                .post("/api/models/spares").then().statusCode(200)
                .body("parts[0].expectedBackorders", closeTo(1.11111, 5e-6))
                .body("availability", closeTo(0.88889, 5e-6)).body("totalExpectedBackorders", closeTo(1.11111, 5e-6));
        as(Tokens.MANAGER).body("{\"method\":\"palm\",\"machines\":10,\"parts\":[{\"name\":\"PSU\",\"unitsPerMachine\":1,"
                + "\"demandPerYear\":5,\"turnaroundYears\":0.25,\"stock\":2}]}")
                .post("/api/models/spares").then().statusCode(200)
                .body("parts[0].pipelineMean", closeTo(1.25, 1e-12)).body("parts[0].expectedBackorders", closeTo(0.18114, 5e-6))
                .body("parts[0].fillRate", closeTo(0.644636, 5e-7));
    }

    @Test
    void twoEchelonMethodsAnswerPerSite() {
        String part = "{\"name\":\"Hashboard\",\"unitsPerMachine\":3,\"depot\":{\"turnaroundYears\":0.02531,\"stock\":1},"
                + "\"sites\":[{\"demandPerYear\":23.2,\"repairedOnSiteShare\":0.2,\"siteRepairYears\":0.01,\"shipYears\":0.01,\"stock\":1},"
                + "{\"demandPerYear\":11.0,\"repairedOnSiteShare\":0.0,\"siteRepairYears\":0.01,\"shipYears\":0.02,\"stock\":0}]}";
        for (String method : new String[] {"metric", "vari-metric"}) {
            as(Tokens.LOGISTICS).body("{\"method\":\"" + method + "\",\"machines\":400,\"parts\":[" + part + "]}")
                    .post("/api/models/spares").then().statusCode(200).body("parts[0].sites.size()", equalTo(2))
                    .body("parts[0].depot.pipelineMean", closeTo((23.2 * 0.8 + 11.0) * 0.02531, 1e-9))
                    .body("parts[0].sites[1].pipelineMean", org.hamcrest.Matchers.greaterThan(0.0));
        }
    }

    @Test
    void badRequestsListEveryProblem() {
        as(Tokens.LOGISTICS).body("{\"method\":\"magic\",\"machines\":0,\"parts\":[]}").post("/api/models/spares").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("method", "machines", "parts"));
        as(Tokens.LOGISTICS).body("{\"method\":\"palm\",\"machines\":5,\"parts\":[{\"demandPerYear\":-1,\"stock\":-2}]}")
                .post("/api/models/spares").then().statusCode(400)
                .body("violations.field", hasItems("parts[0].demandPerYear", "parts[0].turnaroundYears", "parts[0].stock"));
        as(Tokens.LOGISTICS).body("{\"method\":\"metric\",\"machines\":5,\"parts\":[{\"name\":\"x\"}]}")
                .post("/api/models/spares").then().statusCode(400).body("violations[0].field", equalTo("parts[0]"));
    }
}
