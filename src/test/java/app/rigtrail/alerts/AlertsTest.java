package app.rigtrail.alerts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.AlertRequest;
import app.rigtrail.alerts.domain.WebhookSignature;
import app.rigtrail.inventory.StockService;
import app.rigtrail.logistics.HoldAlertJob;
import app.rigtrail.platform.Tokens;
import app.rigtrail.repair.RepairFixturesAccess;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Alerts reach people: mail (the mock mailer) to those who chose the kind and may see the site,
 * signed webhooks retried with the same delivery id, each delivery once however many replicas
 * work the outbox, acknowledgements kept, and the jobs and features that raise them.
 */
@QuarkusTest
class AlertsTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    AlertDeliveries deliveries;

    @Inject
    Event<AlertRequest> requests;

    @Inject
    HoldAlertJob holds;

    @Inject
    app.rigtrail.repair.DoaWindowAlerts doaAlerts;

    @Inject
    app.rigtrail.inventory.LowStockAlerts lowStockAlerts;

    @Inject
    StockService stock;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
    }

    long site(String code) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from site where code = ?1").setParameter(1, code).getSingleResult()).longValue());
    }

    String unique(String what) {
        return what + ":" + UUID.randomUUID();
    }

    /** Raised as a feature would: the CDI event, in the feature's transaction. */
    Long raise(AlertKind kind, String key, Long siteId, String title) {
        QuarkusTransaction.requiringNew().run(() -> requests.fire(new AlertRequest(kind, key, siteId, title,
                title + ": what to do next.", "/alerts")));
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> ids = em.createNativeQuery("select id from alert where kind = ?1 and subject_key = ?2")
                    .setParameter(1, kind.name()).setParameter(2, key).getResultList();
            return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
        });
    }

    long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    /** Works the outbox (the scheduled worker does too) until nothing of this alert is due. */
    void awaitDelivered(long alertId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            deliveries.deliverBatch();
            if (count("select count(*) from alert_delivery where alert_id = ?1 and state = 'PENDING' "
                    + "and attempts = 0", alertId) == 0) {
                Thread.sleep(200); // a batch claimed by the scheduled worker may still be sending
                if (count("select count(*) from alert_delivery d where alert_id = ?1 and state = 'PENDING' and not exists "
                        + "(select 1 from alert_delivery_attempt a where a.delivery_id = d.id)", alertId) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deliveries of alert " + alertId + " still due");
    }

    void awaitCalls(AtomicInteger calls, int n) throws InterruptedException {
        for (int i = 0; i < 100 && calls.get() < n; i++) {
            deliveries.deliverBatch();
            Thread.sleep(100);
        }
    }

    List<Mail> mailTo(String address) {
        List<Mail> m = mailbox.getMailsSentTo(address);
        return m == null ? List.of() : m;
    }

    @Test
    void mailGoesToThoseWhoChoseTheKindAndMaySeeTheSite() throws Exception {
        long tx1 = site("TX1");
        long nd1 = site("ND1");
        as(Tokens.MANAGER).body("{\"email\":\"mgr@rigtrail.test\",\"choices\":[{\"kind\":\"PART_ARRIVED\",\"siteId\":null}]}")
                .put("/api/alerts/choices").then().statusCode(200).body("choices[0].kind", equalTo("PART_ARRIVED"));
        as(Tokens.TECH_TX).body("{\"email\":\"tx@rigtrail.test\",\"choices\":[{\"kind\":\"PART_ARRIVED\",\"siteId\":"
                + tx1 + "}]}").put("/api/alerts/choices").then().statusCode(200);
        as(Tokens.TECH_ND).body("{\"email\":\"nd@rigtrail.test\",\"choices\":[{\"kind\":\"PART_ARRIVED\",\"siteId\":null}]}")
                .put("/api/alerts/choices").then().statusCode(200);
        // a technician cannot choose a site that is not theirs, and an address must look like one
        as(Tokens.TECH_TX).body("{\"email\":\"tx@rigtrail.test\",\"choices\":[{\"kind\":\"PART_ARRIVED\",\"siteId\":" + nd1
                + "}]}").put("/api/alerts/choices").then().statusCode(400)
                .body("violations.field", hasItem("choices[0].siteId"));
        as(Tokens.TECH_TX).body("{\"email\":\"nope\",\"choices\":[{\"kind\":\"PART_ARRIVED\",\"siteId\":null}]}")
                .put("/api/alerts/choices").then().statusCode(400).body("violations.field", hasItem("email"));
        as(Tokens.TECH_TX).get("/api/alerts/choices").then().body("choices[0].siteId", equalTo((int) tx1));

        int mgrBefore = mailTo("mgr@rigtrail.test").size();
        int txBefore = mailTo("tx@rigtrail.test").size();
        int ndBefore = mailTo("nd@rigtrail.test").size();
        String key = unique("ticket:1:component");
        long atTx1 = raise(AlertKind.PART_ARRIVED, key, tx1, "Spare HB-42 reserved for ticket #1");
        awaitDelivered(atTx1);
        assertEquals(mgrBefore + 1, mailTo("mgr@rigtrail.test").size());
        assertEquals(txBefore + 1, mailTo("tx@rigtrail.test").size());
        assertEquals(ndBefore, mailTo("nd@rigtrail.test").size(), "tech-nd does not see TX1");
        Mail m = mailTo("tx@rigtrail.test").get(txBefore);
        assertEquals("[Rigtrail] Part arrived for a waiting ticket: Spare HB-42 reserved for ticket #1", m.getSubject());
        assertTrue(m.getText().contains("http://localhost:8080/alerts"), m.getText());
        String deliveryId = m.getHeaders().get(AlertDeliveries.DELIVERY_HEADER).get(0);
        assertEquals(1, count("select count(*) from alert_delivery where id = cast(?1 as uuid) and state = 'SENT'",
                deliveryId));

        // the same subject again raises nothing and mails nobody
        assertEquals(atTx1, raise(AlertKind.PART_ARRIVED, key, tx1, "again"));
        deliveries.deliverBatch();
        assertEquals(txBefore + 1, mailTo("tx@rigtrail.test").size());

        long atNd1 = raise(AlertKind.PART_ARRIVED, unique("ticket:2:component"), nd1, "Spare reserved at ND1");
        awaitDelivered(atNd1);
        assertEquals(ndBefore + 1, mailTo("nd@rigtrail.test").size());
        assertEquals(txBefore + 1, mailTo("tx@rigtrail.test").size(), "tech-tx does not see ND1");
        assertEquals(mgrBefore + 2, mailTo("mgr@rigtrail.test").size());
    }

    @Test
    void webhooksAreSignedRetriedWithBackoffAndKeepTheirDeliveryId() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            bodies.add(body);
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            ids.add(exchange.getRequestHeaders().getFirst(AlertDeliveries.DELIVERY_HEADER));
            int status = calls.incrementAndGet() == 1 ? 503 : 204; // down the first time
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            as(Tokens.TECH_TX).body("{\"name\":\"pager\",\"url\":\"" + url + "\",\"kinds\":[\"DEEMED_EXCLUSION\"]}")
                    .post("/api/alerts/webhooks").then().statusCode(403);
            as(Tokens.ADMIN).body("{\"name\":\"pager\",\"url\":\"ftp://x\",\"kinds\":[]}").post("/api/alerts/webhooks")
                    .then().statusCode(400).body("violations.field", hasItem("url")).body("violations.field", hasItem("kinds"));
            var created = as(Tokens.ADMIN).body("{\"name\":\"pager\",\"url\":\"" + url + "\",\"kinds\":[\"DEEMED_EXCLUSION\"]}")
                    .post("/api/alerts/webhooks").then().statusCode(201).body("secret", notNullValue()).extract().jsonPath();
            String secret = created.getString("secret");
            long hook = created.getLong("id");
            as(Tokens.ADMIN).get("/api/alerts/webhooks").then().statusCode(200).body("secret", not(hasItem(secret)));

            long alert = raise(AlertKind.DEEMED_EXCLUSION, unique("test-entry"), null, "Entry 123 deemed excluded");
            awaitCalls(calls, 1);
            assertEquals(1, calls.get());
            Thread.sleep(300);
            // the failure is recorded and the next try waits (30 s after a first failure)
            assertEquals(1, count("select count(*) from alert_delivery where alert_id = ?1 and state = 'PENDING' "
                    + "and attempts = 1 and next_attempt_at > now() + interval '20 seconds' and webhook_id = ?2", alert, hook));
            assertEquals(1, count("select count(*) from alert_delivery_attempt a join alert_delivery d on d.id = "
                    + "a.delivery_id where d.alert_id = ?1 and a.outcome = 'RETRY' and a.status_code = 503", alert));
            deliveries.deliverBatch();
            assertEquals(1, calls.get(), "not before its time");
            // time passes
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update alert_delivery set next_attempt_at = now() where alert_id = ?1 and webhook_id = ?2")
                    .setParameter(1, alert).setParameter(2, hook).executeUpdate());
            awaitCalls(calls, 2);
            assertEquals(2, calls.get());
            Thread.sleep(300);
            assertEquals(1, count("select count(*) from alert_delivery where alert_id = ?1 and state = 'SENT' "
                    + "and webhook_id = ?2", alert, hook));
            // the receiver checks the signature, and sees one delivery id, twice, with the same body
            for (int i = 0; i < 2; i++) {
                assertTrue(WebhookSignature.verify(secret, bodies.get(i), signatures.get(i)), "signature " + i);
            }
            assertEquals(ids.get(0), ids.get(1));
            assertArrayEquals(bodies.get(0), bodies.get(1));
            JsonNode doc = json.readTree(new String(bodies.get(0), StandardCharsets.UTF_8));
            assertEquals(ids.get(0), doc.path("deliveryId").asText());
            assertEquals("DEEMED_EXCLUSION", doc.path("alert").path("kind").asText());
            assertEquals("Deemed excluded", doc.path("alert").path("kindLabel").asText());
            assertEquals(alert, doc.path("alert").path("id").asLong());
            // other kinds are not sent to it
            raise(AlertKind.LOW_STOCK, unique("stock"), null, "Low somewhere");
            Thread.sleep(1500);
            deliveries.deliverBatch();
            assertEquals(2, calls.get());
        } finally {
            receiver.stop(0);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update alert_webhook set active = false where name = 'pager'").executeUpdate());
        }
    }

    @Test
    void eachDeliveryIsSentOnceHoweverManyReplicasWorkTheOutbox() throws Exception {
        as(Tokens.ADMIN).body("{\"email\":\"admin@rigtrail.test\",\"choices\":[{\"kind\":\"LOW_STOCK\",\"siteId\":null}]}")
                .put("/api/alerts/choices").then().statusCode(200);
        int before = mailTo("admin@rigtrail.test").size();
        List<Long> alerts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            alerts.add(raise(AlertKind.LOW_STOCK, unique("stock:burst"), site("TX1"), "Burst " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    int n = 0;
                    for (int k = 0; k < 10; k++) {
                        n += deliveries.deliverBatch();
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long a : alerts) {
            awaitDelivered(a);
        }
        assertEquals(before + 30, mailTo("admin@rigtrail.test").size());
        assertEquals(30, count("select count(*) from alert_delivery d join alert a on a.id = d.alert_id where d.target = "
                + "'admin@rigtrail.test' and a.title like 'Burst %' and d.state = 'SENT' and d.attempts = 1"));
        as(Tokens.ADMIN).body("{\"email\":\"admin@rigtrail.test\",\"choices\":[]}").put("/api/alerts/choices").then()
                .statusCode(200);
    }

    @Test
    void anAcknowledgementIsKeptWithWhoAndWhenAndOnlyTheFirstCounts() {
        long tx1 = site("TX1");
        long alert = raise(AlertKind.LOW_STOCK, unique("stock:ack"), tx1, "Fans low at TX1 store");
        as(Tokens.TECH_TX).get("/api/alerts?open=true&size=500").then().statusCode(200).body("items.id", hasItem((int) alert));
        as(Tokens.TECH_ND).get("/api/alerts?size=500").then().statusCode(200).body("items.id", not(hasItem((int) alert)));
        as(Tokens.TECH_ND).body("{}").post("/api/alerts/" + alert + "/acknowledgements").then().statusCode(404);
        as(Tokens.TECH_TX).body("{\"note\":\"ordered 20 fans\"}").post("/api/alerts/" + alert + "/acknowledgements").then()
                .statusCode(200).body("acknowledgedBy", equalTo("tech-tx")).body("acknowledgementNote",
                        equalTo("ordered 20 fans")).body("acknowledgedAt", notNullValue());
        as(Tokens.ADMIN).body("{}").post("/api/alerts/" + alert + "/acknowledgements").then().statusCode(200)
                .body("acknowledgedBy", equalTo("tech-tx"));
        assertEquals(1, count("select count(*) from alert_event where alert_id = ?1 and action = 'ACKNOWLEDGED'", alert));
        as(Tokens.TECH_TX).get("/api/alerts?open=true&size=500").then().body("items.id", not(hasItem((int) alert)));
        as(Tokens.TECH_TX).get("/api/alerts?kind=nonsense").then().statusCode(400);
        // nobody edits the history, not even with SQL
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update alert_event set actor = 'someone else' where alert_id = ?1").setParameter(1, alert).executeUpdate()));
    }

    @Test
    void anAlertRequestedInATransactionThatRollsBackLeavesNothing() {
        String key = unique("ticket:rollback");
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            requests.fire(new AlertRequest(AlertKind.PART_ARRIVED, key, null, "never", null, null));
            throw new IllegalStateException("the receipt failed");
        }));
        assertEquals(0, count("select count(*) from alert where subject_key = ?1", key));
    }

    @Test
    void everyPassedHoldClockIsAnAlert() {
        holds.check(LocalDate.now(ZoneOffset.UTC));
        long holdAlerts = count("select count(*) from hold_alert");
        assertTrue(holdAlerts > 0, "the demo holds pass some clocks");
        assertEquals(0, count("select count(*) from hold_alert h where not exists (select 1 from alert a where "
                + "a.kind = h.kind and a.subject_key = 'hold:' || h.hold_id)"));
        assertEquals(holdAlerts, count("select count(*) from alert where subject_key like 'hold:%' and kind in "
                + "('RELEASE_CLOCK','NOTICE_CLOCK','DEEMED_EXCLUSION','LAST_FREE_DAY')"));
        // checking again raises nothing new
        assertEquals(0, holds.check(LocalDate.now(ZoneOffset.UTC)));
    }

    @Test
    void aClosingDeadOnArrivalWindowIsAnAlertOncePerTicket() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long closing = ticketOnMinerInstalledDaysAgo(28);
        long later = ticketOnMinerInstalledDaysAgo(10);
        assertTrue(doaAlerts.doaWindows(today) >= 1);
        assertEquals(1, count("select count(*) from alert where kind = 'DOA_WINDOW_CLOSING' and subject_key = ?1",
                "doa:ticket:" + closing));
        String detail = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select detail from alert where subject_key = ?1").setParameter(1, "doa:ticket:" + closing).getSingleResult());
        assertTrue(detail.contains("(2 days left)") && detail.contains(today.plusDays(2).toString()), detail);
        assertEquals(0, count("select count(*) from alert where subject_key = ?1", "doa:ticket:" + later),
                "20 days left is not yet worth an alert");
        assertEquals(0, doaAlerts.doaWindows(today), "once per ticket");
    }

    long ticketOnMinerInstalledDaysAgo(int days) {
        long miner = RepairFixturesAccess.freshMiner("TX1");
        long component = RepairFixturesAccess.componentOf(miner, "HASHBOARD");
        long ticket = as(Tokens.TECH_TX).body("{\"minerId\":" + miner + ",\"symptom\":\"dead board\",\"failedComponentIds\":["
                + component + "]}").post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update miner set installed_at = now() - cast(?1 as interval) where id = ?2")
                .setParameter(1, days + " days").setParameter(2, miner).executeUpdate());
        return ticket;
    }

    @Test
    void lowStockIsAnAlertPerLocationAndPartOncePerWeek() {
        var low = QuarkusTransaction.requiringNew().call(() -> stock.lowEverywhere());
        assertFalse(low.isEmpty(), "the demo stores have parts at their reorder point");
        lowStockAlerts.lowStock();
        for (var l : low) {
            assertEquals(1, count("select count(*) from alert where kind = 'LOW_STOCK' and subject_key like ?1",
                    "stock:" + l.locationId() + ":" + l.partId() + ":%"), l.partNumber() + " at " + l.location());
        }
        assertEquals(0, lowStockAlerts.lowStock(), "not again this week");
    }
}
