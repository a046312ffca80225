package app.rigtrail.growth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The machine order and capacity plan pages, as logistics, managers and technicians use them. */
@QuarkusTest
class MachineOrderPagesTest {

    static io.restassured.specification.RequestSpecification form() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void logisticsPlacesAnOrderByFormAndARefusedFormKeepsWhatWasTyped() {
        long model = MachineOrderFixtures.model("S21 Pro");
        long site = MachineOrderFixtures.site("NY1");
        given().get("/machine-orders/new").then().statusCode(200).body(containsString("id=\"order-form\""))
                .body(containsString("name=\"csrf-token\""));
        // a typo in the price and no lead time: refused, nothing saved, the typed values are still there
        long before = MachineOrderFixtures.count("select count(*) from machine_order");
        form().formParam("modelId", model).formParam("siteId", site).formParam("quantity", "40")
                .formParam("unitPrice", "23,5OO").formParam("formToken", "t-" + System.nanoTime())
                .post("/machine-orders").then().statusCode(400).body(containsString("must be an amount in dollars"))
                .body(containsString("value=\"40\""));
        form().formParam("modelId", model).formParam("siteId", site).formParam("quantity", "40")
                .formParam("unitPrice", "23,500").formParam("formToken", "t-" + System.nanoTime())
                .post("/machine-orders").then().statusCode(400).body(containsString("quotedLeadDays"));
        assertEquals(before, MachineOrderFixtures.count("select count(*) from machine_order"));
        String token = "t-" + System.nanoTime();
        String location = form().formParam("modelId", model).formParam("siteId", site).formParam("quantity", "40")
                .formParam("unitPrice", "23,500.00").formParam("depositPaid", "94000").formParam("quotedLeadDays", "60")
                .formParam("vendorReference", "BM-8841").formParam("formToken", token).post("/machine-orders").then()
                .statusCode(303).extract().header("Location");
        // the same form posted twice (a double tap) places one order
        String again = form().formParam("modelId", model).formParam("siteId", site).formParam("quantity", "40")
                .formParam("unitPrice", "23,500.00").formParam("depositPaid", "94000").formParam("quotedLeadDays", "60")
                .formParam("vendorReference", "BM-8841").formParam("formToken", token).post("/machine-orders").then()
                .statusCode(303).extract().header("Location");
        assertEquals(location, again);
        assertEquals(before + 1, MachineOrderFixtures.count("select count(*) from machine_order"));
        String page = given().get(location).then().statusCode(200).body(containsString("Placed"))
                .body(containsString("$23,500.00 a machine")).body(containsString("$940,000.00"))
                .body(containsString("id=\"delivery-form\"")).body(containsString("BM-8841"))
                .body(not(containsString("PLACED<"))).extract().asString();
        assertTrue(page.contains("New expected date") && page.contains("Cancel machines not shipped"));
        long id = Long.parseLong(location.replaceAll(".*/", ""));
        // a delivery that shipped today, then a delay of the rest; the times are in the site's zone
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        String added = form().formParam("quantity", "25").formParam("carrier", "Maersk")
                .formParam("shippedOn", today.toString()).formParam("formToken", "d-" + System.nanoTime())
                .post("/machine-orders/" + id + "/deliveries").then().statusCode(303).extract().header("Location");
        given().get(added).then().body(containsString("Being delivered"))
                .body(containsString("In transit")).body(containsString("Delivery added."))
                .body(containsString(ZoneId.of("America/New_York").getRules().isDaylightSavings(java.time.Instant.now())
                        ? " EDT" : " EST"));
        int version = MachineOrderFixtures.as(Tokens.LOGISTICS).get("/api/machine-orders/" + id).then().extract()
                .path("order.version");
        form().formParam("expectedShipOn", today.plusDays(120).toString()).formParam("reason", "")
                .formParam("version", version).formParam("formToken", "y-" + System.nanoTime())
                .post("/machine-orders/" + id + "/delays").then().statusCode(400).body(containsString("reason"));
        form().formParam("expectedShipOn", today.plusDays(120).toString()).formParam("reason", "allocation cut")
                .formParam("version", version).formParam("formToken", "y-" + System.nanoTime())
                .post("/machine-orders/" + id + "/delays").then().statusCode(303);
        given().get("/machine-orders/" + id).then().body(containsString("allocation cut"))
                .body(containsString("days later than first promised"));
        // a stale form (the version it was loaded at) is refused with a readable message
        form().formParam("quantity", "5").formParam("reason", "x").formParam("version", version)
                .formParam("formToken", "x-" + System.nanoTime()).post("/machine-orders/" + id + "/cancellations")
                .then().statusCode(409).body(containsString("changed since you loaded it"));
        given().get("/machine-orders?site=NY1&state=IN_DELIVERY").then().statusCode(200)
                .body(containsString("MO-" + id)).body(containsString("Being delivered"));
        given().get("/machine-orders?state=NOPE").then().statusCode(200).body(containsString("is not one of"));
        String csv = given().get("/machine-orders/csv?site=NY1").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("MO-" + id + ",BITMAIN,S21 Pro,NY1,Being delivered,40,0,15,25,"), csv);
    }

    @Test
    @TestSecurity(user = "tech-nd", roles = "technician")
    void techniciansSeeTheirSitesOrdersButPlaceNone() {
        given().get("/machine-orders").then().statusCode(200).body(not(containsString("id=\"new-order\"")))
                .body(not(containsString("<td>OK1</td>")));
        given().get("/machine-orders/new").then().statusCode(403);
        given().get("/capacity-plan").then().statusCode(403);
        form().formParam("quantity", "1").post("/machine-orders/1/cancellations").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void managersSetThePlanAndSeeItOnTheDashboard() {
        given().get("/machine-orders").then().statusCode(200).body(not(containsString("id=\"new-order\"")));
        given().get("/machine-orders/new").then().statusCode(403);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(2).toString();
        given().get("/capacity-plan").then().statusCode(200).body(containsString("name=\"t|FLEET|" + month + "\""));
        form().formParam("t|AB1|" + month, "12.5x").formParam("o|AB1|" + month, "")
                .formParam("formToken", "p-" + System.nanoTime()).post("/capacity-plan").then().statusCode(400)
                .body(containsString("AB1 " + month)).body(containsString("is not a number of PH/s"));
        form().formParam("t|AB1|" + month, "12.5").formParam("o|AB1|" + month, "").formParam("reason", "board plan")
                .formParam("formToken", "p-" + System.nanoTime()).post("/capacity-plan").then().statusCode(303);
        given().get("/capacity-plan?site=AB1").then().statusCode(200).body(containsString("value=\"12.5\""))
                .body(containsString("board plan"));
        given().get("/capacity-plan/progress?site=AB1").then().statusCode(200)
                .body(containsString("id=\"capacity-months\"")).body(containsString(month))
                .body(containsString("12.5"));
        given().get("/capacity-plan/progress?site=NOPE").then().statusCode(400).body(containsString("no site NOPE"));
        given().get("/dashboard").then().statusCode(200).body(containsString("hx-get=\"/capacity-plan/progress?site="))
                .body(containsString("/static/capacity.js"));
        given().get("/static/capacity.js").then().statusCode(200);
    }
}
