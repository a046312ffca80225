package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The tablet journeys of #14 in a 1024x768 touch viewport: the offline journey (go offline, diagnose
 * and swap, reload, come back: both moves sent once), a conflict between two tablets shown and
 * resolved, times in the site's zone.
 */
class TabletJourneysE2eTest {

    static TabletBrowser browser;

    @BeforeAll
    static void open() {
        browser = new TabletBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    /** Opens a hashboard ticket on an untouched TX1 miner through the API; returns the ticket id. */
    static long freshTicket(String symptom) throws Exception {
        long tx1 = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/sites?q=TX1"), "id");
        String open = TabletBrowser.api("tech-tx", "/api/tickets?open=true&size=500");
        String miners = TabletBrowser.api("tech-tx", "/api/miners?status=HASHING&size=500&site=" + tx1);
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)\\s*,\\s*\"serial\"").matcher(miners);
        while (m.find()) {
            long miner = Long.parseLong(m.group(1));
            if (open.contains("\"minerId\":" + miner + ",")) {
                continue;
            }
            String detail = TabletBrowser.api("tech-tx", "/api/miners/" + miner);
            Matcher hb = Pattern.compile("\"id\"\\s*:\\s*(\\d+)\\s*,\\s*\"serial\"\\s*:\\s*\"[^\"]+\"\\s*,\\s*\"partNumber\"\\s*:\\s*\"[^\"]+\"\\s*,\\s*\"kind\"\\s*:\\s*\"HASHBOARD\"")
                    .matcher(detail);
            if (!hb.find()) {
                continue;
            }
            String body = "{\"minerId\":" + miner + ",\"symptom\":\"" + symptom + "\",\"failedComponentIds\":[" + hb.group(1) + "]}";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TabletBrowser.APP
                    + "/api/tickets")).header("Authorization", "Bearer " + TabletBrowser.token("tech-tx"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return TabletBrowser.firstLong(r.body(), "id");
            }
        }
        throw new IllegalStateException("no untouched TX1 miner with a hashboard");
    }

    /** Moves a ticket through the API as tech-tx (the answer must be 200). */
    static void move(long ticket, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TabletBrowser.APP
                + "/api/tickets/" + ticket + "/transitions")).header("Authorization", "Bearer " + TabletBrowser.token("tech-tx"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moving ticket " + ticket + " with " + json + ": " + r.statusCode() + " " + r.body());
        }
    }

    static List<String> moves(Page page) {
        return page.locator("#timeline li strong:not(.note)").allTextContents();
    }

    /** Waits until the service worker controls the page and keeps a copy of it (polled: the check is async). */
    static void waitUntilKept(Page page) {
        for (int i = 0; i < 100; i++) {
            Object kept = page.evaluate("""
                    async () => !!(navigator.serviceWorker && navigator.serviceWorker.controller
                      && await caches.match(location.href, { ignoreVary: true }))""");
            if (Boolean.TRUE.equals(kept)) {
                return;
            }
            page.waitForTimeout(200);
        }
        throw new AssertionError("the service worker did not keep " + page.url() + " within 20 s");
    }

    @Test
    void offlineDiagnoseAndSwapAreQueuedSurviveAReloadAndAreSentOnce() throws Exception {
        long ticket = freshTicket("Hashboard not detected (offline)");
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            page.navigate(TabletBrowser.APP + "/tickets/" + ticket);
            assertThat(page.locator("#ticket-state")).hasText("Open");
            waitUntilKept(page);

            tablet.setOffline(true);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start diagnosis")).tap();
            assertThat(page.locator(".outbox-item.queued")).hasCount(1);
            assertThat(page.locator("#outbox")).containsText("Offline");
            assertThat(page.locator("#f-diagnosis")).isVisible();
            page.fill("#f-diagnosis", "No chips on chain 2 (typed offline)");
            String spare = page.locator("#f-spare option").nth(1).getAttribute("value");
            page.selectOption("#f-spare", spare);
            TabletBrowser.shot(page, "offline-1-queued-diagnosis");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Swap and resolve")).tap();
            assertThat(page.locator(".outbox-item.queued")).hasCount(2);

            page.reload();
            assertThat(page.locator(".outbox-item.queued")).hasCount(2);
            assertThat(page.locator("#f-diagnosis")).hasValue("No chips on chain 2 (typed offline)");
            assertThat(page.locator("#timeline li.queued")).hasCount(2);
            TabletBrowser.shot(page, "offline-2-after-reload");

            tablet.setOffline(false);
            page.evaluate("() => window.dispatchEvent(new Event('online'))");
            assertThat(page.locator(".outbox-item.sent")).hasCount(2, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(20000));
            assertThat(page.locator("#ticket-state")).hasText("Resolved");
            TabletBrowser.shot(page, "offline-3-sent");
            page.reload();
            assertEquals(List.of("New → Open", "Open → Diagnosing", "Diagnosing → Resolved"), moves(page));
            assertThat(page.locator("#ticket")).containsText("replaced by " + spare);
        }
        String events = TabletBrowser.api("tech-tx", "/api/tickets/" + ticket);
        assertEquals(1, count(events, "\"toState\":\"DIAGNOSING\""), "diagnosed once");
        assertEquals(1, count(events, "\"toState\":\"RESOLVED\""), "resolved once");
    }

    @Test
    void aConflictBetweenTwoTabletsIsShownNamingTheOtherChangeAndResolved() throws Exception {
        long ticket = freshTicket("Two tablets");
        try (BrowserContext a = browser.tablet(); BrowserContext b = browser.tablet()) {
            Page pa = a.newPage();
            Page pb = b.newPage();
            TabletBrowser.logIn(pa, "tech-tx", "tech-tx");
            TabletBrowser.logIn(pb, "tech-tx", "tech-tx");
            pa.navigate(TabletBrowser.APP + "/tickets/" + ticket);
            pb.navigate(TabletBrowser.APP + "/tickets/" + ticket);
            pb.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start diagnosis")).tap();
            assertThat(pb.locator("#ticket-state")).hasText("Diagnosing");

            // tablet A still shows the ticket as it was and moves it too
            pa.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start diagnosis")).tap();
            assertThat(pa.locator(".outbox-item.conflict")).hasCount(1);
            assertThat(pa.locator(".outbox-item.conflict")).containsText("was changed by tech-tx (Open → Diagnosing");
            assertThat(pa.locator("#ticket-state")).hasText("Diagnosing");
            TabletBrowser.shot(pa, "conflict-1-shown");
            pa.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Keep their change (discard mine)")).tap();
            assertThat(pa.locator(".outbox-item")).hasCount(0);
            TabletBrowser.shot(pa, "conflict-2-resolved");
            pa.reload();
            assertEquals(List.of("New → Open", "Open → Diagnosing"), moves(pa));
        }
    }

    @Test
    void timesShowInTheSitesZone() throws Exception {
        long ticket = freshTicket("Times");
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            page.navigate(TabletBrowser.APP + "/tickets/" + ticket);
            String opened = page.locator("dl.facts").textContent();
            assertTrue(opened.matches("(?s).*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} C[SD]T by tech-tx.*"), opened);
        }
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
