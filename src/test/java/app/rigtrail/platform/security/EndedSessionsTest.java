package app.rigtrail.platform.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Issue #16 item 4, inside the app: a session whose end was recorded (a logout here, or the provider's
 * back-channel logout) is refused at once on this instance and, through ended_session, on any other. The real
 * journey (Keycloak, cookies, two instances) is e2e/SessionLogoutE2eTest.
 */
@QuarkusTest
class EndedSessionsTest {

    @Inject
    EndedSessions sessions;

    static final AuthenticationRequestContext BLOCKING = new AuthenticationRequestContext() {
        @Override
        public Uni<SecurityIdentity> runBlocking(java.util.function.Supplier<SecurityIdentity> function) {
            return Uni.createFrom().item(function);
        }
    };

    static SecurityIdentity withSid(String sid) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "admin";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub", "sid");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) (claimName.equals("sid") ? sid : claimName.equals("sub") ? "admin-id" : null);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("admin").build();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "in time");
    }

    @Test
    void aLoggedOutSessionIsRefusedHereAtOnceAndElsewhereThroughTheDatabase() throws Exception {
        String sid = UUID.randomUUID().toString();
        SecurityIdentity identity = withSid(sid);
        assertSame(identity, sessions.augment(identity, BLOCKING).await().indefinitely(), "a live session passes");

        sessions.observe(new SecurityEvent(SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED, identity));
        assertThrows(AuthenticationFailedException.class, () -> sessions.augment(identity, BLOCKING).await().indefinitely());
        // another replica knows only what the database says
        await(() -> sessions.endedInDatabase(sid));
        assertFalse(sessions.endedInDatabase(UUID.randomUUID().toString()));
    }

    @Test
    void theProvidersBackChannelLogoutEndsTheSession() throws Exception {
        String sid = UUID.randomUUID().toString();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"x\",\"sid\":\"" + sid
                + "\",\"events\":{\"http://schemas.openid.net/event/backchannel-logout\":{}}}")
                .getBytes(StandardCharsets.UTF_8));
        // the event Quarkus fires once it has verified the logout token's signature and claims
        sessions.observe(new SecurityEvent(SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED,
                Map.of("logout_token", "eyJhbGciOiJSUzI1NiJ9." + payload + ".sig")));
        assertThrows(AuthenticationFailedException.class,
                () -> sessions.augment(withSid(sid), BLOCKING).await().indefinitely());
        await(() -> sessions.endedInDatabase(sid));

        // what Quarkus 3.29 actually puts in the event: the verification result of the token (its claims)
        String other = UUID.randomUUID().toString();
        sessions.observe(new SecurityEvent(SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_INITIATED, Map.of("logout_token",
                new io.quarkus.oidc.runtime.TokenVerificationResult(new io.vertx.core.json.JsonObject().put("sid", other)
                        .put("iss", "x"), null))));
        assertThrows(AuthenticationFailedException.class,
                () -> sessions.augment(withSid(other), BLOCKING).await().indefinitely());
        await(() -> sessions.endedInDatabase(other));
    }

    @Inject
    io.agroal.api.AgroalDataSource ds;

    @Test
    void aSessionEndedByAnotherInstanceIsHeardOfAndRefusedWithoutAReadPerRequest() throws Exception {
        String sid = UUID.randomUUID().toString();
        SecurityIdentity identity = withSid(sid);
        assertSame(identity, sessions.augment(identity, BLOCKING).await().indefinitely(), "a live session passes");
        await(sessions::listening);
        // another instance records the end (its commit notifies every listening instance)
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "insert into ended_session (sid, ended_at, how) values (?, now(), 'BACK_CHANNEL')")) {
            ps.setString(1, sid);
            ps.executeUpdate();
        }
        await(() -> sessions.knownEnded(sid));
        assertThrows(AuthenticationFailedException.class, () -> sessions.augment(identity, BLOCKING).await().indefinitely());
        assertFalse(sessions.knownEnded(UUID.randomUUID().toString()));
    }

    @Test
    void tokensWithoutASessionIdAreLeftAlone() {
        SecurityIdentity plain = QuarkusSecurityIdentity.builder().setPrincipal(() -> "svc").addRole("admin").build();
        assertSame(plain, sessions.augment(plain, BLOCKING).await().indefinitely());
    }

    @Test
    void theBackChannelEndpointIsPublicAndRefusesAForgedToken() {
        // reached without a session (the provider calls it), and a token it cannot verify ends nothing
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("logout_token", "eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJ4In0.c2ln").post("/back-channel-logout")
                .then().statusCode(400);
        assertFalse(sessions.ended("x"));
    }
}
