package app.rigtrail.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import app.rigtrail.platform.db.EmbeddedDatabaseConfigSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue #16 item 5: a lost database answers 503 problem+json with Retry-After, and the outage is logged once
 * (one line when it starts, one when it ends), not a stack per request. The app reaches the test database
 * through a TCP relay that the test cuts (every open connection closed, new ones refused) and mends.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ThroughARelay.class)
class DatabaseOutageTest {

    static final Relay RELAY = new Relay();

    public static class ThroughARelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String server = new EmbeddedDatabaseConfigSource().getValue("%test.quarkus.datasource.jdbc.url");
            URI u = URI.create(server.substring("jdbc:".length()));
            int port = RELAY.start(u.getPort());
            return Map.of("quarkus.datasource.jdbc.url", server.replaceFirst(":" + u.getPort() + "/", ":" + port + "/"),
                    // the test looks for the end of the outage itself, and no job talks to the database meanwhile
                    "quarkus.scheduler.enabled", "false",
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT2S");
        }
    }

    @Test
    void aLostDatabaseAnswers503WithRetryAfterAndIsLoggedOnce() throws Exception {
        String admin = Tokens.bearer(Tokens.ADMIN);
        given().header("Authorization", admin).get("/api/sites").then().statusCode(200);

        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        java.util.logging.Filter console = new app.rigtrail.platform.runtime.RepeatedLogLines();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                // what the console writes: every logger, through the console's filter
                if (r.getLevel().intValue() >= Level.WARNING.intValue() && console.isLoggable(r)
                        || "app.rigtrail.platform.web.DatabaseOutage".equals(r.getLoggerName())) {
                    lines.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            RELAY.cut();
            for (String path : List.of("/api/sites", "/api/tickets", "/api/miners", "/api/stock", "/api/sites",
                    "/api/holds")) {
                given().header("Authorization", admin).get(path).then().statusCode(503)
                        .contentType("application/problem+json").header("Retry-After", notNullValue())
                        .body("status", equalTo(503)).body("detail", containsString("database"));
            }
            given().header("Authorization", admin).get("/api/sites").then().statusCode(503).header("Retry-After", equalTo("5"));
            // readiness says so too (the datasource's own check)
            given().get("/q/health/ready").then().statusCode(503);

            assertEquals(1, lines.size(), () -> "one line for the outage, got: " + text(lines));
            assertEquals("app.rigtrail.platform.web.DatabaseOutage", lines.get(0).getLoggerName());
        } finally {
            RELAY.mend();
        }
        Arc.container().instance(DatabaseOutage.class).get().probe();
        try {
            given().header("Authorization", admin).get("/api/sites").then().statusCode(200);
            assertEquals(2, lines.size(), () -> text(lines).toString());
            org.hamcrest.MatcherAssert.assertThat(text(lines).get(1), containsString("7 requests were answered 503"));
        } finally {
            root.removeHandler(capture);
        }
    }

    private static List<String> text(List<LogRecord> lines) {
        return lines.stream().map(r -> r.getLoggerName() + " " + (r instanceof org.jboss.logmanager.ExtLogRecord e
                ? e.getFormattedMessage() : r.getMessage())).toList();
    }

    /** Forwards TCP connections from a local port to the database; cut() drops them all and refuses new ones. */
    static final class Relay {
        private volatile ServerSocket listener;
        private int port;
        private int target;
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        synchronized int start(int targetPort) {
            if (listener == null) {
                target = targetPort;
                listen(0);
                port = listener.getLocalPort();
            }
            return port;
        }

        private void listen(int onPort) {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
                listener = s;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ServerSocket s = listener;
            Thread t = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket client = s.accept();
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                        open.add(client);
                        open.add(server);
                        pump(client, server);
                        pump(server, client);
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "db-relay");
            t.setDaemon(true);
            t.start();
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side went away
                } finally {
                    close(from);
                    close(to);
                }
            }, "db-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        synchronized void cut() {
            close(listener);
            for (Socket s : open) {
                close(s);
            }
            open.clear();
        }

        synchronized void mend() {
            if (listener.isClosed()) {
                listen(port);
            }
        }

        private static void close(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }
}
