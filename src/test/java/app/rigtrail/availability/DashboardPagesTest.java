package app.rigtrail.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
class DashboardPagesTest {

    @Inject
    AgroalDataSource ds;

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void technicianCannotOpenTheDashboard() {
        given().get("/dashboard").then().statusCode(403);
        given().get("/dashboard/backlog").then().statusCode(403);
        given().get("/dashboard/csv/backlog-stages").then().statusCode(403);
        given().get("/tickets").then().statusCode(200).body(not(containsString("href=\"/dashboard\"")));
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void logisticsCannotOpenTheDashboard() {
        given().get("/dashboard").then().statusCode(403);
        given().get("/dashboard/turnaround").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void adminReadsTheDashboard() {
        given().get("/dashboard").then().statusCode(200).body(containsString("hx-get=\"/dashboard/availability"));
        given().get("/dashboard/availability").then().statusCode(200).body(containsString("Hashrate available now"));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void theSectionsRenderWithTheirTablesAndTheFiltersTravelInTheirLinks() {
        DashboardFixtures fx = new DashboardFixtures(ds, "HP");
        long model = fx.model("HP", 100, 2);
        long miner = fx.miner(model, BacklogApiTest.daysAgo(30), "HASHING");
        fx.ticket(miner, BacklogApiTest.daysAgo(3), "AWAITING_PART");
        given().queryParam("site", fx.siteCode).get("/dashboard").then().statusCode(200)
                .body(containsString("hx-get=\"/dashboard/backlog?site=" + fx.siteCode + "\""))
                .body(containsString("<option selected>" + fx.siteCode + "</option>"));
        given().queryParam("site", fx.siteCode).queryParam("hashprice", "0.07").get("/dashboard/availability").then()
                .statusCode(200).body(containsString("id=\"availability-daily\""))
                .body(containsString("at $0.07/TH/day"))
                .body(containsString("/dashboard/csv/availability-sites?site=" + fx.siteCode + "&amp;hashprice=0.07"));
        given().queryParam("site", fx.siteCode).get("/dashboard/backlog").then().statusCode(200)
                .body(containsString("<span id=\"backlog-total\">1</span>"))
                .body(containsString("/dashboard/backlog/items?site=" + fx.siteCode + "&amp;stage=AWAITING_SPARE"));
        given().queryParam("site", fx.siteCode).queryParam("stage", "AWAITING_SPARE").get("/dashboard/backlog/items")
                .then().statusCode(200).body(containsString("Awaiting a spare")).body(containsString("A-" + fx.siteCode));
        given().get("/dashboard/turnaround").then().statusCode(200).body(containsString("id=\"turnaround-routes\""));
        given().get("/dashboard/holds-summary").then().statusCode(200).body(containsString("id=\"holds-by-age\""))
                .body(containsString("id=\"dwell-survival\""));
        // the chart marks the 5-, 10- and 30-day clocks after the buckets that end on them, and the dwell
        // curve's time axis reaches the last observation (an open hold's age counts)
        String summary = given().get("/dashboard/holds-summary").then().extract().asString();
        String chart = summary.replaceFirst("(?s).*data-chart=\"holds\">", "").replaceFirst("(?s)</script>.*", "");
        io.restassured.path.json.JsonPath j = new io.restassured.path.json.JsonPath(chart);
        assertEquals(List.of(0, 1, 2), j.getList("clocks.after", Integer.class));
        assertEquals(List.of("5 days: release or detain", "10 days: notice of detention", "30 days: deemed excluded"),
                j.getList("clocks.label", String.class));
        List<Float> days = j.getList("dwellDays", Float.class);
        assertTrue(!days.isEmpty() && j.getDouble("dwellLastDay") >= days.get(days.size() - 1),
                "last observation " + j.getDouble("dwellLastDay") + " vs last release " + days);
        given().queryParam("age", "0").get("/dashboard/holds").then().statusCode(200)
                .body(containsString("Customs holds open now, 0-5 days old"));
        given().queryParam("route", "SWAP").get("/dashboard/outcomes").then().statusCode(200)
                .body(containsString("Completed repairs"));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void everyTableExportsAsCsvWithRawValues() throws Exception {
        DashboardFixtures fx = new DashboardFixtures(ds, "HQ");
        long model = fx.model("HQ", 100, 2);
        long miner = fx.miner(model, BacklogApiTest.daysAgo(30), "HASHING");
        fx.ticket(miner, BacklogApiTest.daysAgo(3), "IN_BENCH_REPAIR");
        fx.status(miner, BacklogApiTest.daysAgo(3), "HASHING", "IN_REPAIR");
        for (String table : List.of("availability-daily", "availability-sites", "availability-vendors",
                "availability-models", "backlog-stages", "backlog-vendors", "backlog-sites", "backlog-oldest",
                "backlog-items", "turnaround-routes", "holds-by-age", "dwell-survival", "outcomes", "holds-open")) {
            String csv = given().queryParam("site", fx.siteCode).get("/dashboard/csv/" + table).then().statusCode(200)
                    .contentType(startsWith("text/csv")).header("Content-Disposition", containsString(table))
                    .extract().asString();
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv))
                    .getRecords();
            assertTrue(csv.lines().count() >= 1, table);
            if (table.equals("backlog-stages")) {
                CSVRecord bench = rows.stream().filter(r -> r.get("Code").equals("BENCH_REPAIR")).findFirst().orElseThrow();
                assertEquals("1", bench.get("Items"));
                assertEquals(3.0, Double.parseDouble(bench.get("Median age (days)")), 0.01);
            }
            if (table.equals("availability-sites")) {
                assertEquals(fx.siteCode, rows.get(0).get("Site"));
                // its one machine is in bench repair: installed, not hashing; the fraction is raw, not a percentage
                assertEquals(0.0, Double.parseDouble(rows.get(0).get("Unit availability now")), 1e-12);
                assertEquals(1.0, Double.parseDouble(rows.get(0).get("Units down")), 1e-12);
            }
        }
        given().get("/dashboard/csv/nothing-like-this").then().statusCode(404);
        // the page shows the words; only the CSV has the codes (#14 item 2)
        given().queryParam("site", fx.siteCode).get("/dashboard/backlog").then().statusCode(200)
                .body(containsString("id=\"backlog-stages\"")).body(not(containsString("<th>Code</th>")))
                .body(not(containsString(">BENCH_REPAIR<")));
        given().queryParam("site", fx.siteCode).queryParam("stage", "BENCH_REPAIR").get("/dashboard/backlog/items").then()
                .statusCode(200).body(containsString(">" + app.rigtrail.repair.domain.TicketState.IN_BENCH_REPAIR.label() + "<"))
                .body(not(containsString(">IN_BENCH_REPAIR<")));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void badFiltersGiveAReadableMessageNotAnErrorPage() {
        given().queryParam("site", "NOPE").queryParam("from", "yesterday").get("/dashboard").then().statusCode(200)
                .body(containsString("role=\"alert\"")).body(containsString("no site with code NOPE"))
                .body(containsString("must be a date like 2026-03-01")).body(not(containsString("hx-get=")));
        given().queryParam("hashprice", "lots").get("/dashboard/availability").then().statusCode(200)
                .body(containsString("must be a number of dollars per TH per day"));
    }
}
