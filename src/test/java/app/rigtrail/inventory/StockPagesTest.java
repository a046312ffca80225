package app.rigtrail.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
class StockPagesTest {

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void logisticsSeesLevelsLedgersAndARefusedTransferSaysWhy() {
        given().get("/stock").then().statusCode(200).body(containsString("id=\"stock-levels\""))
                .body(containsString("Transfer or adjust"));
        given().get("/stock?low=true").then().statusCode(200);
        long store = StockApiTest.location("AB1-STORE");
        long lab = StockApiTest.location("AB1-LAB");
        long part = StockApiTest.newPart();
        given().contentType("application/x-www-form-urlencoded").formParam("action", "transfer")
                .formParam("fromLocationId", store).formParam("toLocationId", lab).formParam("partId", part)
                .formParam("quantity", "3").formParam("formToken", "x-" + System.nanoTime())
                .post("/stock/moves").then().statusCode(409).body(containsString("0 on hand"));
        given().get("/stock/ledger?location=" + store + "&part=" + part).then().statusCode(200)
                .body(containsString("id=\"ledger-balance\">0<"));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void managersPlanSpares() {
        given().get("/stock/planning?budget=50000").then().statusCode(200).body(containsString("plan-chart"))
                .body(containsString("id=\"plan-table\"")).body(containsString("BM-HB-S21"));
        given().get("/stock").then().statusCode(200).body(not(containsString("Transfer or adjust")));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void techniciansSeeTheirStoresButNeitherMoveNorPlan() {
        given().get("/stock").then().statusCode(200).body(not(containsString("ND1"))).body(not(containsString("Transfer or adjust")));
        given().get("/stock/planning").then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").formParam("action", "adjust").post("/stock/moves")
                .then().statusCode(403);
    }
}
