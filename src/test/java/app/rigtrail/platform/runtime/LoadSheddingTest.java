package app.rigtrail.platform.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Overload on a deliberately small instance (2 workers, 3 requests in flight, 1 s queue deadline):
 * two slow forecasts take both workers, the next request waits past its deadline and is refused,
 * the one after that finds the instance full and is refused on the event loop (detail "3 at once",
 * counted as reason "full"); pages get a short page, probes still answer. How fast a refusal is
 * belongs to bench/service.sh, not to a test.
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.Small.class)
class LoadSheddingTest {

    public static class Small implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the %test keys too: application.properties relaxes the bounds for the other tests
            return Map.of("rigtrail.http.max-in-flight", "3", "rigtrail.http.queue-deadline", "PT1S",
                    "%test.rigtrail.http.max-in-flight", "3", "%test.rigtrail.http.queue-deadline", "PT1S",
                    "quarkus.thread-pool.max-threads", "2", "quarkus.thread-pool.core-threads", "2");
        }
    }

    static String slowForecast() {
        List<Integer> ids = given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).get("/api/scenarios").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.builtIn }.id", Integer.class);
        return "{\"scenarios\":" + ids + ",\"horizonDays\":365,\"replications\":10000,\"seed\":5}";
    }

    @Test
    void aFullInstanceRefusesWithRetryAfterAndALateRequestIsNotServed() throws Exception {
        String body = slowForecast();
        String token = Tokens.bearer(Tokens.MANAGER);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> slow = List.of(
                    pool.submit(() -> given().header("Authorization", token).contentType("application/json").body(body)
                            .post("/api/forecasts").statusCode()),
                    pool.submit(() -> given().header("Authorization", token).contentType("application/json").body(body)
                            .post("/api/forecasts").statusCode()));
            Thread.sleep(700); // both forecasts hold the two workers now
            Future<Response> late = pool.submit(() -> given().header("Authorization", token).get("/api/forecasts"));
            Thread.sleep(300);
            Response full = given().header("Authorization", token).get("/api/forecasts");
            full.then().statusCode(503).contentType(containsString("application/problem+json"))
                    .header("Retry-After", "2").body("title", equalTo("Too busy"))
                    .body("detail", containsString("3 at once")).body("requestId", notNullValue());
            // pages get a readable refusal, probes are never refused
            given().redirects().follow(false).get("/dashboard").then().statusCode(503)
                    .contentType(containsString("text/html")).body(containsString("Busy"));
            given().get("/q/health/live").then().statusCode(200);

            Response waited = late.get(60, TimeUnit.SECONDS);
            waited.then().statusCode(503).contentType(containsString("application/problem+json"))
                    .header("Retry-After", "2").body("detail", containsString("waited more than 1 s"));
            for (Future<Integer> f : slow) {
                assertEquals(200, f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // and once the work is done, the instance serves again
        given().header("Authorization", token).get("/api/forecasts").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("rigtrail_http_shed_total{reason=\"full\"}"), "refusals are counted");
        assertTrue(metrics.contains("rigtrail_http_shed_total{reason=\"deadline\"}"), "late requests are counted");
    }
}
