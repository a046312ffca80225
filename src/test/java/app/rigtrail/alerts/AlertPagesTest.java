package app.rigtrail.alerts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.AlertRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The pages: the list with its acknowledge form, my mail choices as a grid of sites and kinds, webhooks for admins. */
@QuarkusTest
class AlertPagesTest {

    @Inject
    Event<AlertRequest> requests;

    @Inject
    EntityManager em;

    long site(String code) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from site where code = ?1").setParameter(1, code).getSingleResult()).longValue());
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aTechnicianSeesTheirSitesAlertsAcknowledgesOneAndChoosesMail() {
        String title = "Page test spare " + UUID.randomUUID();
        String other = "Page test elsewhere " + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            requests.fire(new AlertRequest(AlertKind.PART_ARRIVED, UUID.randomUUID().toString(), site("TX1"), title, null,
                    "/tickets"));
            requests.fire(new AlertRequest(AlertKind.PART_ARRIVED, UUID.randomUUID().toString(), site("ND1"), other, null,
                    null));
        });
        String page = given().get("/alerts").then().statusCode(200).body(containsString(title))
                .body(not(containsString(other))).body(containsString("Part arrived for a waiting ticket"))
                .extract().asString();
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from alert where title = ?1").setParameter(1, title).getSingleResult()).longValue());
        assertEquals(true, page.contains("action=\"/alerts/" + id + "/acknowledge\""));
        given().redirects().follow(false).formParam("note", "picked up").post("/alerts/" + id + "/acknowledge").then()
                .statusCode(303);
        given().get("/alerts?open=false").then().statusCode(200).body(containsString("picked up"));
        given().get("/alerts").then().body(not(containsString(title)));

        // the grid offers the technician's own sites only
        given().get("/alerts/choices").then().statusCode(200).body(containsString("All my sites"))
                .body(containsString("TX1")).body(not(containsString("ND1 ·")));
        given().formParam("email", "tx-page@rigtrail.test").formParam("choice", "LOW_STOCK:" + site("TX1"))
                .formParam("choice", "PART_ARRIVED:all").post("/alerts/choices").then().statusCode(200)
                .body(containsString("Saved")).body(containsString("value=\"LOW_STOCK:" + site("TX1") + "\""));
        given().formParam("email", "tx-page@rigtrail.test").formParam("choice", "LOW_STOCK:" + site("ND1"))
                .post("/alerts/choices").then().statusCode(200).body(containsString("not one of your sites"));
        given().formParam("choice", "NOT_A_KIND:all").post("/alerts/choices").then().statusCode(200)
                .body(containsString("not a choice this page offers"));
        given().get("/alerts/webhooks").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdminRegistersAWebhookAndSeesItsSecretOnce() {
        String html = given().formParam("name", "ops pager").formParam("url", "https://pager.example.com/hooks/rigtrail")
                .formParam("kind", "DEEMED_EXCLUSION").formParam("kind", "LOW_STOCK").post("/alerts/webhooks").then()
                .statusCode(200).body(containsString("shown this once")).extract().asString();
        String secret = html.replaceAll("(?s).*<code>(whsec_[A-Za-z0-9_-]+)</code>.*", "$1");
        given().get("/alerts/webhooks").then().statusCode(200).body(containsString("ops pager"))
                .body(not(containsString(secret)));
        given().formParam("name", "").formParam("url", "not a url").post("/alerts/webhooks").then().statusCode(200)
                .body(containsString("cannot be saved"));
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from alert_webhook where name = 'ops pager'").getSingleResult()).longValue());
        given().formParam("action", "disable").post("/alerts/webhooks/" + id).then().statusCode(200)
                .body(containsString("Turn on"));
    }
}
