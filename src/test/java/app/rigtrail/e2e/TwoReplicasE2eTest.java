package app.rigtrail.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import app.rigtrail.alerts.domain.WebhookSignature;

/**
 * Two production instances on one database (see .ci/run: A on e2e.baseUrl, B on e2e.baseUrlB, both
 * running every scheduled job; the hold clock check ticks every 5 s over 20-second periods there):
 * a passed clock raises one alert however many replicas check it, and each alert reaches its
 * mail recipient (over SMTP) and its webhook once; a forecast run started through A shows its
 * progress through B and is cancelled through B; after the documented staleness window both
 * instances' dashboards agree. Reads the database directly (e2e.dbUrl) for what the API does not show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasE2eTest {

    static final String A = TabletBrowser.APP;
    static final String B = System.getProperty("e2e.baseUrlB", "http://localhost:8081");
    static final String DB_URL = System.getProperty("e2e.dbUrl", "jdbc:postgresql://localhost:55432/rigtrail");
    static final String DB_USER = System.getProperty("e2e.dbUser", "postgres");
    static final int SMTP_PORT = Integer.getInteger("e2e.smtpPort", 2525);
    /**
     * How far behind the database a dashboard may be: every request reads a snapshot taken at most
     * rigtrail.dashboard.staleness before it (5 s, DashboardFreshness, docs/dashboard.md), plus a few
     * seconds for taking one.
     */
    static final Duration STALENESS_WINDOW = Duration.ofSeconds(5 + 5);
    static final List<String> HOLD_CLOCKS = List.of("RELEASE_CLOCK", "NOTICE_CLOCK", "DEEMED_EXCLUSION", "LAST_FREE_DAY");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** When the ticket that changes both dashboards was opened through A (nanoTime), and the ticket. */
    static long changedAt;
    static long changeTicket;

    record Answer(int status, String body, HttpHeadersView headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    record HttpHeadersView(java.net.http.HttpHeaders h) {
        String first(String name) {
            return h.firstValue(name).orElse(null);
        }
    }

    static Answer call(String base, String user, String method, String path, String body) throws Exception {
        String token = TOKENS.get(user);
        if (token == null) {
            token = TabletBrowser.token(user);
            TOKENS.put(user, token);
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(res.statusCode(), res.body(), new HttpHeadersView(res.headers()));
    }

    static JsonNode ok(int status, Answer a, String what) {
        assertEquals(status, a.status(), what + ": " + a.body());
        return a.body().isBlank() ? null : a.json();
    }

    static JsonNode get(String base, String user, String path) throws Exception {
        return ok(200, call(base, user, "GET", path, null), "GET " + base + path);
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(DB_URL, DB_USER, "");
    }

    static List<Object[]> rows(String sql, Object... params) throws SQLException {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[rs.getMetaData().getColumnCount()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    static long count(String sql, Object... params) throws SQLException {
        return ((Number) rows(sql, params).get(0)[0]).longValue();
    }

    static long siteId(String code) throws Exception {
        for (JsonNode s : get(A, "admin", "/api/sites?q=" + code).path("items")) {
            if (code.equals(s.path("code").asText())) {
                return s.path("id").asLong();
            }
        }
        throw new AssertionError("no site " + code);
    }

    /** Opens a ticket through A on a hashing TX2 miner without one: the backlog and availability both change. */
    @BeforeAll
    static void changeBothDashboardsThroughA() throws Exception {
        long tx2 = siteId("TX2");
        String open = call(A, "tech-tx", "GET", "/api/tickets?open=true&size=500", null).body();
        for (JsonNode m : get(A, "tech-tx", "/api/miners?status=HASHING&size=500&site=" + tx2).path("items")) {
            long miner = m.path("id").asLong();
            if (open.contains("\"minerId\":" + miner + ",")) {
                continue;
            }
            JsonNode components = get(A, "tech-tx", "/api/miners/" + miner).path("components");
            if (components.isEmpty()) {
                continue;
            }
            Answer r = call(A, "tech-tx", "POST", "/api/tickets", "{\"minerId\":" + miner + ",\"symptom\":\"Fan failure "
                    + "(two replicas test)\",\"failedComponentIds\":[" + components.get(0).path("id").asLong() + "]}");
            if (r.status() == 201) {
                changedAt = System.nanoTime();
                changeTicket = r.json().path("id").asLong();
                return;
            }
        }
        fail("no TX2 miner to open a ticket on");
    }

    static final Pattern METRIC = Pattern.compile(
            "^rigtrail_jobs_ticks_total\\{([^}]*)\\}\\s+([0-9.Ee+-]+)$", Pattern.MULTILINE);

    /** This instance's hold-alerts ticks by outcome, from its /q/metrics. */
    static Map<String, Long> holdTicks(String base) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> out = new TreeMap<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("job=\"hold-alerts\"")) {
                Matcher o = Pattern.compile("outcome=\"([a-z_]+)\"").matcher(labels);
                if (o.find()) {
                    out.merge(o.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
                }
            }
        }
        return out;
    }

    @Test
    @Order(1)
    void aPassedClockRaisesOneAlertAcrossBothReplicasAndReachesPeopleOnceByMailAndWebhook() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "mgr-" + tag + "@rigtrail.test";
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<String> deliveryHeaders = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            deliveryHeaders.add(exchange.getRequestHeaders().getFirst("X-Rigtrail-Delivery"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try (SmtpReceiver smtp = new SmtpReceiver(SMTP_PORT)) {
            // a manager chooses the hold clocks by mail through B; an admin registers a webhook through A
            StringBuilder choices = new StringBuilder();
            for (String k : HOLD_CLOCKS) {
                choices.append(choices.length() == 0 ? "" : ",").append("{\"kind\":\"").append(k).append("\",\"siteId\":null}");
            }
            ok(200, call(B, "mgr", "PUT", "/api/alerts/choices", "{\"email\":\"" + email + "\",\"choices\":[" + choices
                    + "]}"), "mail choices through B");
            String kinds = "\"" + String.join("\",\"", HOLD_CLOCKS) + "\"";
            JsonNode created = ok(201, call(A, "admin", "POST", "/api/alerts/webhooks", "{\"name\":\"e2e-" + tag
                    + "\",\"url\":\"http://127.0.0.1:" + hook.getAddress().getPort() + "/hook\",\"kinds\":[" + kinds + "]}"),
                    "webhook through A");
            String secret = created.path("secret").asText();

            // a shipment held in customs for 40 days without a notice, past its last free day: every clock passed
            long site = siteId("TX2");
            long port = get(A, "logi", "/api/ports").path("items").path(0).path("id").asLong();
            long shipment = ok(201, call(A, "logi", "POST", "/api/shipments", "{\"kind\":\"NEW_MACHINES\",\"carrier\":"
                    + "\"Maersk\",\"siteId\":" + site + ",\"portId\":" + port + "}"), "shipment").path("id").asLong();
            for (String to : new String[] {"READY", "IN_TRANSIT", "AT_PORT"}) {
                ok(200, call(A, "logi", "POST", "/api/shipments/" + shipment + "/transitions", "{\"to\":\"" + to + "\"}"), to);
            }
            LocalDate presented = LocalDate.now(ZoneOffset.UTC).minusDays(40);
            ok(200, call(A, "logi", "POST", "/api/shipments/" + shipment + "/transitions", "{\"to\":\"HELD\",\"hold\":"
                    + "{\"entryNumber\":\"E2E-" + tag + "\",\"kind\":\"CBP_INTENSIVE\",\"presentedOn\":\"" + presented
                    + "\",\"lastFreeDay\":\"" + presented.plusDays(5) + "\",\"storageFeeCentsPerDay\":1000}}"), "HELD");
            long holdId = get(A, "logi", "/api/shipments/" + shipment).path("holds").path(0).path("id").asLong();
            String subject = "hold:" + holdId;

            // the replicas' clock checks raise it (within a period and a tick) and work the outbox
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long alerts = 0;
            while (System.nanoTime() < deadline) {
                alerts = count("select count(*) from alert where subject_key = ?", subject);
                if (alerts >= 4 && bodies.size() >= 4 && smtp.to(email).size() >= 4) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(4, alerts, "one alert per passed clock of " + subject);
            // two more ticks of each replica, to see that nothing is raised or sent again
            Thread.sleep(11_000);

            List<Object[]> byKind = rows("select kind, count(*) from alert where subject_key = ? group by kind order by kind",
                    subject);
            Map<String, Long> raised = new TreeMap<>();
            for (Object[] r : byKind) {
                raised.put((String) r[0], ((Number) r[1]).longValue());
            }
            assertEquals(new TreeMap<>(Map.of("DEEMED_EXCLUSION", 1L, "LAST_FREE_DAY", 1L, "NOTICE_CLOCK", 1L,
                    "RELEASE_CLOCK", 1L)), raised, "exactly one alert per kind for the hold");
            assertEquals(4, count("select count(*) from hold_alert where hold_id = ?", holdId));

            // the outbox: one delivery per alert and channel, each sent once (one SENT attempt)
            List<Object[]> deliveries = rows("select d.id::text, d.channel, d.state, (select count(*) from "
                    + "alert_delivery_attempt t where t.delivery_id = d.id and t.outcome = 'SENT') from alert_delivery d "
                    + "join alert a on a.id = d.alert_id where a.subject_key = ? order by d.channel, d.id", subject);
            Set<String> mailIds = new TreeSet<>();
            Set<String> hookIds = new TreeSet<>();
            for (Object[] d : deliveries) {
                assertEquals("SENT", d[2], "delivery " + d[0]);
                assertEquals(1L, ((Number) d[3]).longValue(), "delivery " + d[0] + " sent once");
                ("EMAIL".equals(d[1]) ? mailIds : hookIds).add((String) d[0]);
            }
            assertEquals(4, mailIds.size(), "an e-mail per alert");
            assertEquals(4, hookIds.size(), "a webhook call per alert");

            // the webhook receiver got every delivery once (other holds' alerts too, once the demo holds were
            // checked after the webhook was registered), each signed; this hold's four are the outbox's four
            assertEquals(bodies.size(), new TreeSet<>(deliveryHeaders).size(), "no delivery id twice: " + deliveryHeaders);
            Set<String> hookKinds = new TreeSet<>();
            Set<String> ours = new TreeSet<>();
            Set<Long> alertIds = new TreeSet<>();
            for (Object[] r : rows("select id from alert where subject_key = ?", subject)) {
                alertIds.add(((Number) r[0]).longValue());
            }
            for (int i = 0; i < bodies.size(); i++) {
                assertTrue(WebhookSignature.verify(secret, bodies.get(i), signatures.get(i)), "signature of call " + i);
                JsonNode doc = JSON.readTree(new String(bodies.get(i), StandardCharsets.UTF_8));
                assertEquals(deliveryHeaders.get(i), doc.path("deliveryId").asText());
                if (alertIds.contains(doc.path("alert").path("id").asLong())) {
                    ours.add(deliveryHeaders.get(i));
                    hookKinds.add(doc.path("alert").path("kind").asText());
                    assertEquals("TX2", doc.path("alert").path("site").asText());
                }
            }
            assertEquals(hookIds, ours, "this hold's webhook calls");
            assertEquals(new TreeSet<>(HOLD_CLOCKS), hookKinds);

            // the mail server got each alert once, addressed to the manager, its Message-ID the delivery id
            List<SmtpReceiver.Message> mail = smtp.to(email);
            List<String> messageIds = new ArrayList<>();
            for (SmtpReceiver.Message m : mail) {
                String id = m.header("Message-ID");
                assertNotNull(id, m.data());
                messageIds.add(id.replaceAll("[<>]", "").replace("@rigtrail", ""));
                assertTrue(m.header("Subject").startsWith("[Rigtrail] "), m.header("Subject"));
            }
            assertEquals(messageIds.size(), new TreeSet<>(messageIds).size(), "no mail twice: " + messageIds);
            assertTrue(messageIds.containsAll(mailIds), "this hold's four mails: " + mailIds + " in " + messageIds);
            assertTrue(mail.stream().anyMatch(m -> m.data().contains("E2E-" + tag)), "the entry number in the text");

            // both replicas run the clock check: each ticks, neither failed (a second run of a period would
            // fail on the period's key), and every period one of them ran is one row of job_run
            Map<String, Long> ticksA = holdTicks(A);
            Map<String, Long> ticksB = holdTicks(B);
            long ranA = ticksA.getOrDefault("ran", 0L);
            long ranB = ticksB.getOrDefault("ran", 0L);
            long rowsA = count("select count(*) from job_run where job = 'hold-alerts' and instance like 'e2e-a/%'");
            long rowsB = count("select count(*) from job_run where job = 'hold-alerts' and instance like 'e2e-b/%'");
            System.out.printf("hold-alerts ticks: A %s, B %s; periods run: A %d, B %d%n", ticksA, ticksB, rowsA, rowsB);
            assertTrue(ticksA.values().stream().mapToLong(Long::longValue).sum() >= 2, "A ticks: " + ticksA);
            assertTrue(ticksB.values().stream().mapToLong(Long::longValue).sum() >= 2, "B ticks: " + ticksB);
            assertEquals(0L, ticksA.getOrDefault("failed", 0L), "A: " + ticksA);
            assertEquals(0L, ticksB.getOrDefault("failed", 0L), "B: " + ticksB);
            assertEquals(rowsA, ranA, "A's runs are A's periods");
            assertEquals(rowsB, ranB, "B's runs are B's periods");
            assertTrue(ranA + ranB >= 1, "a period ran: A " + ranA + ", B " + ranB);
            System.out.println("sent by: " + rows("select t.instance, d.channel, count(*) from alert_delivery_attempt t "
                    + "join alert_delivery d on d.id = t.delivery_id where t.outcome = 'SENT' group by 1, 2 order by 1, 2")
                    .stream().map(java.util.Arrays::toString).toList());
            // and across all alerts, never two of one kind and subject, never a delivery sent twice
            assertEquals(0, count("select count(*) from (select 1 from alert group by kind, subject_key having count(*) > 1) x"));
            assertEquals(0, count("select count(*) from (select 1 from alert_delivery_attempt where outcome = 'SENT' "
                    + "group by delivery_id having count(*) > 1) x"));
        } finally {
            hook.stop(0);
            call(B, "mgr", "PUT", "/api/alerts/choices", "{\"email\":null,\"choices\":[]}");
        }
    }

    @Test
    @Order(2)
    void aForecastRunStartedThroughAShowsItsProgressAndIsCancelledThroughB() throws Exception {
        List<Long> scenarios = new ArrayList<>();
        JsonNode list = get(A, "mgr", "/api/scenarios");
        for (JsonNode s : list.isArray() ? list : list.path("items")) {
            scenarios.add(s.path("id").asLong());
        }
        assertTrue(!scenarios.isEmpty(), "scenarios: " + list);
        String ids = scenarios.subList(0, Math.min(3, scenarios.size())).toString();
        // the largest run there is takes a few seconds on the small CI fleet: B cancels it as soon as it shows
        // progress; should it still end before the cancellation is read (a fast machine), it is tried again
        JsonNode end = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonNode run = ok(202, call(A, "mgr", "POST", "/api/forecasts/runs", "{\"scenarios\":" + ids
                    + ",\"horizonDays\":365,\"replications\":10000}"), "start through A");
            String id = run.path("id").asText();
            int total = run.path("replicationsTotal").asInt();
            long t0 = System.nanoTime();
            assertTrue(run.path("instance").asText().startsWith("e2e-a/"), "executed by A: " + run);

            // B shows it running, with its progress
            JsonNode seen = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                seen = get(B, "mgr", "/api/forecasts/runs/" + id);
                if (!"QUEUED".equals(seen.path("state").asText()) && ("RUNNING".equals(seen.path("state").asText())
                        ? seen.path("replicationsDone").asInt() > 0 : true)) {
                    break;
                }
                Thread.sleep(100);
            }
            if ("DONE".equals(seen.path("state").asText())) {
                System.out.printf("forecast run %s ended before B saw it running (attempt %d)%n", id, attempt);
                continue;
            }
            assertEquals("RUNNING", seen.path("state").asText(), "through B: " + seen);
            int first = seen.path("replicationsDone").asInt();
            assertTrue(first > 0 && first < total, "progress through B: " + seen);
            assertEquals(run.path("instance").asText(), seen.path("instance").asText(), "B names A as the executor");

            // cancelled through B, A stops it
            JsonNode cancel = ok(200, call(B, "mgr", "DELETE", "/api/forecasts/runs/" + id, null), "cancel through B");
            assertTrue(cancel.path("cancelRequested").asBoolean() || "DONE".equals(cancel.path("state").asText()),
                    cancel.toString());
            deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                end = get(A, "mgr", "/api/forecasts/runs/" + id);
                if (!"RUNNING".equals(end.path("state").asText())) {
                    break;
                }
                Thread.sleep(250);
            }
            System.out.printf("forecast run %s: %d of %d through B after %d ms; then %s (attempt %d)%n", id, first, total,
                    (System.nanoTime() - t0) / 1_000_000, end, attempt);
            if ("DONE".equals(end.path("state").asText())) {
                continue; // finished before A read the cancellation
            }
            assertEquals("CANCELLED", end.path("state").asText(), "through A: " + end);
            assertTrue(end.path("replicationsDone").asInt() < total, end.toString());
            assertTrue(end.path("forecastId").isNull() || end.path("forecastId").isMissingNode(), "nothing saved: " + end);
            assertEquals("CANCELLED", get(B, "mgr", "/api/forecasts/runs/" + id).path("state").asText());
            List<Object[]> events = rows("select from_state, to_state, instance from forecast_run_event where run_id = "
                    + "cast(? as uuid) order by id", id);
            Object[] last = events.get(events.size() - 1);
            assertEquals("CANCELLED", last[1], "the last event");
            assertEquals("RUNNING", last[0]);
            assertNull(rows("select forecast_id from forecast_run where id = cast(? as uuid)", id).get(0)[0]);
            return;
        }
        fail("three runs ended before their cancellation through B was read; last: " + end);
    }

    @Test
    @Order(3)
    void bothDashboardsAgreeAfterTheStalenessWindow() throws Exception {
        long wait = changedAt + STALENESS_WINDOW.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
        for (String path : List.of("/api/backlog?oldest=100", "/api/availability", "/api/turnaround",
                "/api/backlog/items?site=TX2&limit=1000")) {
            // asked of both at once, so that what depends on the clock (ages, today's part) barely moves
            CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> quietly(A, path));
            CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> quietly(B, path));
            List<String> differences = new ArrayList<>();
            compare("", a.get(), b.get(), differences);
            assertEquals(List.of(), differences, path + ": A and B differ");
        }
        for (String base : List.of(A, B)) {
            JsonNode items = get(base, "mgr", "/api/backlog/items?site=TX2&limit=1000").path("items");
            boolean found = false;
            for (JsonNode i : items) {
                found |= i.path("ticketId").asLong() == changeTicket;
            }
            assertTrue(found, "ticket #" + changeTicket + " opened through A is in " + base + "'s backlog");
        }
    }

    static JsonNode quietly(String base, String path) {
        try {
            return get(base, "mgr", path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Differences between two answers, ignoring asOf. The two were computed a few milliseconds apart, so
     * numbers may differ by a relative 1e-3 (today's part of the period grows by the second) and ages by
     * a thousandth of a day; a miner more or less, an item more or less, is a difference.
     */
    static void compare(String at, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() > 20) {
            return;
        }
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            boolean age = at.substring(at.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT).contains("age");
            if (Math.abs(x - y) > (age ? 1e-3 : 1e-9) + 1e-3 * Math.max(Math.abs(x), Math.abs(y))) {
                out.add(at + ": " + x + " vs " + y);
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            Map<String, JsonNode> left = new LinkedHashMap<>();
            a.fields().forEachRemaining(e -> left.put(e.getKey(), e.getValue()));
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode l = left.remove(e.getKey());
                if (e.getKey().equals("asOf")) {
                    continue;
                }
                if (l == null) {
                    out.add(at + "/" + e.getKey() + ": only on B");
                } else {
                    compare(at + "/" + e.getKey(), l, e.getValue(), out);
                }
            }
            left.keySet().stream().filter(k -> !k.equals("asOf")).forEach(k -> out.add(at + "/" + k + ": only on A"));
            return;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                out.add(at + ": " + a.size() + " entries vs " + b.size());
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                compare(at + "[" + i + "]", a.get(i), b.get(i), out);
            }
            return;
        }
        if (!a.equals(b)) {
            out.add(at + ": " + a + " vs " + b);
        }
    }
}
