package app.rigtrail.logistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Issue #16 item 8: a technician's dwell statistics (GET /api/dwell/kaplan-meier and the curve of /holds) cover
 * the holds of their assigned sites only; other roles see the fleet.
 */
@QuarkusTest
class DwellScopeTest {

    /** Holds the estimate counts (a decision dated after today or before presentation is left out, as DwellService does). */
    private static long count(String where) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("select count(*) from customs_hold h left join shipment s on s.id = h.shipment_id "
                        + "left join site x on x.id = s.site_id where (h.decided_on is null or h.decided_on <= current_date) "
                        + "and h.presented_on <= coalesce(h.decided_on, current_date) and " + where)
                .getSingleResult()).longValue());
    }

    @Test
    void aTechniciansDwellEstimateCoversTheirSitesOnly() {
        long own = count("x.code in ('TX1', 'TX2')");
        long all = count("true");
        assertTrue(own > 0 && own < all, own + " of " + all);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).get("/api/dwell/kaplan-meier").then()
                .statusCode(200).body("observations", equalTo((int) own));
        given().header("Authorization", Tokens.bearer(Tokens.LOGISTICS)).get("/api/dwell/kaplan-meier").then()
                .statusCode(200).body("observations", equalTo((int) all));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aTechniciansHoldsBoardCurveCoversTheirSitesOnly() {
        long own = count("x.code in ('TX1', 'TX2')");
        given().get("/holds").then().statusCode(200)
                .body(containsString("Kaplan-Meier over " + own + " holds of this selection at your sites"))
                .body(containsString("fleet-wide dwell model"));
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void logisticsSeesTheFleetsCurve() {
        long all = count("true");
        given().get("/holds").then().statusCode(200)
                .body(containsString("Kaplan-Meier over " + all + " holds of this selection,"))
                .body(not(containsString("at your sites")));
    }
}
