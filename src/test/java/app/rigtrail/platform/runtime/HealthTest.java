package app.rigtrail.platform.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readinessCoversTheDatabaseTheIdentityProviderAndTheWarmUp() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (given().get("/q/health/ready").statusCode() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("warm-up", "identity provider", "Database connections health check"))
                .body("checks.find { it.name == 'warm-up' }.data.warmMillis", greaterThanOrEqualTo(0))
                .body("checks.find { it.name == 'identity provider' }.data.status", equalTo(200));
    }

    @Test
    void everyAnswerCarriesARequestIdAndProblemsRepeatIt() {
        String id = given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).get("/api/forecasts/runs/nope").then()
                .statusCode(404).header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}")).extract()
                .header(RequestIds.HEADER);
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).header(RequestIds.HEADER, "client-retry-0001")
                .get("/api/forecasts/runs/nope").then().statusCode(404).header(RequestIds.HEADER, "client-retry-0001")
                .body("requestId", equalTo("client-retry-0001"));
        // a header that is not a sane token is replaced, not echoed
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).header(RequestIds.HEADER, "<script>")
                .get("/api/forecasts/runs/nope").then().header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
        org.junit.jupiter.api.Assertions.assertEquals(36, id.length());
    }
}
