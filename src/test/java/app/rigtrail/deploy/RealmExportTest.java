package app.rigtrail.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm export is shaped for production (#16 item 6; the running realm is checked by
 * e2e/IdentityE2eTest): the web client has no password grants, API scripts have their own
 * client-credentials client, every client whose tokens reach the API puts the app into "aud", the app
 * checks it, brute-force detection is on and TLS is required for external requests. Password grants
 * exist only on the test-only client, kept in a separate file.
 */
class RealmExportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode realm() throws IOException {
        return JSON.readTree(Path.of("deploy/keycloak/realm-rigtrail.json").toFile());
    }

    static JsonNode client(JsonNode realm, String id) {
        for (JsonNode c : realm.path("clients")) {
            if (id.equals(c.path("clientId").asText())) {
                return c;
            }
        }
        throw new AssertionError("no client " + id);
    }

    static boolean namesTheAppAsAudience(JsonNode client) {
        for (JsonNode m : client.path("protocolMappers")) {
            if ("oidc-audience-mapper".equals(m.path("protocolMapper").asText())
                    && "rigtrail".equals(m.path("config").path("included.client.audience").asText())
                    && "true".equals(m.path("config").path("access.token.claim").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theRealmIsReadyForProduction() throws IOException {
        JsonNode realm = realm();
        assertEquals("external", realm.path("sslRequired").asText());
        assertTrue(realm.path("bruteForceProtected").asBoolean());
        assertFalse(realm.path("permanentLockout").asBoolean());
        assertTrue(realm.path("failureFactor").asInt() > 0 && realm.path("failureFactor").asInt() <= 10);
        assertEquals(900, realm.path("accessTokenLifespan").asInt(), "docs/operations.md documents 15 minutes");
        assertEquals(3600, realm.path("ssoSessionIdleTimeout").asInt());
        assertEquals(36000, realm.path("ssoSessionMaxLifespan").asInt());
    }

    @Test
    void theWebClientLogsInThroughTheBrowserOnly() throws IOException {
        JsonNode web = client(realm(), "rigtrail");
        assertFalse(web.path("publicClient").asBoolean(true));
        assertTrue(web.path("standardFlowEnabled").asBoolean());
        assertFalse(web.path("directAccessGrantsEnabled").asBoolean(true), "no password grants");
        assertFalse(web.path("implicitFlowEnabled").asBoolean(true));
        assertFalse(web.path("serviceAccountsEnabled").asBoolean(true));
        assertTrue(namesTheAppAsAudience(web));
    }

    @Test
    void apiScriptsHaveTheirOwnClientCredentialsClient() throws IOException {
        JsonNode realm = realm();
        JsonNode api = client(realm, "rigtrail-api");
        assertFalse(api.path("publicClient").asBoolean(true));
        assertTrue(api.path("serviceAccountsEnabled").asBoolean());
        assertFalse(api.path("standardFlowEnabled").asBoolean(true));
        assertFalse(api.path("directAccessGrantsEnabled").asBoolean(true));
        assertTrue(namesTheAppAsAudience(api));
        boolean account = false;
        for (JsonNode u : realm.path("users")) {
            if ("rigtrail-api".equals(u.path("serviceAccountClientId").asText())) {
                account = u.path("realmRoles").toString().contains("manager");
            }
        }
        assertTrue(account, "its service account has a role");
    }

    @Test
    void passwordGrantsOnlyOnTheTestOnlyClientInItsOwnFile() throws IOException {
        List<String> withPasswordGrants = new ArrayList<>();
        for (JsonNode c : realm().path("clients")) {
            if (c.path("directAccessGrantsEnabled").asBoolean(false)) {
                withPasswordGrants.add(c.path("clientId").asText());
            }
        }
        assertEquals(List.of(), withPasswordGrants, "the realm export has no client with password grants");
        JsonNode tests = JSON.readTree(Path.of("deploy/keycloak/realm-rigtrail.test-clients.json").toFile());
        for (JsonNode c : tests.path("clients")) {
            assertTrue(c.path("name").asText().startsWith("TEST ONLY"), c.path("clientId").asText());
        }
        assertTrue(namesTheAppAsAudience(tests.path("clients").get(0)));
    }

    @Test
    void theAppChecksTheAudienceAndRefreshesKeysOnAnUnknownKeyId() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        assertEquals("${OIDC_API_AUDIENCE:rigtrail}", p.getProperty("%prod.quarkus.oidc.api.token.audience"));
        assertEquals("${OIDC_CLIENT_SECRET}", p.getProperty("%prod.quarkus.oidc.api.credentials.secret"),
                "introspection, the fallback for a key not yet fetched, needs the client's secret");
        for (String tenant : List.of("quarkus.oidc.", "quarkus.oidc.api.")) {
            String interval = p.getProperty(tenant + "token.forced-jwk-refresh-interval");
            assertTrue(Map.of("30S", 1, "10S", 1).containsKey(interval), tenant + ": " + interval);
        }
    }
}
