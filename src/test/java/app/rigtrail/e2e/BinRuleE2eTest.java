package app.rigtrail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Bitmain's bin rule on the tablet (#14 item 6): the bins are recorded on the component pages, and a
 * swap that would mix a board of another bin into the chassis is refused with the vendor's reason and
 * a link to the spare; the ticket stays where it was and the refused action can be discarded.
 */
class BinRuleE2eTest {

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

    /** A ticket on a failed hashboard of a Bitmain TX1 miner with a fitting spare: {ticket, spare id} plus the serial and the other boards. */
    record Setup(long ticket, long spareId, String spareSerial, List<Long> otherBoards) {
    }

    static Setup bitmainTicketWithASpare() throws Exception {
        long tx1 = TabletBrowser.firstLong(TabletBrowser.api("tech-tx", "/api/sites?q=TX1"), "id");
        String open = TabletBrowser.api("tech-tx", "/api/tickets?open=true&size=500");
        JsonNode miners = JSON.readTree(TabletBrowser.api("tech-tx", "/api/miners?status=HASHING&size=500&site=" + tx1))
                .path("items");
        for (JsonNode m : miners) {
            long miner = m.path("id").asLong();
            if (!"BITMAIN".equals(m.path("vendor").asText()) || open.contains("\"minerId\":" + miner + ",")) {
                continue;
            }
            List<Long> boards = new ArrayList<>();
            for (JsonNode c : JSON.readTree(TabletBrowser.api("tech-tx", "/api/miners/" + miner)).path("components")) {
                if ("HASHBOARD".equals(c.path("kind").asText())) {
                    boards.add(c.path("id").asLong());
                }
            }
            if (boards.size() < 2) {
                continue;
            }
            String body = "{\"minerId\":" + miner + ",\"symptom\":\"Hashboard not detected (bin check)\","
                    + "\"failedComponentIds\":[" + boards.get(0) + "]}";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TabletBrowser.APP
                    + "/api/tickets")).header("Authorization", "Bearer " + TabletBrowser.token("tech-tx"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                continue;
            }
            long ticket = JSON.readTree(r.body()).path("id").asLong();
            for (JsonNode s : JSON.readTree(TabletBrowser.api("tech-tx", "/api/tickets/" + ticket + "/spares"))) {
                if ("HASHBOARD".equals(s.path("kind").asText())) {
                    return new Setup(ticket, s.path("id").asLong(), s.path("serial").asText(), boards.subList(1, boards.size()));
                }
            }
        }
        throw new IllegalStateException("no untouched Bitmain TX1 miner with two hashboards and a spare on the shelf");
    }

    static void recordBin(Page page, long component, String bin) {
        page.navigate(TabletBrowser.APP + "/components/" + component);
        page.fill("#f-bin", bin);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record bin")).tap();
        assertThat(page.locator("#component-bin")).hasText(bin);
    }

    @Test
    void aSwapThatMixesBinsIsRefusedWithTheVendorsReasonAndNothingMoves() throws Exception {
        Setup s = bitmainTicketWithASpare();
        try (BrowserContext tablet = browser.tablet()) {
            Page page = tablet.newPage();
            TabletBrowser.logIn(page, "tech-tx", "tech-tx");
            for (long board : s.otherBoards()) {
                recordBin(page, board, "B1");
            }
            recordBin(page, s.spareId(), "B2");

            page.navigate(TabletBrowser.APP + "/tickets/" + s.ticket());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start diagnosis")).tap();
            assertThat(page.locator("#ticket-state")).hasText("Diagnosing");
            page.fill("#f-diagnosis", "Board 1 dead");
            page.selectOption("#f-spare", s.spareSerial());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Swap and resolve")).tap();

            assertThat(page.locator(".outbox-item.refused")).hasCount(1);
            assertThat(page.locator("#ticket-message")).containsText("Spare " + s.spareSerial() + " cannot go into");
            assertThat(page.locator("#ticket-message")).containsText(
                    "Bitmain voids the warranty of a chassis whose hashboards come from different bins");
            assertThat(page.locator("#ticket-message")).containsText("ask an admin to override");
            assertThat(page.locator("#ticket-message a")).hasAttribute("href", "/components/" + s.spareId());
            assertThat(page.locator("#ticket-state")).hasText("Diagnosing");
            assertThat(page.locator(".outbox-item.refused button")).hasText(new String[] {"Discard"});
            TabletBrowser.shot(page, "bin-mix-refused");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Discard")).tap();
            assertThat(page.locator(".outbox-item")).hasCount(1); // only "Start diagnosis: sent" is left
        }
        JsonNode t = JSON.readTree(TabletBrowser.api("tech-tx", "/api/tickets/" + s.ticket()));
        assertEquals("DIAGNOSING", t.path("ticket").path("state").asText());
        JsonNode spare = JSON.readTree(TabletBrowser.api("tech-tx", "/api/components/" + s.spareId()));
        assertEquals("STOCK", spare.path("component").path("locationKind").asText(), "the spare stays on the shelf: " + spare);
    }
}
