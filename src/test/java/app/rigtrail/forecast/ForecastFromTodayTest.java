package app.rigtrail.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.rigtrail.availability.DashboardFixtures;
import app.rigtrail.availability.domain.BacklogStage;
import app.rigtrail.platform.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** #12: the forecast's day 0 is the dashboard's today, for any filter the dashboard takes. */
@QuarkusTest
class ForecastFromTodayTest {

    @Inject
    AgroalDataSource ds;

    private static Instant daysAgo(double d) {
        return Instant.now().minusSeconds((long) (d * 86_400));
    }

    /** A site with an item at every backlog stage, machines down with and without tickets, an open order. */
    private DashboardFixtures site(String prefix) {
        DashboardFixtures fx = new DashboardFixtures(ds, prefix);
        long model = fx.model(prefix, 200, 3);
        long part = fx.id("select min(id) from part");
        long hub = fx.hub(1, 14, "VENDOR_AUTHORIZED");
        long[] m = new long[16];
        for (int i = 0; i < m.length; i++) {
            m[i] = fx.miner(model, daysAgo(400), "HASHING");
        }
        for (int i : new int[] {0, 2, 3, 14, 15}) {
            fx.status(m[i], daysAgo(1), "HASHING", "DOWN");
        }
        fx.ticket(m[0], daysAgo(10), "OPEN");
        fx.ticket(m[1], daysAgo(2), "DIAGNOSING");
        fx.ticket(m[2], daysAgo(4), "AWAITING_PART");
        fx.ticket(m[3], daysAgo(3), "IN_BENCH_REPAIR");
        long t5 = fx.ticket(m[4], daysAgo(6), "AWAITING_RMA_SHIPMENT");
        fx.rmaCase(fx.component(part), t5, hub, "OPENED", daysAgo(5.9));
        long t6 = fx.ticket(m[5], daysAgo(20), "RESOLVED");
        long c6 = fx.component(part);
        long r6 = fx.rmaCase(c6, t6, hub, "SHIPPED", daysAgo(19));
        fx.shipment("OUTBOUND_TO_HUB", "IN_TRANSIT", c6, r6, daysAgo(15));
        long t7 = fx.ticket(m[6], daysAgo(30), "RESOLVED");
        long c7 = fx.component(part);
        long r7 = fx.rmaCase(c7, t7, hub, "RETURNED", daysAgo(29));
        long s7 = fx.shipment("INBOUND_RETURN", "HELD", c7, r7, daysAgo(8));
        fx.hold(s7, LocalDate.now(ZoneOffset.UTC).minusDays(3), 1);
        double[][] atHub = {{40, 15}, {25, 10}, {12, 5}};
        for (double[] a : atHub) {
            long t = fx.ticket(m[7 + (int) a[1] % 7], daysAgo(a[0]), "RESOLVED");
            long r = fx.rmaCase(fx.component(part), t, hub, "AT_HUB", daysAgo(a[0] - 1));
            fx.rmaEvent(r, daysAgo(a[1]), "SHIPPED", "AT_HUB");
        }
        long t11 = fx.ticket(m[11], daysAgo(50), "RESOLVED");
        fx.rmaCase(fx.component(part), t11, hub, "REPAIRED", daysAgo(49));
        // m[14], m[15] are down without any ticket
        return fx;
    }

    private static JsonPath forecast(String filter) {
        List<Integer> ids = ForecastApiTest.builtInIds();
        return ForecastApiTest.as(Tokens.MANAGER)
                .body("{\"scenarios\":" + ids + ",\"horizonDays\":40,\"replications\":30,\"seed\":7,\"filter\":" + filter + "}")
                .post("/api/forecasts").then().statusCode(200).extract().jsonPath();
    }

    private static void assertDayZeroIsTheDashboard(JsonPath f, String query) {
        JsonPath backlog = ForecastApiTest.as(Tokens.MANAGER).get("/api/backlog?" + query).then().statusCode(200)
                .extract().jsonPath();
        JsonPath availability = ForecastApiTest.as(Tokens.MANAGER).get("/api/availability?" + query).then()
                .statusCode(200).extract().jsonPath();
        long total = 0;
        for (BacklogStage st : BacklogStage.values()) {
            double shown = backlog.getDouble("stages.find { it.stage == '" + st.name() + "' }.count");
            total += (long) shown;
            assertEquals(shown, f.getDouble("initialState.backlog." + st.name()), st.name());
            for (int s = 0; s < 3; s++) {
                assertEquals(shown, f.getDouble("scenarios[" + s + "].fleet.backlog." + st.name() + ".mean[0]"),
                        "scenario " + s + " " + st + " on day 0");
            }
        }
        assertEquals(backlog.getLong("total"), total);
        assertTrue(total > 0);
        double down = availability.getDouble("now.unitsDown");
        assertEquals(down, f.getDouble("initialState.unitsDown"), 1e-9);
        for (int s = 0; s < 3; s++) {
            assertEquals(down, f.getDouble("scenarios[" + s + "].fleet.unitsDown.mean[0]"), 1e-9, "units down, day 0");
        }
    }

    @Test
    void dayZeroEqualsTheDashboardForASiteAVendorAndAModel() {
        DashboardFixtures fx = site("FT");
        JsonPath bySite = forecast("{\"site\":\"" + fx.siteCode + "\"}");
        assertEquals("now", bySite.getString("start"));
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), bySite.getString("dates[0]"));
        assertDayZeroIsTheDashboard(bySite, "site=" + fx.siteCode);
        // every stage has an item here, and two machines are down without one
        for (BacklogStage st : BacklogStage.values()) {
            assertTrue(bySite.getInt("initialState.backlog." + st.name()) > 0, st.name());
        }
        assertEquals(2, bySite.getInt("initialState.unitsDownWithoutOpenItem"));
        assertEquals(5.0, bySite.getDouble("initialState.unitsDown"), 1e-9);
        String model = "FT-" + fx.siteCode;
        assertDayZeroIsTheDashboard(forecast("{\"site\":\"" + fx.siteCode + "\",\"vendor\":\"OTHER\",\"model\":\"" + model
                + "\"}"), "site=" + fx.siteCode + "&vendor=OTHER&model=" + model);
        // the three built-ins take effect on day 30: their curves part there, not before
        for (int s = 1; s < 3; s++) {
            assertEquals(30, bySite.getInt("scenarios[" + s + "].effectiveDay"));
        }
        List<Float> fades = bySite.getList("scenarios[0].fleet.unitsDown.mean", Float.class);
        List<Float> entity = bySite.getList("scenarios[2].fleet.unitsDown.mean", Float.class);
        assertEquals(fades.subList(0, 30), entity.subList(0, 30));
        assertTrue(bySite.getList("warnings").isEmpty());
    }

    @Test
    void aHorizonEndingBeforeTheChangeIsWarnedAndBadStartsAreRefused() {
        DashboardFixtures fx = site("FW");
        List<Integer> ids = ForecastApiTest.builtInIds();
        JsonPath f = ForecastApiTest.as(Tokens.MANAGER).body("{\"scenarios\":" + ids
                + ",\"horizonDays\":30,\"replications\":10,\"seed\":1,\"filter\":{\"site\":\"" + fx.siteCode + "\"}}")
                .post("/api/forecasts").then().statusCode(200).extract().jsonPath();
        // all three built-ins change something on day 30 (the review fades keeps the 10% tariff)
        assertEquals(3, f.getList("warnings").size(), f.getList("warnings").toString());
        ForecastApiTest.as(Tokens.MANAGER).body("{\"scenarios\":" + ids + ",\"start\":\"yesterday\"}")
                .post("/api/forecasts").then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("start"));
        ForecastApiTest.as(Tokens.MANAGER).body("{\"scenarios\":" + ids + ",\"startDate\":\"2030-01-01\"}")
                .post("/api/forecasts").then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("startDate"));
        ForecastApiTest.as(Tokens.MANAGER).body("{\"scenarios\":" + ids + ",\"techniciansPerSite\":{\"" + fx.siteCode
                + "\":0}}").post("/api/forecasts").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem("techniciansPerSite." + fx.siteCode));
        Map<String, Object> ok = ForecastApiTest.as(Tokens.MANAGER).body("{\"scenarios\":" + ids.subList(0, 1)
                + ",\"horizonDays\":30,\"replications\":4,\"start\":\"warmup\",\"filter\":{\"site\":\"" + fx.siteCode
                + "\"}}").post("/api/forecasts").then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals("warmup", ok.get("start"));
        assertEquals(0, ok.get("warmupDays"), "the warm-up is drawn from the steady state, not simulated");
        assertTrue(!ok.containsKey("initialState"));
    }
}
