package app.rigtrail.platform.runtime;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.availability.DomainGauges;
import app.rigtrail.platform.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** /q/metrics carries latency histograms per route, JVM and pool metrics, and the domain gauges, with the right values. */
@QuarkusTest
class MetricsTest {

    @Inject
    DomainGauges gauges;

    @Inject
    EntityManager em;

    static double value(String metrics, String line) {
        Matcher m = Pattern.compile("^" + Pattern.quote(line) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        assertTrue(m.find(), "no line " + line);
        return Double.parseDouble(m.group(1));
    }

    long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    @Test
    void latencyIsAHistogramPerRoute() {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).get("/api/sites").then().statusCode(200);
        }
        // a pause is recorded only once a collection has happened: a short targeted run may have had none
        System.gc();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> given().get("/q/metrics").then().extract().asString().contains("jvm_gc_pause_seconds"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                + "uri=\"/api/sites\",le=\"0.5\"}"), "a 500 ms bucket for GET /api/sites");
        assertTrue(value(metrics, "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                + "uri=\"/api/sites\"}") >= 3);
        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_gc_pause_seconds", "agroal_active_count",
                "worker_pool_active", "rigtrail_http_in_flight", "process_cpu_usage"}) {
            assertTrue(metrics.contains(name), name);
        }
    }

    @Test
    void domainGaugesAgreeWithTheDatabase() {
        gauges.read();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(count("select count(*) from miner where status = 'HASHING'"),
                (long) value(metrics, "rigtrail_miners{status=\"HASHING\"}"));
        double openHolds = 0;
        Matcher m = Pattern.compile("^rigtrail_holds_open\\{standing=\"[A-Z_]+\"} ([0-9.]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        int standings = 0;
        while (m.find()) {
            openHolds += Double.parseDouble(m.group(1));
            standings++;
        }
        assertEquals(5, standings, "every standing but closed, zeros included");
        assertEquals(count("select count(*) from customs_hold where outcome is null"), (long) openHolds);
        assertTrue(count("select count(*) from customs_hold where outcome is null") > 0);
        double backlog = 0;
        Matcher b = Pattern.compile("^rigtrail_backlog_items\\{stage=\"[A-Z_]+\"} ([0-9.]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        while (b.find()) {
            backlog += Double.parseDouble(b.group(1));
        }
        // the items of the view that have a stage (BacklogStage.of; whether in repair at a hub does not matter here)
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> items = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select ticket_state, rma_state, shipment_state from backlog_item").getResultList());
        long staged = items.stream().filter(r -> app.rigtrail.availability.domain.BacklogStage
                .of((String) r[0], (String) r[1], (String) r[2], false).isPresent()).count();
        assertEquals(staged, (long) backlog);
    }
}
