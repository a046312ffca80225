package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Logistics opens the holds board: open holds against their clocks, the dwell curve drawn, a port filter. */
class HoldsBoardE2eTest {

    static TabletBrowser browser;

    @BeforeAll
    static void open() {
        browser = new TabletBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void logisticsReadsTheHoldsBoard() {
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "logi", "logi");
            page.navigate(TabletBrowser.APP + "/holds");
            assertThat(page.locator("h1")).containsText("Open customs holds");
            int rows = page.locator("#holds-board tbody tr.clock-row").count();
            assertTrue(rows > 0, "the demo history leaves some holds open");
            assertEquals(Boolean.TRUE, page.evaluate("window.__dwellChartReady === true"), "the chart script ran");
            assertTrue(page.locator("#dwell-chart").boundingBox().height > 100, "the chart is drawn");
            TabletBrowser.shot(page, "logistics-holds-board");

            String port = page.locator("#holds-board tbody tr.clock-row td:nth-child(2)").first().textContent();
            page.selectOption("#port", port);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).tap();
            page.waitForURL(url -> url.contains("port=" + port));
            List<String> ports = page.locator("#holds-board tbody tr.clock-row td:nth-child(2)").allTextContents();
            assertTrue(!ports.isEmpty() && ports.stream().allMatch(port::equals), ports.toString());

            page.locator("#holds-board tbody tr.clock-row a").first().tap();
            page.waitForURL(url -> url.matches(".*/shipments/\\d+$"));
            assertThat(page.locator("main")).containsText("Hold H-");
            assertThat(page.locator("main")).containsText("Record decision");
        }
    }
}
