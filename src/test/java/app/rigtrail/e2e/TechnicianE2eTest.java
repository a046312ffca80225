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
import com.microsoft.playwright.Response;

/** A technician logs in on Keycloak, sees only their sites, and is refused another site's miner. */
class TechnicianE2eTest {

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
    void technicianSeesOnlyTheirSitesAndIsRefusedAnotherSitesMiner() throws Exception {
        long nd1 = TabletBrowser.firstLong(TabletBrowser.api("admin", "/api/sites?q=ND1"), "id");
        long nd1Miner = TabletBrowser.firstLong(TabletBrowser.api("admin", "/api/miners?size=1&site=" + nd1), "id");

        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            assertThat(page.locator("h2")).containsText(new String[] {"Your sites"});
            assertThat(page.locator("main")).containsText("TX1");
            assertThat(page.locator("main")).containsText("TX2");
            assertThat(page.locator("main")).not().containsText("ND1");
            TabletBrowser.shot(page, "technician-home");

            page.navigate(TabletBrowser.APP + "/miners");
            List<String> sites = page.locator("tbody tr td:nth-child(4)").allTextContents();
            assertTrue(!sites.isEmpty(), "the technician's miners are listed");
            assertTrue(sites.stream().allMatch(s -> s.equals("TX1") || s.equals("TX2")), sites.toString());
            TabletBrowser.shot(page, "technician-miners");

            Response refused = page.navigate(TabletBrowser.APP + "/miners/" + nd1Miner);
            assertEquals(403, refused.status());
            assertThat(page.locator("h1")).hasText("Site not assigned");
            TabletBrowser.shot(page, "technician-refused");

            page.navigate(TabletBrowser.APP + "/sites/" + nd1);
            assertThat(page.locator("h1")).hasText("Site not assigned");
        }
    }

    @Test
    void aScannedSerialOpensTheMiner() throws Exception {
        long tx1 = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/sites?q=TX1"), "id");
        String miners = TabletBrowser.api("tech-tx", "/api/miners?size=1&site=" + tx1);
        String serial = miners.replaceFirst("(?s).*?\"serial\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            page.fill("#scan", serial);
            page.locator("button", new Page.LocatorOptions().setHasText("Find miner")).tap();
            page.waitForURL(url -> url.matches(".*/miners/\\d+$"));
            assertThat(page.locator("main")).containsText(serial);
            // (a miner with open tickets lists them first, #14)
            assertThat(page.locator("h2", new Page.LocatorOptions().setHasText("Components"))).isVisible();
            TabletBrowser.shot(page, "technician-miner");
        }
    }
}
