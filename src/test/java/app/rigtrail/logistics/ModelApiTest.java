package app.rigtrail.logistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ModelApiTest {

    static final String SIX_MP = "[{\"time\":6,\"event\":false,\"count\":1},{\"time\":6,\"event\":true,\"count\":3},"
            + "{\"time\":7,\"event\":true},{\"time\":9,\"event\":false},{\"time\":10,\"event\":true},{\"time\":10,\"event\":false},"
            + "{\"time\":11,\"event\":false},{\"time\":13,\"event\":true},{\"time\":16,\"event\":true},{\"time\":17,\"event\":false},"
            + "{\"time\":19,\"event\":false},{\"time\":20,\"event\":false},{\"time\":22,\"event\":true},{\"time\":23,\"event\":true},"
            + "{\"time\":25,\"event\":false},{\"time\":32,\"event\":false,\"count\":2},{\"time\":34,\"event\":false},"
            + "{\"time\":35,\"event\":false}]";
    static final String NAG = "[1.1,1.4,1.3,1.7,1.9,1.8,1.6,2.2,1.7,2.7,4.1,1.8,1.5,1.2,1.4,3.0,1.7,2.3,1.6,2.0]";

    @Inject
    EntityManager em;

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json")
                .config(io.restassured.RestAssured.config().jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    static String events(String times) {
        return "{\"observations\":" + times.replaceAll("([0-9.]+)", "{\"time\":$1,\"event\":true}") + "}";
    }

    @Test
    void kaplanMeierContract() {
        as(Tokens.TECH_TX).body("{\"observations\":" + SIX_MP + ",\"confidence\":0.95,\"band\":\"log\"}")
                .post("/api/models/kaplan-meier").then().statusCode(200)
                .body("rows.size()", equalTo(7))
                .body("rows[0].time", equalTo(6.0)).body("rows[0].atRisk", equalTo(21)).body("rows[0].events", equalTo(3))
                .body("rows[0].censored", equalTo(1)).body("rows[0].survival", closeTo(0.857143, 1e-6))
                .body("rows[0].stdErr", closeTo(0.076360, 1e-6)).body("rows[0].lower", closeTo(0.7198, 1e-4))
                .body("rows[0].upper", closeTo(1.0, 1e-12))
                .body("rows[6].time", equalTo(23.0)).body("rows[6].survival", closeTo(0.448, 5e-4))
                .body("rows[6].stdErr", closeTo(0.135, 5e-4));
        as(Tokens.MANAGER).body("{\"observations\":" + SIX_MP + ",\"band\":\"log-log\"}").post("/api/models/kaplan-meier")
                .then().statusCode(200).body("rows[0].lower", closeTo(0.620, 1e-3)).body("rows[0].upper", closeTo(0.952, 1e-3));
    }

    @Test
    void parametricFitContracts() {
        as(Tokens.LOGISTICS).body(events(NAG)).post("/api/models/weibull-fit").then().statusCode(200)
                .body("shape", closeTo(2.7870, 5e-5)).body("scale", closeTo(2.1300, 5e-5))
                .body("shapeStdErr", closeTo(0.4273, 5e-5)).body("lnLambdaStdErr", closeTo(0.4627, 5e-5))
                .body("scaleStdErr", greaterThan(0.0)).body("logLikelihood", greaterThan(-100.0));
        as(Tokens.LOGISTICS).body(events(NAG)).post("/api/models/lognormal-fit").then().statusCode(200)
                .body("mu", closeTo(0.589254, 1e-5)).body("sigma", greaterThan(0.0)).body("muStdErr", greaterThan(0.0))
                .body("sigmaStdErr", greaterThan(0.0)).body("logLikelihood", greaterThan(-100.0));
    }

    @Test
    void badInputGetsAClearProblem() {
        as(Tokens.LOGISTICS).body("{\"observations\":[]}").post("/api/models/kaplan-meier").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("observations"));
        as(Tokens.LOGISTICS).body("{\"observations\":[{\"time\":-1,\"event\":true},{\"time\":2}]}")
                .post("/api/models/weibull-fit").then().statusCode(400)
                .body("violations.field", hasItems("observations[0].time", "observations[1].event"));
        as(Tokens.LOGISTICS).body("{\"observations\":[{\"time\":3,\"event\":false}]}").post("/api/models/weibull-fit")
                .then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("ended"));
        as(Tokens.LOGISTICS).body("{\"observations\":[{\"time\":3,\"event\":true}],\"band\":\"linear\"}")
                .post("/api/models/kaplan-meier").then().statusCode(400).body("violations[0].field", equalTo("band"));
        given().contentType("application/json").body(events(NAG)).post("/api/models/weibull-fit").then().statusCode(401);
    }

    @Test
    void theStoredHoldsGiveTheSameEstimateAsTheirObservations() {
        long holds = QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from customs_hold").getSingleResult()).longValue());
        long open = QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from customs_hold where outcome is null").getSingleResult()).longValue());
        var body = as(Tokens.MANAGER).get("/api/dwell/kaplan-meier").then().statusCode(200)
                .body("observations", equalTo((int) holds)).body("open", equalTo((int) open))
                .body("weibull.shape", greaterThan(0.0)).body("lognormal.sigma", greaterThan(0.0))
                .extract().jsonPath();
        assertEquals(true, body.getList("rows").size() > 5);
        as(Tokens.MANAGER).queryParam("holdKind", "OTHER_AGENCY").get("/api/dwell/kaplan-meier").then().statusCode(200)
                .body("observations", greaterThan(0));
        as(Tokens.MANAGER).queryParam("port", "NOPE").get("/api/dwell/kaplan-meier").then().statusCode(200)
                .body("observations", equalTo(0)).body("weibull", nullValue());
    }
}
