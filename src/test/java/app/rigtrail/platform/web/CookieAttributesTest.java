package app.rigtrail.platform.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * Issue #16 item 4: every cookie the app sets is HttpOnly (those a script need not read: all of them), SameSite=Lax,
 * and Secure when the request came over TLS through the proxy the app trusts (the proxy settings of
 * docs/operations.md, here on). Over plain HTTP a cookie is not Secure (a browser would drop it on http://localhost).
 */
@QuarkusTest
@TestProfile(CookieAttributesTest.BehindAProxy.class)
class CookieAttributesTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded",
                    "true", "quarkus.http.proxy.enable-forwarded-host", "true");
        }
    }

    static List<String> setCookies(Response r) {
        return r.headers().getList("Set-Cookie").stream().map(h -> h.getValue()).toList();
    }

    static void assertAttributes(List<String> cookies, boolean secure) {
        assertFalse(cookies.isEmpty(), "cookies were set");
        for (String c : cookies) {
            String l = c.toLowerCase();
            assertTrue(l.contains("httponly"), "HttpOnly: " + c);
            assertTrue(l.contains("samesite=lax") || l.contains("samesite=strict"), "SameSite: " + c);
            assertTrue(l.matches(".*;\\s*secure(;.*|\\s*)$") == secure, (secure ? "Secure: " : "not Secure: ") + c);
        }
    }

    @Test
    void theLoginsStateCookieIsHttpOnlyLaxAndSecureOverTls() {
        // the OIDC state cookie (q_auth_...) is made like the session cookie (q_session), by the same code
        Response plain = given().redirects().follow(false).get("/tickets");
        assertTrue(setCookies(plain).stream().anyMatch(c -> c.startsWith("q_auth")), setCookies(plain).toString());
        assertAttributes(setCookies(plain), false);
        Response tls = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "rigtrail.example").get("/tickets");
        assertAttributes(setCookies(tls), true);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theCsrfCookieIsHttpOnlyLaxAndSecureOverTls() {
        Response plain = given().get("/sites/new");
        assertTrue(setCookies(plain).stream().anyMatch(c -> c.startsWith("csrf-token=")), setCookies(plain).toString());
        assertAttributes(setCookies(plain), false);
        Response tls = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "rigtrail.example")
                .get("/sites/new");
        assertAttributes(setCookies(tls), true);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void thePreferenceCookieIsSecureOverTlsToo() {
        Response form = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "rigtrail.example")
                .get("/sites/new");
        String token = form.getCookie("csrf-token");
        Response tls = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "rigtrail.example").header("Origin", "https://rigtrail.example")
                .contentType("application/x-www-form-urlencoded").formParam("zone", "UTC")
                .cookie("csrf-token", token).formParam("csrf-token", token).post("/preferences/times");
        List<String> prefs = setCookies(tls).stream().filter(c -> !c.startsWith("csrf-token=")).toList();
        assertFalse(prefs.isEmpty(), tls.statusCode() + " " + setCookies(tls));
        assertAttributes(prefs, true);
    }
}
