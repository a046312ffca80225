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

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Overload on a deliberately small instance (2 workers, 3 requests in flight, 6 s queue deadline:
 * long enough that the checks made while the instance is full end before the queued request is
 * refused, even on a slow CI machine, where 2 s once let it go first and the page check was admitted):
 * two requests hold both workers (a test-only endpoint, released by the test, so the slow work is
 * bounded whatever the machine's speed); the next request waits for a worker and is refused by its
 * deadline's timer while both workers are still held (not when one frees); the one after that finds
 * the instance full and is refused on the event loop (detail "3 at once", counted as reason
 * "full"); pages get a short page, probes still answer. How fast a refusal is belongs to
 * bench/service.sh, not to a test.
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.Small.class)
class LoadSheddingTest {

    public static class Small implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the %test keys too: application.properties relaxes the bounds for the other tests
            return Map.of("rigtrail.http.max-in-flight", "3", "rigtrail.http.queue-deadline", "PT6S",
                    "%test.rigtrail.http.max-in-flight", "3", "%test.rigtrail.http.queue-deadline", "PT6S",
                    "quarkus.thread-pool.max-threads", "2", "quarkus.thread-pool.core-threads", "2");
        }
    }

    @Inject
    LoadShedding shedding;

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aFullInstanceRefusesWithRetryAfterAndALateRequestIsRefusedAtItsDeadline() throws Exception {
        String token = Tokens.bearer(Tokens.MANAGER);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        HoldingResource.holdFromNow();
        try {
            List<Future<Integer>> holders = List.of(
                    pool.submit(() -> given().header("Authorization", token).get("/api/test-only/hold").statusCode()),
                    pool.submit(() -> given().header("Authorization", token).get("/api/test-only/hold").statusCode()));
            await("both workers are held", () -> HoldingResource.HOLDING.get() == 2);
            long queued = System.nanoTime();
            Future<Response> late = pool.submit(() -> given().header("Authorization", token).get("/api/forecasts"));
            await("the third request is in flight, waiting for a worker", () -> shedding.inFlight() == 3);
            Response full = given().header("Authorization", token).get("/api/forecasts");
            full.then().statusCode(503).contentType(containsString("application/problem+json"))
                    .header("Retry-After", "2").body("title", equalTo("Too busy"))
                    .body("detail", containsString("3 at once")).body("requestId", notNullValue());
            // pages get a readable refusal, probes are never refused
            given().redirects().follow(false).get("/dashboard").then().statusCode(503)
                    .contentType(containsString("text/html")).body(containsString("Busy"));
            given().get("/q/health/live").then().statusCode(200);

            // refused at its deadline, while both workers are still held: no worker had to free first
            Response waited = late.get(30, TimeUnit.SECONDS);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued);
            waited.then().statusCode(503).contentType(containsString("application/problem+json"))
                    .header("Retry-After", "2").body("detail", containsString("waited more than 6 s"))
                    .body("instance", equalTo("/api/forecasts"));
            assertEquals(2, HoldingResource.HOLDING.get(), "both workers are still held");
            assertTrue(waitedMs >= 5900, "refused at its deadline, not before: " + waitedMs + " ms");
            HoldingResource.releaseAll();
            for (Future<Integer> f : holders) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            HoldingResource.releaseAll();
            pool.shutdownNow();
        }
        // and once the work is done, the instance serves again, the late request's worker included
        await("every request has ended", () -> shedding.inFlight() == 0);
        given().header("Authorization", token).get("/api/forecasts").then().statusCode(200);
        given().header("Authorization", token).get("/api/forecasts").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("rigtrail_http_shed_total{reason=\"full\"}"), "refusals are counted");
        assertTrue(metrics.contains("rigtrail_http_shed_total{reason=\"deadline\"} 1.0"),
                "the late request is counted once: " + metrics.lines().filter(l -> l.contains("shed_total")).toList());
    }
}
