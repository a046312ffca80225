package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * A manager opens the dashboard, reads the headline and the charts, clicks a segment of the backlog
 * chart, lands on the items behind it and exports them as CSV; the filters stay in the address.
 */
class DashboardE2eTest {

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
    @SuppressWarnings("unchecked")
    void aManagerDrillsIntoABacklogSegmentAndExportsItsItems() {
        try (BrowserContext screen = browser.desktop()) {
            Page page = screen.newPage();
            TabletBrowser.logIn(page, "mgr", "mgr");
            page.navigate(TabletBrowser.APP + "/dashboard");
            assertThat(page.locator("h1")).containsText("Availability and repair backlog");
            assertThat(page.locator("#hl-hashrate")).containsText("PH/s");
            assertThat(page.locator("canvas[data-drawn=true]")).hasCount(5);
            assertThat(page.locator("#backlog-total")).not().hasText("0");
            TabletBrowser.shot(page, "manager-dashboard");
            page.screenshot(new Page.ScreenshotOptions().setPath(TabletBrowser.SHOTS.resolve("manager-dashboard-top.png")));
            // the centre of the first bar segment with items, in page coordinates
            Map<String, Object> target = (Map<String, Object>) page.evaluate("""
                    () => {
                      const chart = window.__dashboardCharts['chart-backlog'];
                      chart.canvas.scrollIntoView({ block: 'center' });
                      const box = chart.canvas.getBoundingClientRect();
                      for (let d = 0; d < chart.data.datasets.length; d++) {
                        const counts = chart.data.datasets[d].data;
                        for (let i = 0; i < counts.length; i++) {
                          if (counts[i] > 0) {
                            const bar = chart.getDatasetMeta(d).data[i];
                            return { x: box.left + bar.x, y: box.top + (bar.y + bar.base) / 2,
                                     stage: chart.data.datasets[d].label, site: chart.data.labels[i], count: counts[i] };
                          }
                        }
                      }
                      return null;
                    }""");
            assertTrue(target != null, "a backlog segment with items");
            page.mouse().click(((Number) target.get("x")).doubleValue(), ((Number) target.get("y")).doubleValue());
            page.waitForURL(url -> url.contains("/dashboard/backlog/items?") && url.contains("site=" + target.get("site")));
            assertThat(page.locator("h1")).hasText((String) target.get("stage"));
            Locator rows = page.locator("#backlog-items tbody tr");
            assertEquals(Math.min(200, ((Number) target.get("count")).intValue()), rows.count(),
                    "the segment's items are listed (the first 200 on the page)");
            assertThat(rows.first()).containsText((String) target.get("site"));
            TabletBrowser.shot(page, "manager-dashboard-backlog-items");
            Download csv = page.waitForDownload(() -> page.locator("#list-csv").click());
            try {
                List<String> lines = Files.readAllLines(csv.path());
                assertTrue(lines.get(0).startsWith("Age (days),Stage,Site,Vendor,Model,Machine,Ticket"), lines.get(0));
                assertEquals(((Number) target.get("count")).intValue() + 1, lines.size(), "one line per item after the header");
                assertTrue(lines.get(1).contains("," + target.get("stage") + "," + target.get("site") + ","), lines.get(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the view is in the address: back on the dashboard with the site kept
            page.locator("a", new Page.LocatorOptions().setHasText("Back to the dashboard")).click();
            assertThat(page.locator("#site")).hasValue((String) target.get("site"));
            assertThat(page.locator("canvas[data-drawn=true]")).hasCount(5);
        }
    }
}
