package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/** An admin logs in on Keycloak and edits a site through the form. */
class AdminE2eTest {

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
    void adminEditsASite() throws Exception {
        long ok1 = TabletBrowser.firstLong(TabletBrowser.api("admin", "/api/sites?q=OK1"), "id");
        String newName = "Muskogee, Oklahoma (edited " + System.currentTimeMillis() % 100000 + ")";
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "admin", "admin");
            page.navigate(TabletBrowser.APP + "/sites");
            page.locator("a[href='/sites/" + ok1 + "/edit']").tap();
            page.waitForURL(url -> url.endsWith("/sites/" + ok1 + "/edit"));
            page.fill("#f-name", newName);
            page.fill("#f-slotsPerRack", "16");
            TabletBrowser.shot(page, "admin-site-form");
            page.locator("button", new Page.LocatorOptions().setHasText("Save site")).tap();
            page.waitForURL(url -> url.endsWith("/sites/" + ok1));
            assertThat(page.locator("h1")).containsText(newName);
            assertThat(page.locator("main")).containsText("16 slots");

            page.navigate(TabletBrowser.APP + "/sites/" + ok1 + "/edit");
            page.fill("#f-timeZone", "Not/AZone");
            page.locator("button", new Page.LocatorOptions().setHasText("Save site")).tap();
            assertThat(page.locator(".field-error")).containsText("is not a time zone");
            TabletBrowser.shot(page, "admin-site-refused");
        }
    }
}
