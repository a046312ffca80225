package app.rigtrail.logistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.SiteScopeTest;
import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** A logistics user follows a hashboard from its RMA onto a shipment, to the hub, back through a customs hold. */
@QuarkusTest
public class LogisticsApiTest {

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
    }

    static long id(String path, String q, String field) {
        return as(Tokens.ADMIN).queryParam("q", q).get(path).then().statusCode(200).extract().jsonPath()
                .getLong("items.find { it." + field + " == '" + q + "' }.id");
    }

    static ValidatableResponse ship(long id, String body) {
        return as(Tokens.LOGISTICS).body(body).post("/api/shipments/" + id + "/transitions").then();
    }

    static String where(long component) {
        return as(Tokens.ADMIN).get("/api/components/" + component).then().extract().path("component.location");
    }

    /** Opens an RMA case on a fresh TX1 hashboard through a ticket; returns {caseId, componentId}. */
    static long[] rmaCase() {
        long miner = app.rigtrail.repair.RepairFixturesAccess.freshMiner("TX1");
        long component = app.rigtrail.repair.RepairFixturesAccess.componentOf(miner, "HASHBOARD");
        long ticket = as(Tokens.TECH_TX).body("{\"minerId\":" + miner + ",\"symptom\":\"dead board\","
                + "\"failedComponentIds\":[" + component + "]}").post("/api/tickets").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(Tokens.TECH_TX).body("{\"to\":\"DIAGNOSING\"}").post("/api/tickets/" + ticket + "/transitions").then().statusCode(200);
        as(Tokens.TECH_TX).body("{\"to\":\"AWAITING_RMA_SHIPMENT\",\"route\":\"RMA\",\"diagnosis\":\"ASIC short\"}")
                .post("/api/tickets/" + ticket + "/transitions").then().statusCode(200);
        long rma = as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().extract().jsonPath().getLong("rmaCases[0].id");
        return new long[] {rma, component};
    }

    @Test
    void aHashboardGoesToTheHubAndComesBackThroughACustomsHold() {
        long[] c = rmaCase();
        long rma = c[0];
        long component = c[1];
        long site = SiteScopeTest.siteId("TX1");
        long hub = id("/api/hubs", "OP-GA", "code");
        String vendor = as(Tokens.LOGISTICS).get("/api/rma-cases/" + rma).then().extract().path("rmaCase.vendor");
        long lax = id("/api/ports", "LAX", "code");
        as(Tokens.LOGISTICS).body("{\"rmaNumber\":\"BM-77\",\"claimReason\":\"no chips\",\"faultCode\":\"E1\","
                + "\"vendorTicketId\":\"T1\",\"faultDescription\":\"dead\"}").put("/api/rma-cases/" + rma + "/claim")
                .then().statusCode(200);

        long out = as(Tokens.LOGISTICS).body("{\"kind\":\"OUTBOUND_TO_HUB\",\"carrier\":\"UPS\",\"trackingNumber\":\"1Z1\","
                + "\"siteId\":" + site + ",\"hubId\":" + hub + ",\"items\":[{\"rmaCaseId\":" + rma + "}]}")
                .post("/api/shipments").then().statusCode(201).body("state", equalTo("CREATED"))
                .body("items[0].serial", org.hamcrest.Matchers.notNullValue()).extract().jsonPath().getLong("id");
        ship(out, "{\"to\":\"DELIVERED\"}").statusCode(409).body("allowed", hasItems("READY"));
        ship(out, "{\"to\":\"READY\"}").statusCode(200);
        ship(out, "{\"to\":\"IN_TRANSIT\"}").statusCode(200);
        assertEquals("in transit on shipment S-" + out, where(component));
        as(Tokens.LOGISTICS).get("/api/rma-cases/" + rma).then().body("rmaCase.state", equalTo("SHIPPED"));
        ship(out, "{\"to\":\"DELIVERED\"}").statusCode(200);
        assertEquals("at repair hub OP-GA", where(component));
        as(Tokens.LOGISTICS).get("/api/rma-cases/" + rma).then().body("rmaCase.state", equalTo("AT_HUB"));
        ship(out, "{\"to\":\"RECEIVED\"}").statusCode(200);
        as(Tokens.LOGISTICS).body("{\"to\":\"REPAIRED\"}").post("/api/rma-cases/" + rma + "/transitions").then().statusCode(200);

        long back = as(Tokens.LOGISTICS).body("{\"kind\":\"INBOUND_RETURN\",\"carrier\":\"DHL\",\"siteId\":" + site
                + ",\"hubId\":" + hub + ",\"portId\":" + lax + ",\"items\":[{\"rmaCaseId\":" + rma + "}]}")
                .post("/api/shipments").then().statusCode(201).extract().jsonPath().getLong("id");
        ship(back, "{\"to\":\"READY\"}").statusCode(200);
        ship(back, "{\"to\":\"IN_TRANSIT\"}").statusCode(200);
        as(Tokens.LOGISTICS).get("/api/rma-cases/" + rma).then().body("rmaCase.state", equalTo("RETURNED"));
        ship(back, "{\"to\":\"AT_PORT\"}").statusCode(200);
        ship(back, "{\"to\":\"HELD\"}").statusCode(400).body("violations[0].field", equalTo("hold"));
        LocalDate presented = LocalDate.now().minusDays(2);
        ship(back, "{\"to\":\"HELD\",\"note\":\"FCC review\",\"hold\":{\"entryNumber\":\"E-555\",\"kind\":\"OTHER_AGENCY\","
                + "\"presentedOn\":\"" + presented + "\",\"storageFeeCentsPerDay\":15000,\"lastFreeDay\":\"" + presented.plusDays(1) + "\"}}")
                .statusCode(200).body("state", equalTo("HELD"));
        long hold = as(Tokens.LOGISTICS).get("/api/shipments/" + back).then().statusCode(200)
                .body("holds[0].standing", equalTo("NO_CLOCK")).body("holds[0].feesSoFarCents", equalTo(15000))
                .body("holds[0].units", equalTo(1)).body("holds[0].vendor", equalTo(vendor))
                .extract().jsonPath().getLong("holds[0].id");
        assertEquals("in customs hold H-" + hold, where(component));
        as(Tokens.LOGISTICS).queryParam("port", "LAX").get("/api/holds").then().statusCode(200)
                .body("id", hasItem((int) hold)).body("port", everyItem(equalTo("LAX")))
                .body("find { it.id == " + hold + " }.expectedRemainingDays", org.hamcrest.Matchers.notNullValue());
        ship(back, "{\"to\":\"CLEARED\"}").statusCode(409).body("detail", containsString("decision"));
        as(Tokens.LOGISTICS).body("{\"outcome\":\"RELEASED\",\"decidedOn\":\"" + presented.minusDays(1) + "\"}")
                .post("/api/holds/" + hold + "/decision").then().statusCode(400);
        as(Tokens.LOGISTICS).body("{\"outcome\":\"RELEASED\",\"decidedOn\":\"" + LocalDate.now() + "\"}")
                .post("/api/holds/" + hold + "/decision").then().statusCode(200).body("standing", equalTo("CLOSED"))
                .body("outcome", equalTo("RELEASED"));
        as(Tokens.LOGISTICS).body("{\"outcome\":\"SEIZED\",\"decidedOn\":\"" + LocalDate.now() + "\"}")
                .post("/api/holds/" + hold + "/decision").then().statusCode(409);
        as(Tokens.LOGISTICS).get("/api/shipments/" + back).then().body("shipment.state", equalTo("CLEARED"));
        ship(back, "{\"to\":\"DELIVERED\"}").statusCode(200);
        assertEquals("in stock at TX1 store", where(component));
        ship(back, "{\"to\":\"RECEIVED\"}").statusCode(200);
        as(Tokens.LOGISTICS).get("/api/rma-cases/" + rma).then().body("rmaCase.state", equalTo("RECEIVED"));
        as(Tokens.ADMIN).get("/api/components/" + component).then()
                .body("genealogy.toLocation", hasItems("in customs hold H-" + hold, "at repair hub OP-GA"));
    }

    @Test
    void rolesOnShipments() {
        long site = SiteScopeTest.siteId("TX1");
        long nd1 = SiteScopeTest.siteId("ND1");
        String body = "{\"kind\":\"SPARES_PURCHASE\",\"carrier\":\"FedEx\",\"siteId\":" + site + ",\"items\":[{\"partId\":1,\"quantity\":40}]}";
        as(Tokens.TECH_TX).body(body).post("/api/shipments").then().statusCode(403);
        as(Tokens.MANAGER).body(body).post("/api/shipments").then().statusCode(403);
        long inbound = as(Tokens.ADMIN).body(body).post("/api/shipments").then().statusCode(201)
                .body("items[0].quantity", equalTo(40)).extract().jsonPath().getLong("id");
        long other = as(Tokens.LOGISTICS).body(body.replace(":" + site + ",", ":" + nd1 + ","))
                .post("/api/shipments").then().statusCode(201).extract().jsonPath().getLong("id");
        as(Tokens.TECH_TX).get("/api/shipments/" + inbound).then().statusCode(200);
        as(Tokens.TECH_TX).get("/api/shipments/" + other).then().statusCode(403);
        as(Tokens.TECH_TX).get("/api/shipments").then().statusCode(200).body("items.site", everyItem(org.hamcrest.Matchers.in(java.util.List.of("TX1", "TX2"))))
                .body("items.kind", not(hasItem("OUTBOUND_TO_HUB")));
        as(Tokens.MANAGER).get("/api/shipments/" + other).then().statusCode(200);
        as(Tokens.TECH_TX).body("{\"to\":\"READY\"}").post("/api/shipments/" + inbound + "/transitions").then().statusCode(403);
        as(Tokens.MANAGER).body("{\"to\":\"READY\"}").post("/api/shipments/" + inbound + "/transitions").then().statusCode(403);
        as(Tokens.LOGISTICS).body("{\"kind\":\"OUTBOUND_TO_HUB\",\"carrier\":\"x\",\"siteId\":" + site + "}")
                .post("/api/shipments").then().statusCode(400).body("violations[0].field", equalTo("hubId"));
    }

    @Test
    void theClockCheckRaisesEachAlertOnce() {
        long site = SiteScopeTest.siteId("OK1");
        long hou = id("/api/ports", "HOU", "code");
        long s = as(Tokens.LOGISTICS).body("{\"kind\":\"NEW_MACHINES\",\"carrier\":\"Maersk\",\"siteId\":" + site
                + ",\"portId\":" + hou + "}").post("/api/shipments").then().statusCode(201).extract().jsonPath().getLong("id");
        for (String to : new String[] {"READY", "IN_TRANSIT", "AT_PORT"}) {
            ship(s, "{\"to\":\"" + to + "\"}").statusCode(200);
        }
        LocalDate presented = LocalDate.now().minusDays(40);
        ship(s, "{\"to\":\"HELD\",\"hold\":{\"entryNumber\":\"E-OLD\",\"kind\":\"CBP_INTENSIVE\",\"presentedOn\":\""
                + presented + "\",\"lastFreeDay\":\"" + presented.plusDays(5) + "\",\"storageFeeCentsPerDay\":1000}}")
                .statusCode(200);
        long hold = as(Tokens.LOGISTICS).get("/api/shipments/" + s).then().body("holds[0].standing", equalTo("DEEMED_EXCLUDED"))
                .extract().jsonPath().getLong("holds[0].id");
        int first = as(Tokens.LOGISTICS).post("/api/holds/alerts/check").then().statusCode(200).extract().asString().transform(Integer::valueOf);
        org.junit.jupiter.api.Assertions.assertTrue(first >= 4, "new alerts: " + first);
        int again = as(Tokens.LOGISTICS).post("/api/holds/alerts/check").then().statusCode(200).extract().asString().transform(Integer::valueOf);
        assertEquals(0, again);
        as(Tokens.MANAGER).get("/api/holds/alerts").then().statusCode(200)
                .body("findAll { it.holdId == " + hold + " }.kind", hasItems("RELEASE_CLOCK", "NOTICE_CLOCK",
                        "DEEMED_EXCLUSION", "LAST_FREE_DAY"));
        as(Tokens.TECH_TX).post("/api/holds/alerts/check").then().statusCode(403);
        // OK1 is not tech-tx's site: its alerts are not theirs to read
        as(Tokens.TECH_TX).get("/api/holds/alerts").then().statusCode(200)
                .body("holdId", not(hasItem((int) hold)));
    }
}
