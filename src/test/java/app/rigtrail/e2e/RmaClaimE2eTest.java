package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The RMA claim journey of #14 without a dead end: a technician on the tablet sends a failed board
 * under RMA and saves part of the vendor's claim; logistics, at the office screen, starts the
 * shipment from the case, is refused at pick-up because the claim is incomplete, follows the link to
 * the case, completes the claim, goes back to the shipment by its link and ships it; the case is then
 * shipped with the shipment.
 */
class RmaClaimE2eTest {

    static TabletBrowser browser;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void open() {
        browser = new TabletBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    @Test
    void aTechnicianSavesTheClaimAndLogisticsShipsItWithoutADeadEnd() throws Exception {
        long ticket = TabletJourneysE2eTest.freshTicket("Hashboard not detected (RMA claim)");
        long rma;
        String firstValue = "RMA-E2E-" + ticket;
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            page.navigate(TabletBrowser.APP + "/tickets/" + ticket);
            page.getByRole(AriaRole.BUTTON, named("Start diagnosis")).tap();
            assertThat(page.locator("#ticket-state")).hasText("Diagnosing");
            page.fill("#f-diagnosis", "No chips on chain 1; in warranty");
            page.getByRole(AriaRole.BUTTON, named("Send to a hub under RMA")).tap();
            assertThat(page.locator("#ticket-state")).hasText("Waiting for the RMA shipment");
            page.locator("#ticket a[href^='/rma-cases/']").first().tap();
            page.waitForURL(url -> url.matches(".*/rma-cases/\\d+$"));
            rma = Long.parseLong(page.url().replaceFirst(".*/", ""));

            // the vendor's fields are marked required; the technician saves the first one only
            Locator fields = page.locator("#claim-form .grid input");
            assertEquals(2, fields.count(), "each vendor asks for two claim fields");
            assertThat(page.locator("#claim-form .required").first()).containsText("required by");
            fields.nth(0).fill(firstValue);
            TabletBrowser.shot(page, "rma-1-technician-claim");
            page.getByRole(AriaRole.BUTTON, named("Save claim")).tap();
            assertThat(page.locator(".outbox-item.sent", new Page.LocatorOptions().setHasText("Save claim"))).hasCount(1);
            assertThat(page.locator("#rma-saved")).containsText("Claim saved");
            assertThat(page.locator("#rma-state")).hasText("Open, not shipped");
            assertThat(page.locator("#claim-form .field.missing")).hasCount(1);
            page.reload();
            assertThat(page.locator("#claim-form .grid input").nth(0)).hasValue(firstValue);
        }

        try (BrowserContext office = browser.desktop()) {
            Page page = office.newPage();
            TabletBrowser.logIn(page, "logi", "logi");
            page.navigate(TabletBrowser.APP + "/rma-cases/" + rma);
            assertThat(page.locator("#rma-ship")).containsText("misses required fields");
            page.locator("#rma-new-shipment").click();
            page.waitForURL(url -> url.contains("/shipments/new"));
            assertThat(page.locator("#f-kind")).hasValue("OUTBOUND_TO_HUB");
            assertThat(page.locator("#f-rma")).hasValue(String.valueOf(rma));
            page.fill("#f-carrier", "UPS");
            page.getByRole(AriaRole.BUTTON, named("Create shipment")).click();
            page.waitForURL(url -> url.matches(".*/shipments/\\d+$"));
            String shipmentUrl = page.url();
            assertThat(page.locator("main")).containsText("RMA #" + rma);
            page.getByRole(AriaRole.BUTTON, named("Mark ready for pick-up")).click();
            assertThat(page.locator("#shipment-state")).hasText("Ready for pick-up");

            // refused at pick-up: the message names the case and links to where it is fixed
            page.getByRole(AriaRole.BUTTON, named("Mark picked up")).click();
            assertThat(page.locator("#shipment-message")).containsText("RMA case #" + rma);
            assertThat(page.locator("#shipment-message")).containsText("cannot ship yet");
            TabletBrowser.shot(page, "rma-2-pickup-refused");
            page.locator("#shipment-message a").click();
            page.waitForURL(url -> url.endsWith("/rma-cases/" + rma));
            Locator fields = page.locator("#claim-form .grid input");
            assertThat(fields.nth(0)).hasValue(firstValue);
            fields.nth(1).fill("chain 1 reads no chips at boot");
            page.getByRole(AriaRole.BUTTON, named("Save claim")).click();
            assertThat(page.locator("#rma-saved")).containsText("Claim saved");
            assertThat(page.locator("#claim-form .field.missing")).hasCount(0);

            // back to the shipment by the case's own link, and off it goes
            page.locator("#rma-shipments a").first().click();
            page.waitForURL(shipmentUrl);
            page.getByRole(AriaRole.BUTTON, named("Mark picked up")).click();
            assertThat(page.locator("#shipment-state")).hasText("In transit");
            page.locator("main a[href='/rma-cases/" + rma + "']").click();
            assertThat(page.locator("#rma-state")).hasText("Shipped to the hub");
            assertThat(page.locator("#claim-form")).hasCount(0);
            assertThat(page.locator("main")).containsText(firstValue);
            TabletBrowser.shot(page, "rma-3-shipped");
        }
        JsonNode detail = JSON.readTree(TabletBrowser.api("logi", "/api/rma-cases/" + rma));
        assertEquals("SHIPPED", detail.path("rmaCase").path("state").asText());
        long saves = 0;
        for (JsonNode e : detail.path("events")) {
            saves += "claim updated".equals(e.path("note").asText()) ? 1 : 0;
        }
        assertEquals(2, saves, "two saves, each once: " + detail.path("events"));
    }
}
