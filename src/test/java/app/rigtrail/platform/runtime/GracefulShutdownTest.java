package app.rigtrail.platform.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.ForecastJobs;
import app.rigtrail.forecast.ForecastService;
import app.rigtrail.platform.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.smallrye.health.runtime.ShutdownReadinessCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * SIGTERM's sequence, driven by the events Quarkus fires (this profile's instance is used up by it):
 * readiness DOWN, a request in flight is served and told {@code Connection: close}, a new request on
 * a connection already taken gets 503 problem+json with {@code Retry-After} and its connection is
 * closed after the answer, the listener stops accepting (a new connection is refused by the kernel,
 * not cut after being taken), and an unfinished background forecast is marked FAILED saying why.
 */
@QuarkusTest
@TestProfile(GracefulShutdownTest.Alone.class)
class GracefulShutdownTest {

    /** Its own instance: the test closes its listener. */
    public static class Alone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rigtrail.instance", "shutdown-test");
        }
    }

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

    @Inject
    @Readiness
    ShutdownReadinessCheck readiness;

    @Inject
    LoadShedding shedding;

    @Inject
    ForecastJobs jobs;

    @Inject
    ForecastService forecasts;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sigtermAnswersEveryConnectionItTookAndRefusesNewOnesAtTheSocket() throws Exception {
        String token = Tokens.bearer(Tokens.MANAGER);
        List<Integer> ids = given().header("Authorization", token).get("/api/scenarios").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.builtIn }.id", Integer.class);
        String slow = "{\"scenarios\":" + ids + ",\"horizonDays\":365,\"replications\":3000,\"seed\":7}";

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Socket api = connect(); Socket probe = connect()) {
            // a request in flight when SIGTERM comes
            Future<Response> inFlight = pool.submit(() -> given().header("Authorization", token)
                    .contentType("application/json").body(slow).post("/api/forecasts"));
            for (int i = 0; i < 200 && shedding.inFlight() == 0; i++) {
                Thread.sleep(50);
            }
            assertTrue(shedding.inFlight() > 0, "the synchronous forecast is in flight");

            // SIGTERM: Quarkus turns readiness DOWN and fires the delay event (no delay here: the
            // listener closes at once, as it does 0.5 s before the end of the production delay)
            readiness.shutdown();
            shutdownDelay.fire(new ShutdownDelayInitiatedEvent());
            assertTrue(shedding.draining());

            // new connections are refused by the kernel: nothing was taken, nothing is cut
            for (int i = 0; i < 100 && accepts(); i++) {
                Thread.sleep(50);
            }
            assertThrows(ConnectException.class, GracefulShutdownTest::connect, "the listener no longer accepts");

            // a new request on a connection taken before: 503 problem+json, Retry-After, Connection: close
            String answer = exchange(api, "GET /api/forecasts HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + token
                    + "\r\nAccept: application/json\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertHeader(answer, "Retry-After", "2");
            assertHeader(answer, "Connection", "close");
            assertHeader(answer, "Content-Type", "application/problem+json");
            assertTrue(answer.contains("\"status\":503") && answer.contains("shutting down") && answer.contains("requestId"),
                    answer);

            // the probe still answers, DOWN, naming the shutdown
            String ready = exchange(probe, "GET /q/health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(ready.startsWith("HTTP/1.1 503"), ready);
            assertTrue(ready.contains("Graceful Shutdown") && ready.contains("DOWN"), ready);
            assertHeader(ready, "Connection", "close");

            // the request in flight is served, and tells its keep-alive client to go elsewhere
            Response served = inFlight.get(120, TimeUnit.SECONDS);
            served.then().statusCode(200).header("Connection", containsString("close"));
        } finally {
            pool.shutdownNow();
        }

        // Quarkus' ShutdownEvent (after the drain): a background run still unfinished is marked FAILED saying why
        ForecastService.Prepared prepared = QuarkusTransaction.requiringNew().call(() -> forecasts.prepare(
                new ForecastService.ForecastRequest(ids.stream().map(Integer::longValue).toList(), 365, 10_000, 8L, null,
                        null, null)));
        String runId = jobs.start(prepared, Tokens.MANAGER).id;
        jobs.onStop(new ShutdownEvent());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select state, error from forecast_run where id = ?")) {
            ps.setObject(1, java.util.UUID.fromString(runId));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("FAILED", rs.getString(1));
                assertTrue(rs.getString(2).contains("shut down before it finished"), rs.getString(2));
            }
        }
    }

    static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("localhost", RestAssured.port), 2_000);
        s.setSoTimeout(30_000);
        return s;
    }

    static boolean accepts() {
        try (Socket s = connect()) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends the request and reads until the server closes the connection (it must, after a drain answer). */
    static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    static void assertHeader(String answer, String name, String startsWith) {
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        String value = null;
        for (String line : head.split("\r\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
                value = line.substring(c + 1).trim();
            }
        }
        assertNotNull(value, name + " in " + head);
        assertTrue(value.startsWith(startsWith), name + ": " + value);
    }
}
