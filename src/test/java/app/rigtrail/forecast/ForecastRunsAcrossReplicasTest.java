package app.rigtrail.forecast;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Background runs live in the database: a run executed by another replica is shown and cancelled
 * through this one, a cancellation written by another replica stops a run executing here, and a
 * run whose replica died ends FAILED instead of running for ever. (CI's end-to-end stage does the
 * same with two real instances.)
 */
@QuarkusTest
class ForecastRunsAcrossReplicasTest {

    static final String OTHER = "rigtrail-1/4242/deadbeef";

    @Inject
    EntityManager em;

    @Inject
    ForecastJobs jobs;

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
    }

    /** A run as the other replica writes it when it starts one and beats every second. */
    UUID runOnOtherReplica(String state, int done, String heartbeatAgo) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into forecast_run (id, owner, state, "
                + "replications_total, replications_done, instance, created_at, heartbeat_at) values (?1, 'mgr', ?2, 3000, "
                + "?3, ?4, now() - interval '1 minute', now() - cast(?5 as interval))").setParameter(1, id)
                .setParameter(2, state).setParameter(3, done).setParameter(4, OTHER).setParameter(5, heartbeatAgo)
                .executeUpdate());
        return id;
    }

    List<Object[]> events(UUID run) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select from_state, to_state, actor, reason, instance from forecast_run_event where run_id = ?1 order by id")
                .setParameter(1, run).getResultList());
        return rows;
    }

    @Test
    void aRunExecutedByAnotherReplicaIsShownAndCancelledThroughThisOne() {
        UUID run = runOnOtherReplica("RUNNING", 1200, "1 second");
        as(Tokens.MANAGER).get("/api/forecasts/runs/" + run).then().statusCode(200)
                .body("state", equalTo("RUNNING")).body("replicationsDone", equalTo(1200))
                .body("replicationsTotal", equalTo(3000)).body("percent", equalTo(40))
                .body("instance", equalTo(OTHER)).body("cancelRequested", equalTo(false));
        // someone else's run stays theirs, whichever replica answers
        as(Tokens.OTHER_MANAGER).get("/api/forecasts/runs/" + run).then().statusCode(404);
        as(Tokens.OTHER_MANAGER).delete("/api/forecasts/runs/" + run).then().statusCode(404);
        as(Tokens.MANAGER).delete("/api/forecasts/runs/" + run).then().statusCode(200)
                .body("cancelRequested", equalTo(true)).body("state", equalTo("RUNNING"));
        // what the executing replica reads back on its next beat
        Object[] asked = (Object[]) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select cancel_requested_by, cancel_requested_at is not null from forecast_run where id = ?1")
                .setParameter(1, run).getSingleResult());
        assertEquals("mgr", asked[0]);
        assertEquals(true, asked[1]);
    }

    @Test
    void aQueuedRunOfAnotherReplicaIsCancelledAtOnceWithItsEvent() {
        UUID run = runOnOtherReplica("QUEUED", 0, "1 second");
        as(Tokens.MANAGER).delete("/api/forecasts/runs/" + run).then().statusCode(200).body("state", equalTo("CANCELLED"));
        List<Object[]> moves = events(run);
        assertEquals(1, moves.size());
        assertEquals("QUEUED", moves.get(0)[0]);
        assertEquals("CANCELLED", moves.get(0)[1]);
        assertEquals("mgr", moves.get(0)[2]);
        // cancelling again changes nothing
        as(Tokens.MANAGER).delete("/api/forecasts/runs/" + run).then().statusCode(200).body("state", equalTo("CANCELLED"));
        assertEquals(1, events(run).size());
    }

    @Test
    void aRunWhoseReplicaStoppedBeatingEndsFailedWithTheReason() {
        UUID dead = runOnOtherReplica("RUNNING", 800, "5 minutes");
        UUID alive = runOnOtherReplica("RUNNING", 800, "2 seconds");
        assertTrue(jobs.failAbandoned() >= 1);
        as(Tokens.MANAGER).get("/api/forecasts/runs/" + dead).then().statusCode(200).body("state", equalTo("FAILED"))
                .body("error", containsString(OTHER)).body("error", containsString("stopped answering"))
                .body("replicationsDone", equalTo(800));
        as(Tokens.MANAGER).get("/api/forecasts/runs/" + alive).then().statusCode(200).body("state", equalTo("RUNNING"));
        List<Object[]> moves = events(dead);
        assertEquals(1, moves.size());
        assertEquals("RUNNING", moves.get(0)[0]);
        assertEquals("FAILED", moves.get(0)[1]);
        assertEquals("system", moves.get(0)[2]);
        // a failed run is over: a late cancel does not move it again
        as(Tokens.MANAGER).delete("/api/forecasts/runs/" + dead).then().statusCode(200).body("state", equalTo("FAILED"));
        assertEquals(1, events(dead).size());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update forecast_run set heartbeat_at = now() - interval '1 hour', state = 'DONE' where id = ?1")
                .setParameter(1, alive).executeUpdate());
    }

    @Test
    void aCancellationWrittenByAnotherReplicaStopsARunExecutingHere() throws InterruptedException {
        List<Integer> ids = ForecastApiTest.builtInIds();
        JsonPath started = as(Tokens.MANAGER).body("{\"scenarios\":" + ids + ",\"horizonDays\":365,"
                + "\"replications\":10000,\"seed\":11}").post("/api/forecasts/runs").then().statusCode(202)
                .extract().jsonPath();
        UUID run = UUID.fromString(started.getString("id"));
        // the other replica's DELETE: it writes the request into the run's row, nothing else
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update forecast_run set cancel_requested_at "
                + "= now(), cancel_requested_by = 'mgr' where id = ?1").setParameter(1, run).executeUpdate());
        String state = "";
        for (int i = 0; i < 150 && !"CANCELLED".equals(state); i++) {
            Thread.sleep(100);
            state = as(Tokens.MANAGER).get("/api/forecasts/runs/" + run).then().statusCode(200).extract().path("state");
        }
        assertEquals("CANCELLED", state);
        List<String> path = events(run).stream().map(e -> e[0] + ">" + e[1]).toList();
        assertTrue(path.equals(List.of("null>QUEUED", "QUEUED>RUNNING", "RUNNING>CANCELLED"))
                || path.equals(List.of("null>QUEUED", "QUEUED>CANCELLED")), path.toString());
        assertEquals("mgr", events(run).get(path.size() - 1)[2], "the cancellation names who asked");
    }

    @Test
    void aMalformedRunIdIsNotFound() {
        as(Tokens.MANAGER).get("/api/forecasts/runs/not-a-uuid").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        as(Tokens.MANAGER).delete("/api/forecasts/runs/" + UUID.randomUUID()).then().statusCode(404);
    }
}
