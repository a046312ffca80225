package app.rigtrail.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Touch and layout (#14 items 2, 7 and 9): every tap target on a technician's page is at least
 * 44x44 px on the tablet, the technician's navigation fits one row at 1024 px, no page scrolls
 * sideways at 1024 or 1440 px, and no page shows a state, kind or route by its code name. The
 * smallest target per page (its size and what it is) is printed and written to
 * target/e2e/tap-targets.txt, for the notes.
 */
class LayoutE2eTest {

    static TabletBrowser browser;
    static final List<String> FIGURES = new ArrayList<>();
    static final java.util.Set<String> CODES = TabletBrowser.enumNames();

    @BeforeAll
    static void open() {
        browser = new TabletBrowser();
    }

    @AfterAll
    static void close() throws Exception {
        browser.close();
        Files.createDirectories(Path.of("target", "e2e"));
        Files.write(Path.of("target", "e2e", "tap-targets.txt"), FIGURES);
        FIGURES.forEach(f -> System.out.println("[layout] " + f));
    }

    static List<String> technicianPages() throws Exception {
        String tickets = TabletBrowser.api("tech-tx", "/api/tickets?open=true&size=1");
        long ticket = TabletBrowser.firstLong(tickets, "id");
        long miner = TabletBrowser.firstLong(tickets, "minerId");
        long component = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/miners/" + miner)
                .replaceFirst("(?s).*?\"components\"", ""), "id");
        long rma = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/rma-cases?size=1"), "id");
        // a ticket being diagnosed: the page with the most controls (routes, spares, where the part goes)
        long diagnosing = TabletJourneysE2eTest.freshTicket("Layout: diagnosing");
        TabletJourneysE2eTest.move(diagnosing, "{\"to\":\"DIAGNOSING\"}");
        String stock = TabletBrowser.api("tech-tx", "/api/stock");
        String ledger = "/stock/ledger?location=" + TabletBrowser.firstLong(stock, "locationId") + "&part="
                + TabletBrowser.firstLong(stock, "partId");
        return List.of("/", "/tickets", "/tickets/new", "/tickets/" + ticket, "/tickets/" + diagnosing, "/miners",
                "/miners/" + miner, "/components/" + component, "/rma-cases", "/rma-cases/" + rma, "/stock", ledger,
                "/alerts", "/alerts/choices");
    }

    static List<String> officePages() throws Exception {
        long shipment = TabletBrowser.firstLong(TabletBrowser.api("logi", "/api/shipments?size=1"), "id");
        long rma = TabletBrowser.firstLong(TabletBrowser.api("logi", "/api/rma-cases?size=1"), "id");
        return List.of("/", "/tickets", "/shipments", "/shipments/" + shipment, "/holds", "/rma-cases",
                "/rma-cases/" + rma, "/stock", "/components", "/miners", "/sites", "/parts", "/hubs", "/models", "/ports",
                "/machine-orders", "/alerts", "/dashboard", "/forecasts", "/admin/users");
    }

    @Test
    void everyTechnicianTapTargetIsAtLeast44PxTheNavigationFitsOneRowAndNoCodeShows() throws Exception {
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            double headerHeight = page.locator("header.top").boundingBox().height;
            assertTrue(headerHeight <= 60, "the technician's navigation is one row: header " + headerHeight + " px");
            List<String> problems = new ArrayList<>();
            for (String path : technicianPages()) {
                page.navigate(TabletBrowser.APP + path);
                page.waitForLoadState();
                List<String> small = TabletBrowser.smallTapTargets(page);
                List<Object> min = TabletBrowser.smallestTapTarget(page);
                FIGURES.add("technician 1024x768 " + path + ": smallest tap target " + min.get(0) + "x" + min.get(1)
                        + " px (" + min.get(2) + "), sideways scroll " + TabletBrowser.sidewaysScroll(page) + " px");
                small.forEach(s -> problems.add(path + ": " + s));
                TabletBrowser.rawCodes(page, CODES).forEach(c -> problems.add(path + ": code on screen " + c));
                if (TabletBrowser.sidewaysScroll(page) > 0) {
                    problems.add(path + ": scrolls sideways by " + TabletBrowser.sidewaysScroll(page) + " px");
                }
                TabletBrowser.shot(page, "layout-tech" + path.replaceAll("[^a-z0-9]+", "-"));
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void officePagesDoNotScrollSidewaysAt1440Or1024AndShowNoCodes() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String user : List.of("logi", "admin")) {
            for (boolean wide : new boolean[] {true, false}) {
                try (BrowserContext screen = wide ? browser.desktop() : browser.tablet()) {
                    Page page = screen.newPage();
                    TabletBrowser.logIn(page, user, user);
                    for (String path : officePages()) {
                        if (user.equals("logi") && (path.equals("/dashboard") || path.equals("/forecasts")
                                || path.equals("/admin/users"))) {
                            continue;
                        }
                        page.navigate(TabletBrowser.APP + path);
                        page.waitForLoadState();
                        page.waitForTimeout(path.equals("/dashboard") ? 1500 : 0);
                        int sideways = TabletBrowser.sidewaysScroll(page);
                        if (wide) {
                            TabletBrowser.rawCodes(page, CODES).forEach(c -> problems.add(user + " " + path
                                    + ": code on screen " + c));
                        }
                        FIGURES.add(user + " " + (wide ? "1440x900 " : "1024x768 ") + path + ": sideways scroll "
                                + sideways + " px");
                        if (sideways > 0) {
                            problems.add(user + " at " + (wide ? 1440 : 1024) + " px " + path + ": " + sideways + " px");
                        }
                        if (wide) {
                            TabletBrowser.shot(page, "layout-" + user + path.replaceAll("[^a-z0-9]+", "-"));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
