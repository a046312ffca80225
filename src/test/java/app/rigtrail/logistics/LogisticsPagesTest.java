package app.rigtrail.logistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.SiteScopeTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
class LogisticsPagesTest {

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void theHoldsBoardShowsClocksAndTheCurve() {
        given().get("/holds").then().statusCode(200).body(containsString("id=\"holds-board\""))
                .body(containsString("clock-row")).body(containsString("dwell-chart"))
                .body(containsString("/webjars/chart.js/dist/chart.umd.js"));
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200);
        given().get("/holds?holdKind=OTHER_AGENCY&sort=fees").then().statusCode(200)
                .body(not(containsString("<td>CBP exam: tailgate</td>"))).body(not(containsString("CBP_TAILGATE<")))
                .body(not(containsString(">DEEMED_EXCLUDED<"))).body(not(containsString(">NO_CLOCK<")));
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void logisticsCreatesAndMovesAShipmentByForm() {
        long site = SiteScopeTest.siteId("AR1");
        String location = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("kind", "SPARES_PURCHASE").formParam("carrier", "FedEx").formParam("siteId", site)
                .formParam("formToken", "t-" + System.nanoTime())
                .post("/shipments").then().statusCode(303).extract().header("Location");
        given().get(location).then().statusCode(200).body(containsString("Being packed"))
                .body(containsString(">Mark ready for pick-up</button>")).body(not(containsString(">READY<")));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("to", "READY")
                .formParam("formToken", "m-" + System.nanoTime()).post(location + "/transitions").then().statusCode(303);
        given().get(location).then().body(containsString("Being packed → Ready for pick-up"))
                .body(containsString("data-confirm=\"Reopen this shipment for packing?"));
        given().contentType("application/x-www-form-urlencoded").formParam("kind", "OUTBOUND_TO_HUB")
                .formParam("carrier", "x").formParam("siteId", site).post("/shipments").then().statusCode(400)
                .body(containsString("outbound shipment goes to a hub"));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void techniciansCannotCreateShipments() {
        given().get("/shipments/new").then().statusCode(403);
        given().get("/shipments").then().statusCode(200).body(not(containsString("New shipment")));
    }
}
