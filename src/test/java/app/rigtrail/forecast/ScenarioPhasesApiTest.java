package app.rigtrail.forecast;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * #12 item 5 through the API: a scenario with a later phase, a rule for one site and one for the
 * sensitive sites; its forecast reports the phase days, storage fees and tariffs; bad phases,
 * targets and cadences are refused naming the fields.
 */
@QuarkusTest
class ScenarioPhasesApiTest {

    private static final String PHASED = """
            {"name":"Box then entity list %s","parameters":{"effectiveAfterDays":10,
              "rules":[{"vendor":"BITMAIN","heldShareScale":2.0,"tariffPercent":25},
                       {"vendor":"BITMAIN","site":"TX1","failureRateScale":2.0}],
              "phases":[{"effectiveAfterDays":25,"fallback":"SCRAP",
                         "rules":[{"vendor":"BITMAIN","vendorHubsOpen":false,"ordersAllowed":true},
                                  {"vendor":"BITMAIN","sensitiveSites":true,"stopRunning":true}]}]}}""";

    @Test
    void aPhasedScenarioWithSiteRulesRunsAndReportsItsPhasesFeesAndTariffs() {
        int id = ForecastApiTest.as(Tokens.MANAGER).body(PHASED.formatted(System.nanoTime()))
                .post("/api/scenarios").then().statusCode(201)
                .body("parameters.phases[0].effectiveAfterDays", org.hamcrest.Matchers.equalTo(25))
                .body("parameters.rules[1].site", org.hamcrest.Matchers.equalTo("TX1")).extract().path("id");
        JsonPath f = ForecastApiTest.as(Tokens.MANAGER)
                .body("{\"scenarios\":[" + id + "],\"horizonDays\":40,\"replications\":12,\"seed\":3,"
                        + "\"shipEveryDays\":{\"TX1\":{\"vendorHub\":1,\"onshorePartner\":3}}}")
                .post("/api/forecasts").then().statusCode(200).extract().jsonPath();
        assertEquals(10, f.getInt("scenarios[0].effectiveDay"));
        assertEquals(List.of(25), f.getList("scenarios[0].phaseDays", Integer.class));
        assertTrue(f.getDouble("scenarios[0].totals.tariffsUsd.mean") >= 0);
        assertTrue(f.getDouble("scenarios[0].totals.storageFeesUsd.mean") >= 0);
        // rules for one site: the closed form, per vendor and kind, is withheld and says why
        assertTrue(f.getList("scenarios[0].analytic.notValidBecause", String.class).stream()
                .anyMatch(s -> s.contains("particular sites")), f.getList("scenarios[0].analytic.notValidBecause").toString());
    }

    @Test
    void badPhasesTargetsAndCadencesAreRefusedFieldByField() {
        ForecastApiTest.as(Tokens.MANAGER).body("""
                {"name":"bad phases","parameters":{"effectiveAfterDays":30,
                  "rules":[{"vendor":"BITMAIN","site":"NOWHERE"},{"model":"NO SUCH MODEL","failureRateScale":2},
                           {"vendor":"BITMAIN","stopRunning":true}],
                  "phases":[{"effectiveAfterDays":20},{"fallback":"TELEPORT"}]}}""")
                .post("/api/scenarios").then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItems("parameters.rules[0].site", "parameters.rules[1].model",
                        "parameters.rules[2].stopRunning", "parameters.phases[0].effectiveAfterDays",
                        "parameters.phases[1].effectiveAfterDays", "parameters.phases[1].fallback"));
        ForecastApiTest.as(Tokens.MANAGER).body("{\"scenarios\":" + ForecastApiTest.builtInIds()
                + ",\"horizonDays\":40,\"replications\":4,\"shipEveryDays\":{\"NOWHERE\":{\"vendorHub\":1},"
                + "\"TX1\":{\"vendorHub\":0}}}")
                .post("/api/forecasts").then().statusCode(400)
                .body("violations.field", hasItems("shipEveryDays.NOWHERE", "shipEveryDays.TX1.vendorHub"));
    }
}
