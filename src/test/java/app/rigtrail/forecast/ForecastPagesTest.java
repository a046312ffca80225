package app.rigtrail.forecast;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.ScenarioParameters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
class ForecastPagesTest {

    @Inject
    ScenarioService scenarios;

    @Inject
    ForecastService forecasts;

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void techniciansDoNotReachTheStudioOrTheScenarios() {
        given().get("/forecasts").then().statusCode(403);
        given().get("/scenarios").then().statusCode(403);
        given().get("/forecasts/1/csv").then().statusCode(403);
        given().get("/tickets").then().statusCode(200).body(not(containsString("href=\"/forecasts\"")));
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void logisticsDoesNotRunForecasts() {
        given().get("/forecasts").then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").formParam("scenario", "1").post("/forecasts/run").then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void theStudioOffersTheScenariosAndRefusesABadRunReadably() {
        given().get("/forecasts").then().statusCode(200).body(containsString("The review fades"))
                .body(containsString("Managed within a box")).body(containsString("Entity list"))
                .body(containsString("href=\"/forecasts\""));
        given().contentType("application/x-www-form-urlencoded").formParam("horizonDays", "90").post("/forecasts/run")
                .then().statusCode(200).body(containsString("name at least one scenario id"))
                .body(not(containsString("hx-get")));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void aSavedForecastReopensAsAPageAndAsCsv() {
        long fades = scenarios.list().stream().filter(s -> "review-fades".equals(s.code)).findFirst().orElseThrow().id;
        ForecastRecord f = forecasts.run(forecasts.prepare(new ForecastService.ForecastRequest(java.util.List.of(fades), 30,
                20, 5L, null, null, null)), "mgr", app.rigtrail.forecast.domain.MonteCarloForecast.Monitor.NONE);
        // times in the one format of every page, with the zone (no ISO instant with fractions)
        String minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC)
                .format(f.createdAt) + " UTC";
        String iso = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}";
        given().get("/forecasts/" + f.id).then().statusCode(200)
                .body(containsString("seed <strong id=\"seed\">5</strong>"))
                .body(containsString("/forecasts/" + f.id + "/csv")).body(containsString("Run by mgr at\n  " + minute + " in"));
        String studio = given().get("/forecasts").then().statusCode(200).body(containsString(minute))
                .body(containsString("data-href=\"/forecasts/" + f.id + "\"")).extract().asString();
        assertTrue(!studio.matches("(?s).*<td>" + iso + ".*"), "no ISO instant in the saved forecasts");
        String list = given().get("/scenarios").then().statusCode(200).extract().asString();
        assertTrue(!list.matches("(?s).*<td>" + iso + ".*") && list.matches("(?s).*<td>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC</td>.*"),
                "scenarios updated in the one format");
        given().get("/forecasts/" + f.id + "/csv").then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("forecast-" + f.id + ".csv"))
                .body(containsString("The review fades,fleet,fleet,availabilityUnits,"));
        given().get("/forecasts/999999").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void theSlidersChangeOneVendorsRuleAndTheHubsAndKeepTheOtherRules() {
        long builtIn = scenarios.list().stream().filter(s -> "entity-list".equals(s.code)).findFirst().orElseThrow().id;
        String location = given().redirects().follow(false).post("/scenarios/" + builtIn + "/copy").then().statusCode(303)
                .extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*/scenarios/", ""));
        Scenario copy = QuarkusTransaction.requiringNew().call(() -> Scenario.findById(id));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("version", copy.version).formParam("name", "Entity list, slower customs")
                .formParam("effectiveDate", "2027-04-01").formParam("vendor", "MICROBT")
                .formParam("failureRateScale", "1.2").formParam("heldShareScale", "3").formParam("holdScale", "2")
                .formParam("sparesLeadDays", "120").formParam("tariffPercent", "25").formParam("ordersAllowed", "on")
                .formParam("vendorHubsOpen", "on").formParam("firmwareSupport", "on")
                .formParam("hub", "OP-GA").formParam("open-OP-GA", "on").formParam("capacity-OP-GA", "150")
                .formParam("turnaround-OP-GA", "10").formParam("reason", "customs slower for everyone")
                .post("/scenarios/" + id).then().statusCode(303);
        ScenarioParameters p = QuarkusTransaction.requiringNew()
                .call(() -> scenarios.parameters(Scenario.findById(id)));
        assertEquals("2027-04-01", p.effectiveDate().toString());
        ScenarioParameters.Rule microbt = p.rules().stream().filter(r -> "MICROBT".equals(r.vendor())).findFirst()
                .orElseThrow();
        assertEquals(3.0, microbt.heldShareScale());
        assertEquals(120, microbt.sparesLeadDays());
        assertTrue(p.rules().stream().anyMatch(r -> "BITMAIN".equals(r.vendor()) && Boolean.FALSE.equals(r.ordersAllowed())),
                "the Bitmain rule of the copied scenario stays");
        assertEquals(150, p.hubs().stream().filter(h -> "OP-GA".equals(h.hub())).findFirst().orElseThrow()
                .capacityPerWeek());
        // a bad value gives the page back with a readable message, nothing saved
        given().contentType("application/x-www-form-urlencoded").formParam("name", "x").formParam("vendor", "BITMAIN")
                .formParam("failureRateScale", "1").formParam("heldShareScale", "1").formParam("holdScale", "1")
                .formParam("sparesLeadDays", "900").formParam("tariffPercent", "0").post("/scenarios/" + id).then()
                .statusCode(400).body(containsString("sparesLeadDays")).body(containsString("between 0 and 730"));
        given().contentType("application/x-www-form-urlencoded").formParam("parameters", "{not json")
                .post("/scenarios/" + id + "/parameters").then().statusCode(400)
                .body(containsString("not valid JSON"));
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> Scenario.<Scenario>findById(id)).name);
        // the built-in stays read-only on its page
        given().get("/scenarios/" + builtIn).then().statusCode(200).body(containsString("read-only"))
                .body(not(containsString("id=\"quick-form\"")));
    }

    /**
     * A phased scenario's page in words (#12 item 5): each later phase's rules and hub changes, the
     * site rule beside the vendor's own, hub kinds in words; the sliders show the vendor's rule for
     * every site (held x 2, 25% tariff), not the site's (failure rate x 2 at TX1).
     */
    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void aPhasedScenariosPageSaysEachPhaseAndTheSitesRuleInWords() {
        String body = """
                {"name":"Box then list %s","parameters":{"effectiveAfterDays":10,
                  "rules":[{"vendor":"BITMAIN","heldShareScale":2.0,"tariffPercent":25},
                           {"vendor":"BITMAIN","site":"TX1","failureRateScale":2.0}],
                  "phases":[{"effectiveAfterDays":25,"fallback":"SCRAP",
                             "rules":[{"vendor":"BITMAIN","vendorHubsOpen":false,"ordersAllowed":true},
                                      {"vendor":"BITMAIN","sensitiveSites":true,"stopRunning":true}],
                             "hubs":[{"hub":"OP-GA","capacityPerWeek":200}]}]}}""".formatted(System.nanoTime());
        int id = ForecastApiTest.as(app.rigtrail.platform.Tokens.MANAGER).body(body).post("/api/scenarios").then()
                .statusCode(201)
                .extract().path("id");
        given().get("/scenarios/" + id).then().statusCode(200)
                .body(containsString("From day 25 after the start: Bitmain: vendor repair centres closed, orders allowed; "
                        + "Bitmain at the sites flagged sensitive: ordered to stop running; hub OP-GA: 200 parts a week; "
                        + "parts no open hub takes go to scrap (a replacement is bought)"))
                .body(containsString("Bitmain at TX1: failure rate x 2.0"))
                .body(containsString("id=\"failureRateScale\" name=\"failureRateScale\" data-show=\"failureRateScale-out\" "
                        + "type=\"range\" min=\"0.5\" max=\"3\" step=\"0.05\" value=\"1.0\""))
                .body(containsString("value=\"2.0\"")).body(containsString("Vendor authorized; master data"))
                .body(not(containsString("VENDOR_AUTHORIZED")));
    }
}
