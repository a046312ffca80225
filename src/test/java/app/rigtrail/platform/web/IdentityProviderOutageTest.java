package app.rigtrail.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue #16 item 5: an unreachable identity provider answers 503 (problem+json on the API, a short page for a
 * browser), not a bare 500, and readiness reports it DOWN. The provider's URL points at a closed port.
 */
@QuarkusTest
@TestProfile(IdentityProviderOutageTest.ClosedPort.class)
class IdentityProviderOutageTest {

    public static class ClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            String url = "http://localhost:" + port + "/realms/rigtrail";
            return Map.of("quarkus.oidc.devservices.enabled", "false", "quarkus.oidc.auth-server-url", url,
                    "quarkus.oidc.api.auth-server-url", url, "quarkus.oidc.credentials.secret", "unused",
                    "quarkus.oidc.connection-timeout", "PT1S", "quarkus.oidc.api.connection-timeout", "PT1S");
        }
    }

    static final String SOME_TOKEN = "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ4IiwiaXNzIjoiaHR0cDovL2xvY2FsaG9zdC9yZWFsbXMvcmlndHJhaWwifQ.c2ln";

    @Test
    void theApiAnswers503ProblemJson() {
        given().header("Authorization", SOME_TOKEN).get("/api/sites").then().log().ifValidationFails()
                .statusCode(503).contentType("application/problem+json").body("status", equalTo(503))
                .body("detail", containsString("identity provider")).header("Retry-After", notNullValue());
    }

    @Test
    void aPageAnswers503() {
        given().redirects().follow(false).get("/tickets").then().log().ifValidationFails().statusCode(503)
                .contentType(containsString("text/html")).body(containsString("sign-in service"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void readinessSaysTheProviderIsDown() {
        given().get("/q/health/ready").then().statusCode(503).body("checks.findAll { it.status == 'DOWN' }.name",
                hasItem("identity provider"));
    }
}
