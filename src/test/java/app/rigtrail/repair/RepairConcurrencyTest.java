package app.rigtrail.repair;

import static app.rigtrail.repair.RepairFixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Two tablets on one ticket, and a retry after a dropped connection. */
@QuarkusTest
class RepairConcurrencyTest {

    @Inject
    EntityManager em;

    static <T> List<T> together(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoTabletsMoveOneTicketAndExactlyOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            long ticket = RepairFixtures.openHashboardTicket("Two tablets " + round)[0];
            String token = Tokens.bearer(Tokens.TECH_TX);
            List<Integer> statuses = together(2, () -> io.restassured.RestAssured.given()
                    .header("Authorization", token).contentType("application/json")
                    .body("{\"to\":\"DIAGNOSING\",\"note\":\"mine\"}")
                    .post("/api/tickets/" + ticket + "/transitions").statusCode());
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            long events = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "select count(e) from RepairTicketEvent e where e.ticketId = :t and e.toState = "
                            + "app.rigtrail.repair.domain.TicketState.DIAGNOSING", Long.class)
                    .setParameter("t", ticket).getSingleResult());
            assertEquals(1, events, "only the winner's move is in the history");
        }
    }

    @Test
    void oneIdempotencyKeySentFiftyTimesAtOnceOpensOneTicket() throws Exception {
        long miner = RepairFixtures.freshMiner("TX2");
        long component = RepairFixtures.componentOf(miner, "PSU");
        String symptom = "PSU not powering on " + UUID.randomUUID();
        String body = RepairFixtures.body(miner, component, symptom);
        String key = UUID.randomUUID().toString();
        String token = Tokens.bearer(Tokens.TECH_TX);
        List<Response> answers = together(50, () -> io.restassured.RestAssured.given().header("Authorization", token)
                .header("Idempotency-Key", key).contentType("application/json").body(body).post("/api/tickets"));
        Set<Long> ids = new TreeSet<>();
        for (Response r : answers) {
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.jsonPath().getLong("id"));
        }
        assertEquals(1, ids.size(), "every answer names the same ticket: " + ids);
        assertEquals(49, answers.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count());
        long stored = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(t) from RepairTicket t where t.symptom = :s", Long.class)
                .setParameter("s", symptom).getSingleResult());
        assertEquals(1, stored);
        long openEvents = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(e) from RepairTicketEvent e where e.ticketId = :t", Long.class)
                .setParameter("t", ids.iterator().next()).getSingleResult());
        assertEquals(1, openEvents);

        as(Tokens.TECH_TX).header("Idempotency-Key", key).body(body.replace("PSU not", "Other"))
                .post("/api/tickets").then().statusCode(422).contentType("application/problem+json");
    }

    long minerEvents(long miner) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(e) from MinerEvent e where e.minerId = :m", Long.class).setParameter("m", miner)
                .getSingleResult());
    }

    @Test
    void aReplayedTransitionWritesNothingNew() {
        long[] opened = RepairFixtures.openHashboardTicket("Replay");
        long ticket = opened[0], miner = opened[1];
        String key = UUID.randomUUID().toString();
        long minerEventsBefore = 0;
        for (int i = 0; i < 3; i++) {
            Response r = as(Tokens.TECH_TX).header("Idempotency-Key", key).body("{\"to\":\"DIAGNOSING\"}")
                    .post("/api/tickets/" + ticket + "/transitions");
            r.then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("DIAGNOSING"))
                    .body("version", org.hamcrest.Matchers.equalTo(1));
            assertEquals(i == 0 ? null : "true", r.header("Idempotent-Replayed"), "answer " + i);
            if (i == 0) {
                minerEventsBefore = minerEvents(miner);
            }
        }
        int events = as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().extract().path("events.size()");
        assertEquals(2, events, "opened and diagnosing, once each");
        assertEquals(minerEventsBefore, minerEvents(miner), "the replays moved the miner no further");
        // another user's identical key is another request
        as(Tokens.ADMIN).header("Idempotency-Key", key).body("{\"to\":\"DIAGNOSING\"}")
                .post("/api/tickets/" + ticket + "/transitions").then().statusCode(409);
        // and the refused request wrote nothing: still the two events
        as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().statusCode(200)
                .body("events.size()", org.hamcrest.Matchers.equalTo(2));
    }

    /**
     * The app takes the events' ids 50 at a time (V25, pooled sequences) while a plain insert (a bulk load, psql)
     * takes the next value of the same sequence: neither reuses the other's ids, and the ids no longer follow the
     * time, so the stale-version answer names the last change by its time, not by the highest id.
     */
    @Test
    void pooledEventIdsMixWithPlainInsertsAndTheLastChangeIsTheNewest() {
        long[] opened = RepairFixtures.openHashboardTicket("Pooled ids");
        long ticket = opened[0], miner = opened[1];
        RepairFixtures.move(Tokens.TECH_TX, ticket, "{\"to\":\"DIAGNOSING\",\"version\":0}").statusCode(200);
        // plain inserts meanwhile: ids from nextval, above the app's block; the ticket's note dated a minute back
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    insert into repair_ticket_event (ticket_id, at, actor, from_state, to_state, note)
                    values (?1, now() - interval '1 minute', 'bulk-loader', 'OPEN', 'OPEN', 'imported')""")
                    .setParameter(1, ticket).executeUpdate();
            em.createNativeQuery("""
                    insert into miner_event (miner_id, at, actor, from_status, to_status, reason)
                    values (?1, now(), 'bulk-loader', 'HASHING', 'HASHING', 'imported')""")
                    .setParameter(1, miner).executeUpdate();
        });
        // the app's next events take ids of its block: no duplicate key
        RepairFixtures.move(Tokens.TECH_TX, ticket, "{\"to\":\"IN_BENCH_REPAIR\",\"route\":\"BENCH\","
                + "\"diagnosis\":\"cold joint\",\"version\":1}").statusCode(200).body("version", org.hamcrest.Matchers.equalTo(2));
        // (the app's id is usually below the plain insert's, from the block it held before: ordered by id, the last
        // change would be the import)
        RepairFixtures.move(Tokens.TECH_TX, ticket, "{\"to\":\"CANCELLED\",\"version\":1}").statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("Diagnosing → On the bench"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("bulk-loader")));
        // the timeline in time order: the imported note (a minute back) first, the bench repair last
        List<String> actors = as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().statusCode(200)
                .extract().path("events.actor");
        assertEquals("bulk-loader", actors.get(0), actors.toString());
        List<String> states = as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().extract().path("events.toState");
        assertEquals("IN_BENCH_REPAIR", states.get(states.size() - 1), states.toString());
    }
}
