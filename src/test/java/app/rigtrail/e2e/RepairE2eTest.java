package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * On a tablet, a technician logs a failed hashboard, swaps it from a spare and resolves the ticket;
 * each move happens in place (htmx) and the timeline shows every step. The screenshots feed
 * docs/technician-guide.md.
 */
class RepairE2eTest {

    static TabletBrowser browser;

    @BeforeAll
    static void open() {
        browser = new TabletBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    /** A hashing TX1 miner of the technician's that has no open ticket. */
    static String freshSerial() throws Exception {
        long tx1 = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/sites?q=TX1"), "id");
        String open = TabletBrowser.api("tech-tx", "/api/tickets?open=true&size=500");
        String miners = TabletBrowser.api("tech-tx", "/api/miners?status=HASHING&size=500&site=" + tx1);
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)\\s*,\\s*\"serial\"\\s*:\\s*\"([^\"]+)\"").matcher(miners);
        while (m.find()) {
            if (!open.contains("\"minerId\":" + m.group(1) + ",")) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no untouched hashing miner at TX1");
    }

    @Test
    void technicianLogsAFailedHashboardSwapsItAndResolves() throws Exception {
        String serial = freshSerial();
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open a ticket")).first().tap();
            page.fill("#q", serial);
            TabletBrowser.shot(page, "repair-1-find-miner");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).tap();
            page.locator("label", new Page.LocatorOptions().setHasText("Hashboard 1")).locator("input").tap();
            page.fill("#f-symptom", "Hashboard not detected");
            page.fill("#f-errors", "ERROR_SOC_INIT");
            TabletBrowser.shot(page, "repair-2-open-ticket");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open ticket")).tap();
            page.waitForURL(url -> url.matches(".*/tickets/\\d+$"));
            assertThat(page.locator("#ticket-state")).hasText("Open");

            // moves happen in place: a marker set on this page survives them
            page.evaluate("window.__samePage = true");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start diagnosis")).tap();
            assertThat(page.locator("#ticket-state")).hasText("Diagnosing");
            page.fill("#f-diagnosis", "No chips found on chain 1; board is dead");
            TabletBrowser.shot(page, "repair-3-diagnosis");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Wait for a spare")).tap();
            assertThat(page.locator("#ticket-state")).hasText("Waiting for a spare");

            String spare = page.locator("#f-spare option").nth(1).getAttribute("value");
            page.selectOption("#f-spare", spare);
            page.fill("#f-note", "swapped from the TX1 shelf");
            TabletBrowser.shot(page, "repair-4-pick-spare");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Swap and resolve")).tap();
            assertThat(page.locator("#ticket-state")).hasText("Resolved");
            assertEquals(Boolean.TRUE, page.evaluate("window.__samePage === true"), "no full page reload");

            List<String> steps = page.locator("#timeline li strong:not(.note)").allTextContents();
            assertEquals(List.of("New → Open", "Open → Diagnosing", "Diagnosing → Waiting for a spare",
                    "Waiting for a spare → Resolved"), steps);
            assertThat(page.locator("#ticket")).containsText("replaced by " + spare);
            TabletBrowser.shot(page, "repair-5-resolved");

            String ticketUrl = page.url();
            String ticketId = ticketUrl.substring(ticketUrl.lastIndexOf('/') + 1);

            // the spare left the store's shelf through the ticket: the ledger shows the issue
            long store = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/stock/locations")
                    .replaceFirst("(?s).*?(\\{[^{}]*\"code\"\\s*:\\s*\"TX1-STORE\"[^{}]*\\}).*", "$1"), "id");
            String partNumber = TabletBrowser.api("admin", "/api/components?q=" + spare)
                    .replaceFirst("(?s).*?\"partNumber\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            long part = TabletBrowser.firstLong(TabletBrowser.api("admin", "/api/parts?q=" + partNumber), "id");
            page.navigate(TabletBrowser.APP + "/stock/ledger?location=" + store + "&part=" + part);
            assertThat(page.locator("main")).containsText("ticket #" + ticketId);
            assertEquals(page.locator("#on-hand").textContent(), page.locator("#ledger-balance").textContent());
            TabletBrowser.shot(page, "repair-6-stock-ledger");
            page.navigate(ticketUrl);

            page.locator("#ticket a[href^='/miners/']").first().tap();
            assertThat(page.locator("h1 .status")).hasText("Hashing");
            assertThat(page.locator("main")).containsText(spare);
            assertTrue(page.url().matches(".*/miners/\\d+$"));
        }
    }
}
