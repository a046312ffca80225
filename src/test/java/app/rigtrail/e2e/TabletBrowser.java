package app.rigtrail.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * The end-to-end stage: headless Debian Chromium driven by Playwright, in a tablet viewport, against
 * the app started in its prod profile with a real Keycloak (see .ci/run). Nothing here is mocked.
 */
final class TabletBrowser implements AutoCloseable {

    static final String APP = System.getProperty("e2e.baseUrl", "http://localhost:8080");
    static final String KEYCLOAK = System.getProperty("e2e.keycloakUrl", "http://localhost:8180");
    /** The TEST-ONLY client with password grants (deploy/keycloak/realm-rigtrail.test-clients.json): the web client has none. */
    static final String TEST_CLIENT = "rigtrail-e2e";
    static final String TEST_CLIENT_SECRET = System.getProperty("e2e.testClientSecret", "rigtrail-e2e-secret-TEST-ONLY");
    static final Path SHOTS = Paths.get("target", "screenshots");

    final Playwright playwright;
    final Browser browser;

    TabletBrowser() {
        this(List.of());
    }

    /** A browser started with more command-line switches (a fake camera, for instance). */
    TabletBrowser(List<String> moreArgs) {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "PLAYWRIGHT_BROWSERS_PATH", Paths.get("target", "playwright-browsers").toAbsolutePath().toString())));
        List<String> args = new java.util.ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"));
        args.addAll(moreArgs);
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("e2e.chromium", "/usr/lib/chromium/chromium")))
                .setHeadless(true)
                .setArgs(args));
    }

    /** A fresh tablet (1024x768, touch) with nobody logged in. */
    BrowserContext tablet() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768)
                .setDeviceScaleFactor(2).setHasTouch(true).setIsMobile(true));
    }

    /** A fresh office screen (1440x900, mouse) with nobody logged in: logistics, managers, admins. */
    BrowserContext desktop() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                .setAcceptDownloads(true));
    }

    /** How far the page scrolls sideways (0 when it fits the viewport). */
    static int sidewaysScroll(Page page) {
        return ((Number) page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")).intValue();
    }

    /**
     * Every visible tap target smaller than 44x44 CSS pixels: links, buttons, fields, menu toggles;
     * a checkbox or radio counts by its label (the label is what a finger hits). Each as
     * "what (width x height)".
     */
    @SuppressWarnings("unchecked")
    static List<String> smallTapTargets(Page page) {
        return (List<String>) page.evaluate("""
                () => {
                  const small = [];
                  const seen = new Set();
                  document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary').forEach(el => {
                    let target = el;
                    if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) target = el.closest('label');
                    if (seen.has(target)) return;
                    seen.add(target);
                    const r = target.getBoundingClientRect();
                    const style = getComputedStyle(target);
                    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') return;
                    if (r.width < 43.5 || r.height < 43.5) {
                      const name = (target.innerText || target.value || target.name || target.id || '').trim().slice(0, 40);
                      small.push(target.tagName.toLowerCase() + ' "' + name + '" (' + Math.round(r.width) + 'x' + Math.round(r.height) + ')');
                    }
                  });
                  return small;
                }""");
    }

    /**
     * The smallest visible tap target on the page, for the notes: the one whose shorter side is
     * shortest (ties: the smaller area), as [width, height, "what"], counted the way
     * {@link #smallTapTargets} counts them. [0, 0, "none"] on a page without any.
     */
    @SuppressWarnings("unchecked")
    static List<Object> smallestTapTarget(Page page) {
        return (List<Object>) page.evaluate("""
                () => {
                  let best = null;
                  const seen = new Set();
                  document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary').forEach(el => {
                    let t = el;
                    if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) t = el.closest('label');
                    if (seen.has(t)) return;
                    seen.add(t);
                    const r = t.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0 || getComputedStyle(t).visibility === 'hidden') return;
                    const side = Math.min(r.width, r.height);
                    if (!best || side < best.side || (side === best.side && r.width * r.height < best.area)) {
                      const name = (t.innerText || t.value || t.name || t.id || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
                      best = { side, area: r.width * r.height, w: r.width, h: r.height,
                               what: t.tagName.toLowerCase() + ' "' + name + '"' };
                    }
                  });
                  return best ? [Math.round(best.w), Math.round(best.h), best.what] : [0, 0, 'none'];
                }""");
    }

    /**
     * Codes on screen instead of words: every word of the page's visible text (options included) that
     * is a constant of one of the given enums, or that looks like one (capitals joined by an
     * underscore, such as DEEMED_EXCLUDED). Each as "WORD in \"...its line...\"".
     */
    @SuppressWarnings("unchecked")
    static List<String> rawCodes(Page page, java.util.Collection<String> enumNames) {
        return (List<String>) page.evaluate("""
                names => {
                  const known = new Set(names);
                  const found = [];
                  // the text as written (innerText would give a heading's CSS capitals), of what is shown;
                  // a select's options count when the select is shown
                  const lines = [];
                  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    const el = n.parentElement;
                    if (!el || el.closest('script, style, template, noscript')) continue;
                    const shown = el.closest('select') || el;
                    if (!shown.checkVisibility()) continue;
                    lines.push(...n.nodeValue.split('\\n'));
                  }
                  for (const line of lines) {
                    // a word on its own: part of a code such as SZ-HUB or TX1-STORE is not a state
                    for (const m of line.matchAll(/(?<![A-Za-z0-9_#-])[A-Z][A-Z0-9_]+(?![A-Za-z0-9_-])/g)) {
                      const w = m[0];
                      if (known.has(w) || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(w)) {
                        found.push(w + ' in "' + line.trim().slice(0, 80) + '"');
                      }
                    }
                  }
                  return [...new Set(found)];
                }""", new java.util.ArrayList<>(enumNames));
    }

    /**
     * The names of the states, kinds, routes, clock standings and statuses users must never see as
     * such (item 2 of #14), except those whose words are the same letters (PSU, RMA).
     */
    static java.util.Set<String> enumNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Class<? extends Enum<?>> e : List.<Class<? extends Enum<?>>>of(app.rigtrail.repair.domain.TicketState.class,
                app.rigtrail.repair.domain.RmaState.class, app.rigtrail.repair.domain.RepairRoute.class,
                app.rigtrail.logistics.domain.ShipmentState.class, app.rigtrail.logistics.domain.ShipmentKind.class,
                app.rigtrail.logistics.domain.HoldKind.class, app.rigtrail.logistics.domain.HoldOutcome.class,
                app.rigtrail.logistics.domain.CustomsClocks.Standing.class, app.rigtrail.fleet.domain.MinerStatus.class,
                app.rigtrail.fleet.domain.ComponentKind.class, app.rigtrail.fleet.domain.LocationKind.class,
                app.rigtrail.fleet.domain.Vendor.class, app.rigtrail.availability.domain.BacklogStage.class,
                app.rigtrail.alerts.domain.AlertKind.class, app.rigtrail.growth.domain.MachineOrderState.class)) {
            for (Enum<?> c : e.getEnumConstants()) {
                names.add(c.name());
            }
        }
        names.removeAll(java.util.Set.of("PSU", "RMA"));
        return names;
    }

    /** Logs in on Keycloak's own login page and returns on the app's home page. */
    static void logIn(Page page, String user, String password) {
        page.navigate(APP + "/");
        page.waitForURL(url -> url.startsWith(KEYCLOAK + "/realms/rigtrail/"));
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(APP));
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** A bearer token from Keycloak (password grant on the test-only client), for reading ids through the API. */
    static String token(String user) throws Exception {
        return tokenFrom("grant_type=password&client_id=" + TEST_CLIENT + "&client_secret=" + enc(TEST_CLIENT_SECRET)
                + "&username=" + enc(user) + "&password=" + enc(user));
    }

    /** The realm's token endpoint's answer to a form, as it came. */
    static HttpResponse<String> tokenResponse(String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(KEYCLOAK + "/realms/rigtrail/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The access token Keycloak answers a form with. */
    static String tokenFrom(String form) throws Exception {
        HttpResponse<String> r = tokenResponse(form);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no token from Keycloak: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static String api(String user, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(APP + path))
                .header("Authorization", "Bearer " + token(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The first number after "key": in a JSON text, enough for picking ids out of an API answer. */
    static long firstLong(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
