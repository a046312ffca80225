package app.rigtrail.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The list pages of #14: search, filters kept in the URL, sorting and paging done by the server. */
@QuarkusTest
class ListPagesTest {

    static List<String> column(String html, String tableId, int cell) {
        String table = html.substring(html.indexOf("id=\"" + tableId + "\""));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        List<String> out = new ArrayList<>();
        for (String row : table.split("<tr")) {
            String[] cells = row.split("<td");
            if (cells.length > cell) {
                out.add(cells[cell].replaceAll("<[^>]+>", " ").replaceFirst("^[^>]*>", "").trim().split("\\s+")[0]);
            }
        }
        return out;
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void ticketsAreSearchedSortedAndPagedWithTheViewInTheUrl() {
        // twelve open tickets at ND1, so that pages of ten have a second page
        for (int i = 0; i < 12; i++) {
            long miner = app.rigtrail.repair.RepairFixturesAccess.freshMiner("ND1");
            long board = app.rigtrail.repair.RepairFixturesAccess.componentOf(miner, "HASHBOARD");
            given().header("Authorization", Tokens.bearer(Tokens.TECH_ND)).contentType("application/json")
                    .body("{\"minerId\":" + miner + ",\"symptom\":\"list " + i + "\",\"failedComponentIds\":[" + board + "]}")
                    .post("/api/tickets").then().statusCode(201);
        }
        String all = given().get("/tickets?site=ND1&size=10").then().statusCode(200).extract().asString();
        Matcher total = Pattern.compile("id=\"list-total\">([0-9,+]+)<").matcher(all);
        assertTrue(total.find());
        long count = Long.parseLong(total.group(1).replace(",", "").replace("+", ""));
        assertTrue(count >= 12, "ND1's open tickets: " + count);
        assertTrue(all.contains("rel=\"next\" href=\"/tickets?site=ND1&amp;size=10&amp;sort=opened&amp;dir=desc&amp;page=1\""),
                "the next page keeps the filter, the size and the sort");
        assertTrue(all.contains("href=\"/tickets?site=ND1&amp;size=10&amp;sort=miner&amp;dir=asc\""), "a column sorts");

        String byMiner = given().get("/tickets?site=ND1&size=10&sort=miner&dir=asc").then().statusCode(200)
                .extract().asString();
        List<String> miners = column(byMiner, "tickets-list", 2);
        assertEquals(10, miners.size());
        List<String> sorted = new ArrayList<>(miners);
        sorted.sort(String::compareTo);
        assertEquals(sorted, miners, "sorted by asset code");
        assertTrue(byMiner.contains("aria-sort=\"ascending\""));
        String second = given().get("/tickets?site=ND1&size=10&sort=miner&dir=asc&page=1").then().statusCode(200)
                .extract().asString();
        List<String> next = column(second, "tickets-list", 2);
        assertTrue(!next.isEmpty() && next.get(0).compareTo(miners.get(9)) >= 0, "page 2 goes on where page 1 ended");

        String number = column(all, "tickets-list", 1).get(3).replace("#", "");
        given().queryParam("q", "#" + number).get("/tickets").then().statusCode(200)
                .body(containsString("href=\"/tickets/" + number + "\""))
                .body(containsString("id=\"list-total\">1<"));
        String asset = miners.get(0);
        given().get("/tickets?q=" + asset.substring(0, asset.length() - 1)).then().statusCode(200)
                .body(containsString(asset));
        // a sort nobody offers falls back to the default instead of failing
        given().get("/tickets?sort=drop+table&dir=sideways&page=-3&size=7").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void holdsSortByFeesInTheDatabaseAsTheClocksCountThem() {
        String page = given().get("/holds?sort=fees&dir=desc").then().statusCode(200).extract().asString();
        List<Double> fees = new ArrayList<>();
        Matcher m = Pattern.compile("<td>\\$([0-9,.]+)").matcher(page);
        while (m.find()) {
            fees.add(Double.parseDouble(m.group(1).replace(",", "")));
        }
        assertTrue(fees.size() > 5, "the demo leaves open holds: " + fees.size());
        for (int i = 1; i < fees.size(); i++) {
            assertTrue(fees.get(i) <= fees.get(i - 1), "fees shown (from CustomsClocks) fall: " + fees);
        }
        given().get("/holds?sort=age&dir=desc").then().statusCode(200).body(containsString("aria-sort=\"descending\""));
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void shipmentsAndRmaCasesAreFoundByNumber() {
        String shipments = given().get("/shipments").then().statusCode(200).extract().asString();
        Matcher s = Pattern.compile("href=\"/shipments/(\\d+)\">S-").matcher(shipments);
        assertTrue(s.find());
        given().get("/shipments?q=S-" + s.group(1)).then().statusCode(200).body(containsString("id=\"list-total\">1<"));
        long rma = app.rigtrail.repair.RepairFixturesAccess.rmaCase("found in the RMA list");
        given().get("/rma-cases").then().statusCode(200).body(containsString("href=\"/rma-cases/" + rma + "\">#"));
        given().queryParam("q", "#" + rma).get("/rma-cases").then().statusCode(200)
                .body(containsString("id=\"list-total\">1<")).body(containsString("href=\"/rma-cases/" + rma + "\""));
        given().queryParam("state", "SHIPPED").queryParam("q", "#" + rma).get("/rma-cases").then().statusCode(200)
                .body(containsString("id=\"list-total\">0<"));
        given().get("/stock?sort=onHand&dir=asc").then().statusCode(200).body(containsString("aria-sort=\"ascending\""));
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void rmaCasesSortByPartAsTheColumnReadsKindThenSerialBothWays() {
        app.rigtrail.repair.RepairFixturesAccess.rmaCase("sorted by part");
        for (String dir : List.of("asc", "desc")) {
            String html = given().get("/rma-cases?sort=part&dir=" + dir + "&size=100").then().statusCode(200)
                    .extract().asString();
            String table = html.substring(html.indexOf("id=\"rma-list\""));
            table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
            List<String> parts = new ArrayList<>();
            Matcher m = Pattern.compile("</a></td><td>([^<]+)</td>").matcher(table);
            while (m.find()) {
                parts.add(m.group(1).trim());
            }
            assertTrue(!parts.isEmpty(), html);
            List<String> sorted = new ArrayList<>(parts);
            sorted.sort(dir.equals("asc") ? String::compareTo : java.util.Comparator.<String>reverseOrder());
            assertEquals(sorted, parts, "the Part column (kind then serial) sorted " + dir);
        }
    }
}
