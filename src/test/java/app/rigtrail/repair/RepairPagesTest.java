package app.rigtrail.repair;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
class RepairPagesTest {

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aTechnicianOpensATicketByFormOnceEvenWhenTheFormIsSentTwice() {
        long miner = RepairFixtures.freshMiner("TX1");
        long component = RepairFixtures.componentOf(miner, "CONTROL_BOARD");
        given().get("/tickets/new?miner=" + miner).then().statusCode(200)
                .body(containsString("name=\"failedComponentIds\" value=\"" + component + "\""))
                .body(containsString("name=\"formToken\""));
        String token = UUID.randomUUID().toString();
        String first = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("minerId", miner).formParam("failedComponentIds", component)
                .formParam("symptom", "Control board not booting").formParam("formToken", token)
                .post("/tickets").then().statusCode(303).extract().header("Location");
        String second = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("minerId", miner).formParam("failedComponentIds", component)
                .formParam("symptom", "Control board not booting").formParam("formToken", token)
                .post("/tickets").then().statusCode(303).extract().header("Location");
        assertEquals(first, second, "a double tap opens one ticket");
        given().get(first).then().statusCode(200).body(containsString("Control board not booting"))
                .body(containsString("Start diagnosis"));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void anHtmxMoveAnswersWithThePanelAndAStaleOneSaysWhy() {
        long ticket = RepairFixtures.openHashboardTicket("htmx move")[0];
        given().header("HX-Request", "true").contentType("application/x-www-form-urlencoded")
                .formParam("to", "DIAGNOSING").formParam("version", "0").formParam("formToken", UUID.randomUUID().toString())
                .post("/tickets/" + ticket + "/transitions").then().statusCode(200)
                .body(containsString("id=\"ticket\"")).body(containsString(">Diagnosing</span>"))
                .body(containsString("id=\"f-diagnosis\"")).body(containsString("value=\"AWAITING_PART/SWAP\""))
                .body(not(containsString("<html")));
        given().header("HX-Request", "true").contentType("application/x-www-form-urlencoded")
                .formParam("to", "CANCELLED").formParam("version", "0").formParam("formToken", UUID.randomUUID().toString())
                .post("/tickets/" + ticket + "/transitions").then().statusCode(200)
                .body(containsString("id=\"ticket-message\"")).body(containsString("since you loaded it"))
                .body(containsString(">Diagnosing</span>"));
        given().contentType("application/x-www-form-urlencoded").formParam("to", "RESOLVED")
                .formParam("formToken", UUID.randomUUID().toString())
                .post("/tickets/" + ticket + "/transitions").then().statusCode(409)
                .body(containsString("<html")).body(containsString("choose a route"));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void managersReadTicketsButCannotWorkThem() {
        long ticket = RepairFixtures.openHashboardTicket("read only")[0];
        given().get("/tickets/" + ticket).then().statusCode(200).body(not(containsString("Start diagnosis")));
        given().get("/tickets/new").then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").formParam("to", "DIAGNOSING")
                .post("/tickets/" + ticket + "/transitions").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "tech-nd", roles = "technician")
    void anotherSitesTicketIsRefusedOnThePage() {
        long ticket = RepairFixtures.openHashboardTicket("not yours")[0];
        given().get("/tickets/" + ticket).then().statusCode(403).body(containsString("Site not assigned"));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void labelsCarryAQrCodeOfTheAssetCode() {
        long miner = RepairFixtures.freshMiner("TX1");
        String asset = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/miners/" + miner)
                .then().extract().path("miner.assetCode");
        given().get("/miners/" + miner + "/label").then().statusCode(200)
                .body(containsString("<svg")).body(containsString("QR code " + asset)).body(containsString(asset));
    }
}
