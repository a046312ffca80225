package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * #14 items 2 and 7 in the browser: a tap anywhere on a list row opens its object (not only on the
 * number in its first cell), and a move that ends a ticket asks first, saying what will happen;
 * declined, nothing moves.
 */
class RowsAndConfirmationsE2eTest {

    static TabletBrowser browser;

    @BeforeAll
    static void open() {
        browser = new TabletBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    /**
     * Taps the first plain cell (no link, button or field in it: not the number's cell) of the list's
     * first row; returns where the browser went and where the row said.
     */
    static String[] tapFirstRow(Page page, String path) {
        page.navigate(TabletBrowser.APP + path);
        Locator row = page.locator("main tbody tr[data-href]").first();
        String href = row.getAttribute("data-href");
        row.locator("td:not(:has(a, button, input, select, textarea))").first().tap();
        page.waitForURL(url -> !url.equals(TabletBrowser.APP + path));
        return new String[] {page.url(), TabletBrowser.APP + href};
    }

    /** A machine order, so that the orders list has a row (the demo data place none in production). */
    static void placeAnOrder() throws Exception {
        if (TabletBrowser.api("logi", "/api/machine-orders?size=1").contains("\"id\"")) {
            return;
        }
        long model = TabletBrowser.firstLong(TabletBrowser.api("logi", "/api/miner-models?size=100"), "id");
        long site = TabletBrowser.firstLong(TabletBrowser.api("logi", "/api/sites?q=TX1"), "id");
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(TabletBrowser.APP + "/api/machine-orders"))
                .header("Authorization", "Bearer " + TabletBrowser.token("logi")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"modelId\":" + model + ",\"siteId\":" + site
                        + ",\"quantity\":10,\"unitPriceCents\":1500000,\"quotedLeadDays\":42}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void aTapAnywhereOnAListRowOpensItsObject() throws Exception {
        placeAnOrder();
        List<String> wrong = new ArrayList<>();
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            for (String path : List.of("/tickets", "/miners", "/rma-cases", "/stock")) {
                String[] went = tapFirstRow(page, path);
                if (!went[0].equals(went[1])) {
                    wrong.add("technician " + path + ": went to " + went[0] + ", the row is " + went[1]);
                }
            }
        }
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "logi", "logi");
            for (String path : List.of("/shipments", "/holds", "/components", "/machine-orders")) {
                String[] went = tapFirstRow(page, path);
                if (!went[0].equals(went[1])) {
                    wrong.add("logistics " + path + ": went to " + went[0] + ", the row is " + went[1]);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void cancellingATicketAsksFirstSayingWhatHappensAndDeclinedNothingMoves() throws Exception {
        long ticket = TabletJourneysE2eTest.freshTicket("Cancel asks first");
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            page.navigate(TabletBrowser.APP + "/tickets/" + ticket);
            assertThat(page.locator("#ticket-state")).hasText("Open");
            List<String> asked = new ArrayList<>();
            page.onceDialog(d -> {
                asked.add(d.message());
                d.dismiss();
            });
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel ticket")).tap();
            page.waitForTimeout(1000);
            assertEquals(1, asked.size(), "one question before cancelling");
            assertTrue(asked.get(0).contains("cannot be reopened"), asked.get(0));
            assertThat(page.locator("#ticket-state")).hasText("Open");
            assertThat(page.locator(".outbox-item")).hasCount(0);

            page.onceDialog(d -> d.accept());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel ticket")).tap();
            assertThat(page.locator("#ticket-state")).hasText("Cancelled");
            page.reload();
            assertThat(page.locator("#ticket-state")).hasText("Cancelled");
            assertThat(page.locator("#timeline")).containsText(Pattern.compile("Open → Cancelled"));
        }
    }
}
