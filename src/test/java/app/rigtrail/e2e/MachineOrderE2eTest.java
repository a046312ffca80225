package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

/**
 * Logistics tracks a 200-unit order from the purchase to hashing on an office screen (1440x900): places
 * it, puts it on a delivery, moves the shipment to the port, records the customs hold and its storage
 * fees, the release and the delivery, receives the machines into the registry and commissions them. A
 * manager then reads the orders, sets a target in the capacity plan and sees it on the dashboard.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MachineOrderE2eTest {

    static TabletBrowser browser;

    @BeforeAll
    static void open() {
        browser = new TabletBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    static BrowserContext office() {
        return browser.browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                .setAcceptDownloads(true));
    }

    @Test
    @Order(1)
    void logisticsTracksA200UnitOrderFromOrderToHashing() {
        LocalDate site = LocalDate.now(ZoneId.of("America/Chicago"));
        LocalDate utc = LocalDate.now(ZoneOffset.UTC);
        try (BrowserContext screen = office()) {
            Page page = screen.newPage();
            page.onDialog(d -> d.accept()); // moves that end or go back ask first
            TabletBrowser.logIn(page, "logi", "logi");
            page.navigate(TabletBrowser.APP + "/machine-orders");
            assertThat(page.locator("h1")).containsText("Machine orders");
            page.locator("#new-order").click();
            page.selectOption("#f-modelId", new com.microsoft.playwright.options.SelectOption().setLabel(
                    page.locator("#f-modelId option", new Page.LocatorOptions().setHasText("Bitmain S21 ·")).first()
                            .textContent().trim()));
            page.selectOption("#f-siteId", new com.microsoft.playwright.options.SelectOption().setIndex(
                    indexOf(page.locator("#f-siteId option").allTextContents(), "OK1")));
            page.fill("#f-quantity", "200");
            page.fill("#f-unitPrice", "19,500");
            page.fill("#f-depositPaid", "1170000");
            page.fill("#f-quotedLeadDays", "42");
            page.fill("#f-orderedOn", site.minusDays(70).toString());
            page.selectOption("#f-portId", new com.microsoft.playwright.options.SelectOption().setIndex(
                    indexOf(page.locator("#f-portId option").allTextContents(), "HOU")));
            page.fill("#f-vendorReference", "BM-PO-E2E");
            TabletBrowser.shot(page, "machine-order-new");
            page.locator("#order-form button[type=submit]").click();
            page.waitForURL(url -> url.matches(".*/machine-orders/\\d+$"));
            String order = page.url();
            assertThat(page.locator("#order-state")).hasText("Placed");
            assertThat(page.locator("#u-ordered")).hasText("200");

            page.fill("#d-c", "Maersk");
            page.fill("#d-t", "MSKU-E2E");
            page.fill("#d-s", site.minusDays(20).toString());
            page.locator("#delivery-form button[type=submit]").click();
            assertThat(page.locator("#order-notice")).hasText("Delivery added.");
            assertThat(page.locator("#order-state")).hasText("Being delivered");
            assertThat(page.locator("#delivery-1")).containsText("In transit");

            // the shipment moves like any other: to the port, held by customs with its fees
            page.locator("#delivery-1 a[href^='/shipments/']").click();
            page.locator("button[name=to][value=AT_PORT]").click();
            page.fill("#f-entry", "HOU-E2E-1");
            page.selectOption("#f-holdkind", "OTHER_AGENCY");
            page.fill("#f-presented", utc.minusDays(14).toString());
            page.fill("#f-lfd", utc.minusDays(10).toString());
            page.fill("#f-fee", "3300");
            page.locator("button[name=to][value=HELD]").click();
            page.locator("#shipment-order").click();
            page.waitForURL(url -> url.startsWith(order));
            assertThat(page.locator("#u-customs")).hasText("200");
            assertThat(page.locator("#delivery-1 .hold-fees")).hasText("$33,000.00");
            assertThat(page.locator("#delivery-1")).containsText("$165.00 a machine");
            TabletBrowser.shot(page, "machine-order-in-customs");
            assertThat(page.locator("#delivery-1")).containsText("overdue");

            page.locator("#delivery-1 a[href^='/shipments/']").click();
            page.locator("form[action^='/holds/'] button[type=submit]").click();
            page.locator("button[name=to][value=DELIVERED]").click();
            page.locator("#shipment-order").click();
            page.waitForURL(url -> url.startsWith(order));
            assertThat(page.locator("#delivery-1 .hold-fees")).hasText("$33,000.00");
            page.locator(".receive-generated button").click();
            assertThat(page.locator("#order-notice")).hasText("Received into the registry.");
            assertThat(page.locator("#order-state")).hasText("Delivered, commissioning");
            assertThat(page.locator("#u-waiting")).hasText("200");
            TabletBrowser.shot(page, "machine-order-received");

            assertTrue(page.inputValue("#c-s").matches("\\d+/\\d+/\\d+/\\d+"), "the next free position is offered");
            page.locator("#commission-batch button").click();
            assertThat(page.locator("#order-state")).hasText("Complete");
            assertThat(page.locator("#u-commissioned")).hasText("200");
            assertThat(page.locator("#order-timeline")).containsText("200 machines commissioned at OK1");
            TabletBrowser.shot(page, "machine-order-complete");
            page.screenshot(new Page.ScreenshotOptions().setPath(TabletBrowser.SHOTS.resolve(
                    "machine-order-complete-top.png")));
        }
    }

    @Test
    @Order(2)
    void aManagerReadsTheOrdersSetsThePlanAndSeesItOnTheDashboard() throws Exception {
        try (BrowserContext screen = office()) {
            Page page = screen.newPage();
            TabletBrowser.logIn(page, "mgr", "mgr");
            page.navigate(TabletBrowser.APP + "/machine-orders?site=OK1");
            assertThat(page.locator("#new-order")).hasCount(0);
            assertThat(page.locator("#orders")).containsText("Complete");
            Download csv = page.waitForDownload(() -> page.locator("#orders-csv").click());
            List<String> lines = Files.readAllLines(csv.path());
            assertTrue(lines.get(0).startsWith("Order,Vendor,Model,Site,State"), lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.contains(",BITMAIN,S21,OK1,Complete,200,")), lines.toString());

            String month = YearMonth.now(ZoneOffset.UTC).plusMonths(2).toString();
            page.navigate(TabletBrowser.APP + "/capacity-plan?site=OK1");
            String cell = "input[name='t|OK1|" + month + "']";
            String was = page.inputValue(cell);
            String target = was.isBlank() ? "99" : String.valueOf((int) Double.parseDouble(was) + 1);
            page.fill(cell, target);
            page.fill("#p-reason", "e2e plan");
            page.locator("#plan-form button[type=submit]").click();
            assertThat(page.locator("#plan-notice")).hasText("1 target saved.");
            assertThat(page.locator("#capacity-months")).containsText(month);
            assertThat(page.locator("#chart-capacity[data-plotted=true]")).hasCount(1);
            TabletBrowser.shot(page, "capacity-plan");

            page.navigate(TabletBrowser.APP + "/dashboard?site=OK1");
            assertThat(page.locator("#capacity-progress")).containsText("Installed hashrate against the plan: OK1");
            assertThat(page.locator("#capacity-months")).containsText(target + ".0");
            assertThat(page.locator("#chart-capacity[data-plotted=true]")).hasCount(1);
            assertEquals(Boolean.TRUE, page.evaluate("() => !!window.__capacityCharts['chart-capacity']"));
            page.locator("#capacity-progress").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(TabletBrowser.SHOTS.resolve("manager-dashboard-capacity.png")));
        }
    }

    private static int indexOf(List<String> options, String startsWith) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).trim().startsWith(startsWith)) {
                return i;
            }
        }
        throw new IllegalStateException("no option " + startsWith + " in " + options);
    }
}
