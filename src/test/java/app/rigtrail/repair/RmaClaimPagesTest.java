package app.rigtrail.repair;

import static app.rigtrail.repair.RepairFixtures.as;
import static app.rigtrail.repair.RepairFixtures.move;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** RMA claims saved before shipping, refusals that link to the case, and a hub's replacement in the genealogy. */
@QuarkusTest
class RmaClaimPagesTest {

    static final String FORM = "application/x-www-form-urlencoded";

    /** A fresh ticket sent under RMA; returns {rmaCaseId, componentId}. */
    static long[] rmaCase(String symptom) {
        long[] t = RepairFixtures.openHashboardTicket(symptom);
        move(Tokens.TECH_TX, t[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        move(Tokens.TECH_TX, t[0], "{\"to\":\"AWAITING_RMA_SHIPMENT\",\"route\":\"RMA\",\"diagnosis\":\"ASIC short\"}")
                .statusCode(200);
        long rma = as(Tokens.TECH_TX).get("/api/tickets/" + t[0]).then().extract().jsonPath().getLong("rmaCases[0].id");
        return new long[] {rma, t[2]};
    }

    static long hub(String code) {
        return as(Tokens.ADMIN).get("/api/hubs?q=" + code).then().extract().jsonPath()
                .getLong("items.find { it.code == '" + code + "' }.id");
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aTechnicianSavesTheClaimWithoutMovingTheCaseAndAnIncompleteOneIsRefusedWithALink() {
        long rma = rmaCase("claim saved by the technician")[0];
        String page = given().get("/rma-cases/" + rma).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"claim-form\"") && page.contains(">Save claim</button>"), "technicians get the form");
        assertTrue(page.contains("required by "), "required fields are marked per vendor");
        assertTrue(!page.contains("Save and mark shipped"), "shipping is for logistics");
        assertTrue(!page.contains("rmaNumber</label>") && !page.contains(">claimReason<"), "no field codes on screen");

        // logistics tries to ship first: refused, naming the case and linking to it
        long site = as(Tokens.ADMIN).get("/api/sites?q=TX1").then().extract().jsonPath().getLong("items[0].id");
        long out = as(Tokens.LOGISTICS).body("{\"kind\":\"OUTBOUND_TO_HUB\",\"carrier\":\"UPS\",\"siteId\":" + site
                + ",\"hubId\":" + hub("OP-GA") + ",\"items\":[{\"rmaCaseId\":" + rma + "}]}").post("/api/shipments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(Tokens.LOGISTICS).body("{\"to\":\"READY\"}").post("/api/shipments/" + out + "/transitions").then().statusCode(200);
        as(Tokens.LOGISTICS).body("{\"to\":\"IN_TRANSIT\"}").post("/api/shipments/" + out + "/transitions").then()
                .statusCode(400).body("detail", containsString("RMA case #" + rma)).body("detail", containsString("cannot ship yet"))
                .body("fixAt", equalTo("/rma-cases/" + rma));

        // the technician saves part of the claim, then the rest: the case stays open, nothing typed is lost
        given().contentType(FORM).formParam("rmaNumber", "RMA-1").formParam("faultCode", "E-7")
                .formParam("vendorTicketId", "T-9").formParam("formToken", UUID.randomUUID().toString())
                .redirects().follow(false).post("/rma-cases/" + rma + "/claim").then().statusCode(303);
        given().get("/rma-cases/" + rma + "?saved=true").then().statusCode(200).body(containsString("Claim saved"))
                .body(containsString("Open, not shipped"));
        given().contentType(FORM).formParam("claimReason", "no chips on chain 2").formParam("faultDescription", "dead board")
                .formParam("formToken", UUID.randomUUID().toString()).redirects().follow(false)
                .post("/rma-cases/" + rma + "/claim").then().statusCode(303);
        as(Tokens.TECH_TX).get("/api/rma-cases/" + rma).then().statusCode(200)
                .body("rmaCase.state", equalTo("OPENED")).body("events.note", hasItem("claim updated"));

        // now logistics ships it without a dead end
        as(Tokens.LOGISTICS).body("{\"to\":\"IN_TRANSIT\"}").post("/api/shipments/" + out + "/transitions").then()
                .statusCode(200);
        as(Tokens.LOGISTICS).get("/api/rma-cases/" + rma).then().body("rmaCase.state", equalTo("SHIPPED"));
        // once shipped, the claim went with the part: the form is gone and an edit is refused
        given().get("/rma-cases/" + rma).then().body(not(containsString("id=\"claim-form\""))).body(containsString("RMA-1"));
        given().contentType(FORM).formParam("rmaNumber", "changed").formParam("formToken", UUID.randomUUID().toString())
                .post("/rma-cases/" + rma + "/claim").then().statusCode(409).body(containsString("can no longer change"));
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void logisticsSavesAndShipsInOneStepAndTheButtonsSayWhatTheyDo() {
        long rma = rmaCase("claim saved by logistics")[0];
        String page = given().get("/rma-cases/" + rma).then().statusCode(200).extract().asString();
        assertTrue(page.contains(">Mark shipped</button>") && page.contains(">Close case</button>"), page);
        assertTrue(page.contains("data-confirm=\"Close this case without shipping?"), "closing asks first");
        assertTrue(!page.contains(">SHIPPED<") && !page.contains(">CLOSED<"), "no raw state names");
        given().contentType(FORM).formParam("action", "ship").formParam("formToken", UUID.randomUUID().toString())
                .post("/rma-cases/" + rma + "/claim").then().statusCode(400).body(containsString("cannot ship yet"))
                .body(containsString("href=\"/rma-cases/" + rma + "\""));
        given().contentType(FORM).formParam("action", "ship").formParam("rmaNumber", "R-2").formParam("claimReason", "dead")
                .formParam("faultCode", "F-2").formParam("vendorTicketId", "V-2").formParam("faultDescription", "dead")
                .formParam("formToken", UUID.randomUUID().toString()).redirects().follow(false)
                .post("/rma-cases/" + rma + "/claim").then().statusCode(303);
        given().get("/rma-cases/" + rma).then().body(containsString("Shipped to the hub"));
    }

    @Test
    void theHubsReplacementPartGetsItsOwnGenealogyAndComesBackToTheShelf() {
        long[] c = rmaCase("replaced by the hub");
        long rma = c[0], original = c[1];
        as(Tokens.LOGISTICS).body("{\"to\":\"SHIPPED\",\"rmaNumber\":\"R\",\"claimReason\":\"x\",\"faultCode\":\"F\","
                + "\"vendorTicketId\":\"V\",\"faultDescription\":\"d\"}").post("/api/rma-cases/" + rma + "/transitions")
                .then().statusCode(200);
        as(Tokens.LOGISTICS).body("{\"to\":\"AT_HUB\"}").post("/api/rma-cases/" + rma + "/transitions").then().statusCode(200);
        as(Tokens.LOGISTICS).body("{\"to\":\"REPLACED\"}").post("/api/rma-cases/" + rma + "/transitions").then()
                .statusCode(400).body("violations[0].field", equalTo("replacementSerial"));
        String serial = "REPL-" + UUID.randomUUID().toString().substring(0, 8);
        as(Tokens.LOGISTICS).body("{\"to\":\"REPLACED\",\"replacementSerial\":\"" + serial + "\"}")
                .post("/api/rma-cases/" + rma + "/transitions").then().statusCode(200).body("state", equalTo("REPLACED"));
        as(Tokens.ADMIN).get("/api/components/" + original).then().body("component.location", equalTo("scrapped"))
                .body("genealogy[-1].reason", containsString("replaced by " + serial));
        long fresh = as(Tokens.ADMIN).get("/api/components?q=" + serial).then().extract().jsonPath().getLong("items[0].id");
        as(Tokens.ADMIN).get("/api/components/" + fresh).then()
                .body("genealogy[0].reason", containsString("sent by the hub to replace"))
                .body("component.location", containsString("at repair hub"));
        for (String to : new String[] {"RETURNED", "RECEIVED"}) {
            as(Tokens.LOGISTICS).body("{\"to\":\"" + to + "\"}").post("/api/rma-cases/" + rma + "/transitions").then()
                    .statusCode(200);
        }
        as(Tokens.ADMIN).get("/api/components/" + fresh).then().body("component.location", equalTo("in stock at TX1 store"));
        as(Tokens.ADMIN).get("/api/components/" + original).then().body("component.location", equalTo("scrapped"));
        // a serial already known is refused, naming where that part is
        long[] other = rmaCase("replaced twice");
        as(Tokens.LOGISTICS).body("{\"to\":\"SHIPPED\",\"rmaNumber\":\"R\",\"claimReason\":\"x\",\"faultCode\":\"F\","
                + "\"vendorTicketId\":\"V\",\"faultDescription\":\"d\"}").post("/api/rma-cases/" + other[0] + "/transitions")
                .then().statusCode(200);
        as(Tokens.LOGISTICS).body("{\"to\":\"AT_HUB\"}").post("/api/rma-cases/" + other[0] + "/transitions").then().statusCode(200);
        as(Tokens.LOGISTICS).body("{\"to\":\"REPLACED\",\"replacementSerial\":\"" + serial + "\"}")
                .post("/api/rma-cases/" + other[0] + "/transitions").then().statusCode(409)
                .body("detail", containsString("already known")).body("fixAt", equalTo("/components/" + fresh));
    }
}
