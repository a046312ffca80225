package app.rigtrail.repair;

import static app.rigtrail.repair.RepairFixtures.as;
import static app.rigtrail.repair.RepairFixtures.move;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import app.rigtrail.repair.domain.ImageTypeTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RmaAndPhotoTest {

    @Inject
    EntityManager em;

    static io.restassured.response.ValidatableResponse rmaMove(String user, long id, String json) {
        return as(user).body(json).post("/api/rma-cases/" + id + "/transitions").then();
    }

    @Test
    void aHashboardGoesOutUnderRmaComesBackAndFailsAgainOnTheSameCase() {
        long[] t = RepairFixtures.openHashboardTicket("Hashboard not detected (RMA)");
        move(Tokens.TECH_TX, t[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        move(Tokens.TECH_TX, t[0], "{\"to\":\"AWAITING_RMA_SHIPMENT\",\"route\":\"RMA\",\"diagnosis\":\"ASIC short\"}")
                .statusCode(200);
        var detail = as(Tokens.TECH_TX).get("/api/tickets/" + t[0]).then().statusCode(200).extract().jsonPath();
        long rma = detail.getLong("rmaCases[0].id");
        String vendor = detail.getString("rmaCases[0].vendor");
        as(Tokens.ADMIN).get("/api/components/" + t[2]).then().body("component.location", equalTo("in stock at TX1 RMA cage"));

        rmaMove(Tokens.TECH_TX, rma, "{\"to\":\"SHIPPED\"}").statusCode(403);
        rmaMove(Tokens.LOGISTICS, rma, "{\"to\":\"SHIPPED\"}").statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()));
        String claim = switch (vendor) {
            case "BITMAIN" -> "\"rmaNumber\":\"BM-2026-1\",\"claimReason\":\"no chips detected\"";
            case "MICROBT" -> "\"rmaNumber\":\"MB-2026-1\",\"faultCode\":\"E231\"";
            default -> "\"vendorTicketId\":\"CA-77\",\"faultDescription\":\"dead board\"";
        };
        rmaMove(Tokens.LOGISTICS, rma, "{\"to\":\"SHIPPED\"," + claim + "}").statusCode(200).body("state", equalTo("SHIPPED"));
        as(Tokens.ADMIN).get("/api/components/" + t[2]).then().body("component.locationKind", equalTo("SHIPMENT"));
        rmaMove(Tokens.LOGISTICS, rma, "{\"to\":\"REPAIRED\"}").statusCode(409).body("allowed", hasItems("AT_HUB"));
        for (String to : new String[] {"AT_HUB", "REPAIRED", "RETURNED", "RECEIVED"}) {
            rmaMove(Tokens.LOGISTICS, rma, "{\"to\":\"" + to + "\"}").statusCode(200).body("state", equalTo(to));
        }
        as(Tokens.ADMIN).get("/api/components/" + t[2]).then().body("component.location", equalTo("in stock at TX1 store"));
        rmaMove(Tokens.LOGISTICS, rma, "{\"to\":\"CLOSED\"}").statusCode(200);
        rmaMove(Tokens.LOGISTICS, rma, "{\"to\":\"OPENED\",\"note\":\"failed again a week after install\"}")
                .statusCode(200).body("returnCount", equalTo(2)).body("inWarranty", equalTo(true));
        as(Tokens.LOGISTICS).get("/api/rma-cases/" + rma).then().statusCode(200)
                .body("events.toState", equalTo(java.util.List.of("OPENED", "SHIPPED", "AT_HUB", "REPAIRED", "RETURNED",
                        "RECEIVED", "CLOSED", "OPENED")))
                .body("daysInState", hasKey("SHIPPED")).body("rmaCase.claimFields.size()", equalTo(2));
        as(Tokens.TECH_ND).get("/api/rma-cases/" + rma).then().statusCode(403);
    }

    @Test
    void photosAreCheckedByContentAndSize() {
        long ticket = RepairFixtures.openHashboardTicket("Burn marks")[0];
        byte[] png = Arrays.copyOf(ImageTypeTest.PNG, 2048);
        int photo = given().header("Authorization", Tokens.bearer(Tokens.TECH_TX))
                .multiPart("file", "board.png", png, "image/png").post("/api/tickets/" + ticket + "/photos")
                .then().statusCode(201).body("contentType", equalTo("image/png")).extract().path("id");
        byte[] back = given().header("Authorization", Tokens.bearer(Tokens.TECH_TX))
                .get("/api/tickets/" + ticket + "/photos/" + photo).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(png, back);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX))
                .multiPart("file", "board.jpg", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .post("/api/tickets/" + ticket + "/photos").then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("by content"));
        byte[] big = Arrays.copyOf(ImageTypeTest.JPEG, 10 * 1024 * 1024 + 1);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).multiPart("file", "big.jpg", big, "image/jpeg")
                .post("/api/tickets/" + ticket + "/photos").then().statusCode(413);
        byte[] justUnder = Arrays.copyOf(ImageTypeTest.WEBP, 10 * 1024 * 1024);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).multiPart("file", "ok.webp", justUnder, "image/webp")
                .post("/api/tickets/" + ticket + "/photos").then().statusCode(201);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_ND)).multiPart("file", "x.png", png, "image/png")
                .post("/api/tickets/" + ticket + "/photos").then().statusCode(403);
        as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().body("photos.size()", equalTo(2));
    }

    @Test
    void aPhotoSentAgainWithItsIdempotencyKeyIsStoredOnce() {
        long ticket = RepairFixtures.openHashboardTicket("Photo retried")[0];
        byte[] png = Arrays.copyOf(ImageTypeTest.PNG, 4096);
        String key = "photo-" + System.nanoTime();
        int first = given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).header("Idempotency-Key", key)
                .multiPart("file", "chain2.png", png, "image/png").post("/api/tickets/" + ticket + "/photos")
                .then().statusCode(201).extract().path("id");
        // the connection dropped before the answer arrived: the tablet sends the same upload again
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).header("Idempotency-Key", key)
                .multiPart("file", "chain2.png", png, "image/png").post("/api/tickets/" + ticket + "/photos")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        // the same key with other bytes is another request: refused, nothing stored
        byte[] other = Arrays.copyOf(ImageTypeTest.PNG, 5000);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).header("Idempotency-Key", key)
                .multiPart("file", "chain2.png", other, "image/png").post("/api/tickets/" + ticket + "/photos")
                .then().statusCode(422).contentType("application/problem+json");
        as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().body("photos.size()", equalTo(1))
                .body("photos[0].id", equalTo(first));
        // without a key every upload is a new photo
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).multiPart("file", "chain2.png", png, "image/png")
                .post("/api/tickets/" + ticket + "/photos").then().statusCode(201).body("id", org.hamcrest.Matchers.not(first));
        as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().body("photos.size()", equalTo(2));
    }

    @Test
    @io.quarkus.test.security.TestSecurity(user = "tech-tx", roles = "technician")
    void thePhotoFormSentTwiceWithItsFormTokenStoresOnePhoto() {
        long ticket = RepairFixtures.openHashboardTicket("Photo form retried")[0];
        byte[] png = Arrays.copyOf(ImageTypeTest.PNG, 3072);
        String token = "form-" + System.nanoTime();
        for (int i = 0; i < 2; i++) {
            given().redirects().follow(false).multiPart("file", "board.png", png, "image/png")
                    .multiPart("formToken", token).post("/tickets/" + ticket + "/photos").then().statusCode(303);
        }
        Number photos = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "select count(*) from ticket_photo where ticket_id = ?1").setParameter(1, ticket).getSingleResult());
        org.junit.jupiter.api.Assertions.assertEquals(1, photos.intValue());
    }

    @Test
    void theDatabaseRefusesToRewriteTicketAndCaseHistory() {
        long[] t = RepairFixtures.openHashboardTicket("History");
        long fan = RepairFixtures.componentOf(t[1], "FAN");
        long rma = as(Tokens.LOGISTICS).body("{\"componentId\":" + fan + "}").post("/api/rma-cases").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        for (String sql : new String[] {"update repair_ticket_event set note = 'edited' where ticket_id = " + t[0],
                "delete from repair_ticket_event where ticket_id = " + t[0],
                "update rma_case_event set note = 'edited' where case_id = " + rma,
                "delete from rma_case_event where case_id = " + rma}) {
            Exception e = assertThrows(Exception.class,
                    () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate()), sql);
            org.junit.jupiter.api.Assertions.assertTrue(
                    app.rigtrail.fleet.MasterDataApiTest.refusedAsHistory(e), sql + ": " + e);
        }
    }
}
