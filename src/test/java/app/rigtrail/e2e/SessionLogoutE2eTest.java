package app.rigtrail.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Issue #16 item 4 against the real Keycloak and both prod-jar instances: logout ends the session on the
 * server, so the old session cookie replayed afterwards opens nothing, on either instance; Keycloak's back-channel
 * logout (the user logs out at Keycloak, not here) ends it too; the session cookie is HttpOnly and SameSite=Lax.
 *
 * <p>A plain HTTP client plays the browser: redirects followed by hand, one cookie jar per "browser" (cookies
 * are per host, not per port, so the app's and Keycloak's live side by side).
 */
class SessionLogoutE2eTest {

    static final String APP = TabletBrowser.APP;
    static final String APP_B = System.getProperty("e2e.baseUrlB", "http://localhost:8081");
    static final String KEYCLOAK = TabletBrowser.KEYCLOAK;

    /** A browser: cookies by name (one host), redirects followed by hand. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final Map<String, String> cookies = new LinkedHashMap<>();
        final List<String> setCookies = new ArrayList<>();

        HttpResponse<String> send(String method, String url, String form) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (!cookies.isEmpty()) {
                b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList()));
            }
            if (form != null) {
                b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String h : r.headers().allValues("set-cookie")) {
                setCookies.add(h);
                String pair = h.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean gone = value.isEmpty() || h.toLowerCase().contains("max-age=0")
                        || h.toLowerCase().contains("expires=thu, 01 jan 1970");
                if (gone) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return r;
        }

        /** GET, following redirects; returns the last answer. */
        HttpResponse<String> get(String url) throws Exception {
            return follow(send("GET", url, null), url);
        }

        HttpResponse<String> follow(HttpResponse<String> r, String from) throws Exception {
            String at = from;
            for (int i = 0; i < 10 && r.statusCode() / 100 == 3; i++) {
                at = URI.create(at).resolve(r.headers().firstValue("location").orElseThrow()).toString();
                r = send("GET", at, null);
            }
            return r;
        }

        /** Logs in through Keycloak's login form from a page of the app; returns the page's answer. */
        HttpResponse<String> logIn(String page, String user) throws Exception {
            HttpResponse<String> login = get(page);
            assertTrue(login.uri().toString().startsWith(KEYCLOAK + "/realms/rigtrail/"), "sent to Keycloak: " + login.uri());
            String action = html(first(login.body(), "<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\""));
            HttpResponse<String> back = send("POST", action, "username=" + enc(user) + "&password=" + enc(user)
                    + "&credentialId=");
            return follow(back, action);
        }

        /** The app's session cookies (the session may be split into chunks). */
        Map<String, String> session() {
            Map<String, String> s = new LinkedHashMap<>();
            cookies.forEach((k, v) -> {
                if (k.startsWith("q_session")) {
                    s.put(k, v);
                }
            });
            return s;
        }
    }

    /** A page opened with exactly these cookies (a replay), redirects not followed. */
    static HttpResponse<String> replay(String url, Map<String, String> cookies) throws Exception {
        Browser other = new Browser();
        other.cookies.putAll(cookies);
        return other.send("GET", url, null);
    }

    static boolean refused(HttpResponse<String> r) {
        // back to the login (302 to Keycloak) or 401: anything but the page
        return r.statusCode() == 401 || r.statusCode() == 302
                && r.headers().firstValue("location").orElse("").startsWith(KEYCLOAK + "/realms/rigtrail/");
    }

    @Test
    void aSessionCookieReplayedAfterLogoutIsRefusedOnEitherInstance() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> users = browser.logIn(APP + "/admin/users", "admin");
        assertEquals(200, users.statusCode(), users.body());
        Map<String, String> session = browser.session();
        assertFalse(session.isEmpty(), "a session cookie: " + browser.setCookies);
        assertEquals(200, replay(APP + "/admin/users", session).statusCode(), "the cookie opens the page before logout");
        assertEquals(200, replay(APP_B + "/admin/users", session).statusCode(), "and on the other instance");

        // the session cookie: HttpOnly, SameSite=Lax (Secure only over TLS: tested in CookieAttributesTest)
        String sessionCookie = browser.setCookies.stream().filter(h -> h.startsWith("q_session")).findFirst().orElseThrow();
        assertTrue(sessionCookie.toLowerCase().contains("httponly"), sessionCookie);
        assertTrue(sessionCookie.toLowerCase().contains("samesite=lax"), sessionCookie);

        HttpResponse<String> out = browser.get(APP + "/logout");
        assertTrue(browser.session().isEmpty(), "logout clears the cookie in the browser: " + browser.cookies.keySet());
        assertNotEquals(500, out.statusCode());

        HttpResponse<String> again = replay(APP + "/admin/users", session);
        assertTrue(refused(again), "the replayed cookie is refused: " + again.statusCode() + " " + again.headers().map());
        assertFalse(again.body().contains("tech-tx"), "no user list");
        HttpResponse<String> onB = replay(APP_B + "/admin/users", session);
        assertTrue(refused(onB), "refused by the other instance too: " + onB.statusCode());
    }

    @Test
    void keycloaksBackChannelLogoutEndsTheSessionOnEveryInstance() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> home = browser.logIn(APP + "/", "mgr");
        assertEquals(200, home.statusCode(), home.body());
        Map<String, String> session = browser.session();
        assertEquals(200, replay(APP_B + "/", session).statusCode(), "the cookie works on the other instance");

        // the user logs out at Keycloak itself (its account session), not through the app: Keycloak asks, the user
        // confirms, and Keycloak posts a logout token to the app's back-channel URL (instance A's)
        HttpResponse<String> ask = browser.get(KEYCLOAK + "/realms/rigtrail/protocol/openid-connect/logout");
        String action = html(first(ask.body(), "<form[^>]*action=\"([^\"]+)\""));
        String code = first(ask.body(), "name=\"session_code\"\\s+value=\"([^\"]+)\"");
        HttpResponse<String> done = browser.follow(browser.send("POST", URI.create(ask.uri().toString()).resolve(action)
                .toString(), "session_code=" + enc(code) + "&confirmLogout=Logout"), action);
        assertTrue(done.statusCode() < 500, "Keycloak logged out: " + done.statusCode());
        String steps = "confirmation " + ask.statusCode() + " " + ask.uri() + " -> " + done.statusCode() + " " + done.uri()
                + " " + done.body().replaceAll("\\s+", " ").substring(0, Math.min(600, done.body().length()));

        boolean refusedA = false;
        int last = 0;
        for (int i = 0; i < 20 && !refusedA; i++) {
            HttpResponse<String> r = replay(APP + "/", session);
            last = r.statusCode();
            refusedA = refused(r);
            if (!refusedA) {
                Thread.sleep(250);
            }
        }
        assertTrue(refusedA, "instance A refuses the session Keycloak ended (last " + last + "; " + steps + ")");
        boolean refusedB = false;
        for (int i = 0; i < 20 && !refusedB; i++) {
            refusedB = refused(replay(APP_B + "/", session));
            if (!refusedB) {
                Thread.sleep(250);
            }
        }
        assertTrue(refusedB, "instance B refuses it too (the end is recorded in the database)");
    }

    static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in: " + text.substring(0, Math.min(3000, text.length())));
        }
        return m.group(1);
    }

    static String html(String s) {
        return s.replace("&amp;", "&").replace("&#x3D;", "=").replace("&#61;", "=");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
