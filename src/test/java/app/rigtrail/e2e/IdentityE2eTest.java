package app.rigtrail.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm as production needs it (#16 item 6), against the real Keycloak and the running prod jars:
 * no password grants on the web client, a client-credentials client for API scripts, brute-force
 * detection and sslRequired external, the audience checked by the app, and a token signed with a
 * freshly rotated realm key accepted at once by both instances (first through a JWKS refresh on the
 * unknown key id, then, within the refresh interval, through introspection with the api tenant's secret).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityE2eTest {

    static final String A = TabletBrowser.APP;
    static final String B = System.getProperty("e2e.baseUrlB", "http://localhost:8081");
    static final String REALM = TabletBrowser.KEYCLOAK + "/realms/rigtrail";
    static final String ADMIN = TabletBrowser.KEYCLOAK + "/admin/realms/rigtrail";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The key providers this test added, removed again at the end. */
    static final List<String> ADDED_KEYS = new ArrayList<>();

    @Test
    @Order(1)
    void theWebClientHasNoPasswordGrantsAndNoServiceAccount() throws Exception {
        HttpResponse<String> password = TabletBrowser.tokenResponse("grant_type=password&client_id=rigtrail"
                + "&client_secret=rigtrail-dev-secret-NOT-FOR-PRODUCTION&username=mgr&password=mgr");
        assertEquals(400, password.statusCode(), password.body());
        assertEquals("unauthorized_client", JSON.readTree(password.body()).path("error").asText(), password.body());
        HttpResponse<String> credentials = TabletBrowser.tokenResponse("grant_type=client_credentials&client_id=rigtrail"
                + "&client_secret=rigtrail-dev-secret-NOT-FOR-PRODUCTION");
        assertEquals("unauthorized_client", JSON.readTree(credentials.body()).path("error").asText(), credentials.body());
    }

    @Test
    @Order(2)
    void theRealmDetectsBruteForceAndRequiresTlsForExternalRequests() throws Exception {
        JsonNode realm = JSON.readTree(admin("GET", "", null).body());
        assertTrue(realm.path("bruteForceProtected").asBoolean(), realm.toString());
        assertEquals("external", realm.path("sslRequired").asText());
        JsonNode web = JSON.readTree(admin("GET", "/clients?clientId=rigtrail", null).body()).get(0);
        assertEquals(false, web.path("directAccessGrantsEnabled").asBoolean(true));
        assertEquals(false, web.path("implicitFlowEnabled").asBoolean(true));
        assertTrue(web.path("redirectUris").toString().contains(A), "redirect URIs from RIGTRAIL_APP_URLS: " + web.path("redirectUris"));
    }

    @Test
    @Order(3)
    void anApiScriptCallsTheApiWithClientCredentials() throws Exception {
        String token = TabletBrowser.tokenFrom("grant_type=client_credentials&client_id=rigtrail-api"
                + "&client_secret=rigtrail-api-dev-secret-NOT-FOR-PRODUCTION");
        assertTrue(claims(token).path("aud").toString().contains("\"rigtrail\""), claims(token).toString());
        HttpResponse<String> miners = api(A, token, "/api/miners?size=1");
        assertEquals(200, miners.statusCode(), miners.body());
    }

    @Test
    @Order(4)
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        String other = adminToken();
        assertTrue(!claims(other).path("aud").toString().contains("\"rigtrail\""), claims(other).toString());
        HttpResponse<String> r = api(A, other, "/api/miners?size=1");
        // 401 (the token is not for this app), not 403 (a valid token without the role)
        assertEquals(401, r.statusCode(), r.body());
    }

    @Test
    @Order(5)
    void aTokenSignedWithANewlyRotatedKeyIsAcceptedAtOnce() throws Exception {
        String before = TabletBrowser.token("mgr");
        String oldKid = kid(before);
        assertEquals(200, api(A, before, "/api/miners?size=1").statusCode());
        assertEquals(200, api(B, before, "/api/miners?size=1").statusCode());

        // 1st rotation: both instances have not seen this key id; they fetch the JWKS again at once
        String firstKid = rotate();
        assertNotEquals(oldKid, firstKid);
        assertTrue(HTTP.send(HttpRequest.newBuilder(URI.create(REALM + "/protocol/openid-connect/certs")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains(firstKid), "Keycloak publishes the new key");
        String after = TabletBrowser.token("mgr");
        assertEquals(firstKid, kid(after), "Keycloak signs with the new key");
        long t0 = System.nanoTime();
        HttpResponse<String> a = api(A, after, "/api/miners?size=1");
        HttpResponse<String> b = api(B, after, "/api/miners?size=1");
        assertEquals(200, a.statusCode(), "instance A, first call with the new key: " + a.body());
        assertEquals(200, b.statusCode(), "instance B, first call with the new key: " + b.body());

        // 2nd rotation seconds later, within the forced JWKS refresh interval (30 s): the key is
        // checked through introspection (the api tenant's client secret) until the next refresh
        String secondKid = rotate();
        String latest = TabletBrowser.token("mgr");
        assertEquals(secondKid, kid(latest));
        HttpResponse<String> c = api(A, latest, "/api/miners?size=1");
        assertEquals(200, c.statusCode(), "instance A, a second new key within the refresh interval: " + c.body());
        HttpResponse<String> d = api(B, latest, "/api/miners?size=1");
        assertEquals(200, d.statusCode(), "instance B, a second new key within the refresh interval: " + d.body());
        System.out.printf("key rotation: tokens with two new keys accepted by both instances, 4 calls in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        // tokens signed with the old key stay valid while it is published
        assertEquals(200, api(A, before, "/api/miners?size=1").statusCode());
    }

    @AfterAll
    static void removeTheAddedKeys() throws Exception {
        for (String id : ADDED_KEYS) {
            admin("DELETE", "/components/" + id, null);
        }
    }

    /** Adds an RSA key provider above every other: Keycloak signs new tokens with it from now on. */
    static String rotate() throws Exception {
        String realmId = JSON.readTree(admin("GET", "", null).body()).path("id").asText();
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .put("name", "e2e-rotated-" + System.currentTimeMillis())
                .put("providerId", "rsa-generated")
                .put("providerType", "org.keycloak.keys.KeyProvider")
                .put("parentId", realmId)
                .set("config", JSON.createObjectNode()
                        .set("priority", JSON.createArrayNode().add(String.valueOf(System.currentTimeMillis())))));
        HttpResponse<String> created = admin("POST", "/components", body);
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        ADDED_KEYS.add(id);
        for (JsonNode key : JSON.readTree(admin("GET", "/keys", null).body()).path("keys")) {
            if (id.equals(key.path("providerId").asText()) && "RS256".equals(key.path("algorithm").asText())) {
                return key.path("kid").asText();
            }
        }
        throw new AssertionError("no RS256 key of provider " + id);
    }

    static String adminToken() throws Exception {
        return TabletBrowser.tokenFrom("grant_type=client_credentials&client_id=rigtrail-e2e-admin"
                + "&client_secret=rigtrail-e2e-admin-secret-TEST-ONLY");
    }

    static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ADMIN + path))
                .header("Authorization", "Bearer " + adminToken());
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    static HttpResponse<String> api(String base, String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static String kid(String jwt) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8))
                .path("kid").asText();
    }
}
