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

/** A manager runs the three built-in scenarios in the studio and sees three availability bands side by side. */
class ForecastStudioE2eTest {

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
    void aManagerRunsTheThreeBuiltInScenariosAndSeesThreeBands() {
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "mgr", "mgr");
            page.navigate(TabletBrowser.APP + "/forecasts");
            assertThat(page.locator("h1")).containsText("Scenario studio");
            assertEquals(3, page.locator("input[name=scenario]:checked").count(), "the three built-ins are picked");
            page.locator("#horizonDays").fill("180");
            page.locator("#replications").fill("500");
            page.locator("#seed").fill("2027");
            page.locator("#run-button").tap();
            assertThat(page.locator("#run-progress")).isVisible();
            page.waitForURL(url -> url.matches(".*/forecasts/\\d+$"),
                    new Page.WaitForURLOptions().setTimeout(120_000));
            assertThat(page.locator("#seed")).hasText("2027");
            assertThat(page.locator("#fans figure.fan")).hasCount(3);
            Object bands = page.evaluate("""
                    window.__forecastCharts
                      .filter(c => c.canvas.dataset.band === 'availability')
                      .map(c => ({ fill: c.data.datasets[0].fill, days: c.data.datasets[0].data.length,
                                   below: c.data.datasets[1].data.every((v, i) => v <= c.data.datasets[0].data[i]),
                                   drawn: c.chartArea.height > 50 }))""");
            String b = String.valueOf(bands);
            assertEquals(3, b.split("fill=\\+1").length - 1, "three P10-P90 bands: " + b);
            assertTrue(b.contains("days=180") && !b.contains("below=false") && !b.contains("drawn=false"), b);
            // side-by-side panels of one kind share one y-axis (#14 item 8)
            assertEquals(List.of("fans 3 charts, 1 y-range", "backlogs 3 charts, 1 y-range", "differences 2 charts, 1 y-range"),
                    page.evaluate("""
                    ['fans', 'backlogs', 'differences'].map(id => {
                      const cs = window.__forecastCharts.filter(c => c.canvas.closest('#' + id));
                      return id + ' ' + cs.length + ' charts, ' + new Set(cs.map(c => c.scales.y.min + '/' + c.scales.y.max)).size + ' y-range';
                    })"""));
            assertThat(page.locator("#difference-table tbody tr")).hasCount(2);
            assertThat(page.locator("#totals tbody tr")).hasCount(3);
            assertThat(page.locator("#totals")).containsText("Entity list");
            TabletBrowser.shot(page, "manager-forecast-three-scenarios");
            com.microsoft.playwright.Download csv = page.waitForDownload(() -> page.locator("#csv-link").tap());
            try {
                String text = java.nio.file.Files.readString(csv.path());
                assertTrue(text.startsWith("scenario_id,scenario,group,name,metric,date,mean,p10,p50,p90"), text.substring(0, 80));
                assertTrue(text.contains("Entity list,fleet,fleet,availabilityHashrate,"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
