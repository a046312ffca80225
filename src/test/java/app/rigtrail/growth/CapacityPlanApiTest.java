package app.rigtrail.growth;

import static app.rigtrail.growth.MachineOrderFixtures.as;
import static app.rigtrail.growth.MachineOrderFixtures.place;
import static app.rigtrail.growth.MachineOrderFixtures.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * Issue #15, item 2: managers set installed-hashrate targets by month for the fleet and per site; the
 * progress shows installed and hashing TH/s against them, with the orders that make up the gap.
 */
@QuarkusTest
class CapacityPlanApiTest {

    static final JsonPathConfig DOUBLES = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);

    @Test
    void targetsAreCheckedSavedWithTheirHistoryAndGuardedByVersion() {
        String month = YearMonth.now(ZoneOffset.UTC).plusMonths(4).toString();
        as(Tokens.MANAGER).body("{\"targets\":[{\"month\":\"2027-13\",\"targetThs\":1},{\"site\":\"NOPE\",\"month\":\""
                + month + "\",\"targetThs\":1},{\"month\":\"" + month + "\",\"targetThs\":-5},{\"month\":\"1999-01\","
                + "\"targetThs\":1}]}").put("/api/capacity-plan/targets").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("targets[0].month", "targets[1].site", "targets[2].targetThs",
                        "targets[3].month"));
        as(Tokens.MANAGER).body("{\"targets\":[{\"month\":\"" + month + "\",\"targetThs\":1},{\"month\":\"" + month
                + "\",\"targetThs\":2}]}").put("/api/capacity-plan/targets").then().statusCode(400)
                .body("violations[0].field", equalTo("targets[1]"));
        as(Tokens.MANAGER).body("").put("/api/capacity-plan/targets").then().statusCode(400);
        as(Tokens.MANAGER).body("{\"targets\":[{\"targetThs\":\"lots\"}]}").put("/api/capacity-plan/targets").then()
                .statusCode(400).contentType("application/problem+json");
        as(Tokens.LOGISTICS).body("{\"targets\":[]}").put("/api/capacity-plan/targets").then().statusCode(403);
        as(Tokens.TECH_TX).get("/api/capacity-plan/targets").then().statusCode(403);
        as(Tokens.TECH_TX).get("/api/capacity-plan/progress").then().statusCode(403);

        as(Tokens.MANAGER).body("{\"targets\":[{\"month\":\"" + month + "\",\"targetThs\":900000},{\"site\":\"tx1\","
                + "\"month\":\"" + month + "\",\"targetThs\":120000.5}],\"reason\":\"investor deck\"}")
                .put("/api/capacity-plan/targets").then().statusCode(200);
        JsonPath t = as(Tokens.LOGISTICS).get("/api/capacity-plan/targets").then().statusCode(200).extract().jsonPath();
        Map<String, Object> fleet = t.getMap("items.find { it.site == null && it.month == '" + month + "' }");
        assertEquals(900000.0, ((Number) fleet.get("targetThs")).doubleValue());
        int version = (Integer) fleet.get("version");
        assertEquals(120000.5, as(Tokens.MANAGER).queryParam("site", "TX1").get("/api/capacity-plan/targets").then()
                .extract().jsonPath().getDouble("items.find { it.month == '" + month + "' }.targetThs"));
        // a change names the version it was read at; a stale one is refused and nothing changes
        as(Tokens.MANAGER).body("{\"targets\":[{\"month\":\"" + month + "\",\"targetThs\":950000,\"version\":" + version
                + "}]}").put("/api/capacity-plan/targets").then().statusCode(200);
        as(Tokens.MANAGER).body("{\"targets\":[{\"month\":\"" + month + "\",\"targetThs\":1,\"version\":" + version
                + "}]}").put("/api/capacity-plan/targets").then().statusCode(409)
                .body("violations[0].message", containsString("950000"));
        // removed with null; every change is in the history with from, to, who and why
        as(Tokens.ADMIN).body("{\"targets\":[{\"site\":\"TX1\",\"month\":\"" + month + "\",\"targetThs\":null}],"
                + "\"reason\":\"site sold\"}").put("/api/capacity-plan/targets").then().statusCode(200);
        JsonPath h = as(Tokens.MANAGER).get("/api/capacity-plan/history").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> tx1 = h.getList("items.findAll { it.site == 'TX1' && it.month == '" + month + "' }");
        assertEquals(2, tx1.size());
        assertNull(tx1.get(0).get("toThs"), "the newest first: removed");
        assertEquals("site sold", tx1.get(0).get("reason"));
        assertEquals("admin", tx1.get(0).get("actor"));
        assertEquals("investor deck", tx1.get(1).get("reason"));
        assertNull(tx1.get(1).get("fromThs"));
    }

    /**
     * TX2 plans 20,000 TH/s more than it has installed two months ahead and 30,000 more three months ahead;
     * an order of 50 S21 (10,000 TH/s): 20 shipped today arriving in 10 days, 30 on order arriving later.
     * The progress shows what is installed now, the two batches in the months they are due, and what no
     * order covers.
     */
    @Test
    void progressShowsInstalledAndHashingAgainstThePlanWithTheOrdersThatCloseTheGap() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate local = LocalDate.now(ZoneId.of("America/Chicago"));
        JsonPath a = as(Tokens.MANAGER).queryParam("site", "TX2").get("/api/availability").then().statusCode(200)
                .extract().jsonPath().using(DOUBLES);
        double installed = a.getDouble("now.nameplateThs");
        double hashing = a.getDouble("now.availableThs");
        long order = place(Tokens.LOGISTICS, "S21", "TX2", 50, 1_800_000, "\"expectedArrivalOn\":\"" + local.plusDays(40)
                + "\",\"expectedShipOn\":\"" + local.plusDays(20) + "\"");
        post(Tokens.LOGISTICS, "/api/machine-orders/" + order + "/deliveries", "{\"quantity\":20,\"carrier\":\"ONE\","
                + "\"shippedOn\":\"" + local + "\",\"expectedArrivalOn\":\"" + local.plusDays(10) + "\"}").statusCode(201);
        YearMonth current = YearMonth.from(today);
        YearMonth m2 = current.plusMonths(2);
        YearMonth m3 = current.plusMonths(3);
        double t2 = Math.round(installed + 8_000);
        double t3 = Math.round(installed + 30_000);
        as(Tokens.MANAGER).body("{\"targets\":[{\"site\":\"TX2\",\"month\":\"" + m2 + "\",\"targetThs\":" + t2 + "},"
                + "{\"site\":\"TX2\",\"month\":\"" + m3 + "\",\"targetThs\":" + t3 + "}]}")
                .put("/api/capacity-plan/targets").then().statusCode(200);

        JsonPath p = as(Tokens.MANAGER).queryParam("site", "TX2").get("/api/capacity-plan/progress").then()
                .statusCode(200).extract().jsonPath().using(DOUBLES);
        assertEquals("TX2", p.getString("site"));
        assertEquals(installed, p.getDouble("installedThs"), 1e-6);
        assertEquals(hashing, p.getDouble("hashingThs"), 1e-6);
        assertEquals(10_000, p.getDouble("thsExpected"), 1e-9);
        List<Map<String, Object>> arrivals = p.getList("arrivals");
        assertEquals(2, arrivals.size(), "the order's two batches: " + arrivals);
        assertEquals("ON_THE_WAY", arrivals.get(0).get("stage"));
        assertEquals(20, ((Number) arrivals.get(0).get("units")).intValue());
        assertEquals(local.plusDays(10).toString(), arrivals.get(0).get("expectedOn"));
        assertEquals("ON_ORDER", arrivals.get(1).get("stage"));
        assertEquals(6_000, ((Number) arrivals.get(1).get("ths")).doubleValue(), 1e-9);
        // month by month, computed here from the two batches' dates
        List<String> months = p.getList("months.month");
        assertEquals(current.toString(), months.get(0));
        assertEquals(m3.toString(), months.get(months.size() - 1));
        for (int i = 0; i < months.size(); i++) {
            YearMonth m = YearMonth.parse(months.get(i));
            double expected = installed;
            if (!YearMonth.from(local.plusDays(10)).isAfter(m)) {
                expected += 4_000;
            }
            if (!YearMonth.from(local.plusDays(40)).isAfter(m)) {
                expected += 6_000;
            }
            assertEquals(expected, p.getDouble("months[" + i + "].projectedThs"), 1e-6, m.toString());
        }
        assertEquals(installed, p.getDouble("months[0].installedThs"), 1e-6, "the current month: installed now");
        int i2 = months.indexOf(m2.toString());
        int i3 = months.indexOf(m3.toString());
        assertEquals(t2, p.getDouble("months[" + i2 + "].targetThs"));
        assertEquals(t2 - installed, p.getDouble("months[" + i2 + "].gapThs"), 1e-6);
        assertEquals(0, p.getDouble("months[" + i2 + "].uncoveredThs"), 1e-6, "8,000 more, 10,000 coming");
        assertEquals(t3 - installed - 10_000, p.getDouble("months[" + i3 + "].uncoveredThs"), 1e-6);
        List<Object> due = p.getList("months.due.orderId.flatten()");
        assertTrue(due.stream().allMatch(x -> ((Number) x).longValue() == order), due.toString());
        assertEquals(2, due.size(), "each batch due in one month");
        // the fleet's progress counts the whole fleet now
        JsonPath f = as(Tokens.MANAGER).get("/api/capacity-plan/progress").then().statusCode(200).extract().jsonPath()
                .using(DOUBLES);
        double fleet = as(Tokens.MANAGER).get("/api/availability").then().extract().jsonPath().using(DOUBLES)
                .getDouble("now.nameplateThs");
        assertEquals(fleet, f.getDouble("installedThs"), 1e-6);
        assertTrue(f.getDouble("thsExpected") >= 10_000);
    }
}
