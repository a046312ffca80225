package app.rigtrail.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Refusals made before any resource runs are problem+json like the rest (issue #16 item 5). */
@QuarkusTest
class TransportProblemsTest {

    @Test
    void noTokenIs401ProblemJson() {
        given().get("/api/sites").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").contentType("application/json").body("{}")
                .post("/api/tickets").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aForgedTokenIs401ProblemJson() {
        given().header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get("/api/sites")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void anUnsupportedMediaTypeIs415ProblemJson() {
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).contentType("application/xml").body("<ticket/>")
                .post("/api/tickets").then().statusCode(415).contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJson() throws Exception {
        // announced larger than quarkus.http.limits.max-body-size (12M): refused before the body is read, so the
        // request is written by hand (a client that sends the body gets a broken pipe when the server closes)
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/miners/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + Tokens.bearer(Tokens.ADMIN) + "\r\nContent-Type: text/csv\r\nContent-Length: " + (13 * 1024 * 1024)
                    + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            try {
                for (int n; !read.toString(java.nio.charset.StandardCharsets.UTF_8).contains("}")
                        && (n = socket.getInputStream().read(chunk)) > 0;) {
                    read.write(chunk, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived is the answer
            }
            String answer = read.toString(java.nio.charset.StandardCharsets.UTF_8);
            org.hamcrest.MatcherAssert.assertThat(answer, startsWith("HTTP/1.1 413"));
            org.hamcrest.MatcherAssert.assertThat(answer, org.hamcrest.Matchers.containsString("application/problem+json"));
            org.hamcrest.MatcherAssert.assertThat(answer, org.hamcrest.Matchers.containsString("\"status\":413"));
        }
    }

    @Test
    void aUriOverTheLimitIs414ProblemJson() {
        String longQuery = "q=" + "x".repeat(9000);
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/miners?" + longQuery).then()
                .statusCode(414).contentType("application/problem+json").body("status", equalTo(414))
                .body("title", equalTo("URI too long"));
        // without a token too: the length is checked first
        given().get("/api/" + "a".repeat(9000)).then().statusCode(414).contentType("application/problem+json");
        // a page gets a short page, not the codec's empty answer
        given().get("/tickets?" + longQuery).then().statusCode(414).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .body(org.hamcrest.Matchers.containsString("Address too long"));
        // under the limit it is served
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/miners?q=" + "x".repeat(2000)).then()
                .statusCode(200);
    }

    @Test
    void notFoundAndForbiddenAreProblemJson() {
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/tickets/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX))
                .get("/api/users/tech-nd/sites").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void pagesStillSendBrowsersToTheLogin() {
        given().redirects().follow(false).get("/tickets").then().statusCode(302);
    }
}
