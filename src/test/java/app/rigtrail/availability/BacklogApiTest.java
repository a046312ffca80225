package app.rigtrail.availability;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.rigtrail.availability.domain.BacklogStage;
import app.rigtrail.platform.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The backlog and turnaround from the database against hand computation; SQL stage mapping against Java. */
@QuarkusTest
class BacklogApiTest {

    private static final double AGE = 0.01; // days: the request runs a moment after the fixture

    @Inject
    AgroalDataSource ds;

    static Instant daysAgo(double d) {
        return Instant.now().minusSeconds((long) (d * 86_400));
    }

    @Test
    void theBacklogOfASmallSiteMatchesHandComputation() {
        DashboardFixtures fx = new DashboardFixtures(ds, "HB");
        long model = fx.model("HB", 200, 3);
        long part = fx.id("select min(id) from part");
        long hub = fx.hub(1, 14, "VENDOR_AUTHORIZED"); // 1 a week for 14 days: 2 in repair, the rest queue
        long[] m = new long[14];
        for (int i = 0; i < m.length; i++) {
            m[i] = fx.miner(model, daysAgo(400), "HASHING");
        }
        fx.ticket(m[0], daysAgo(10), "OPEN");
        fx.ticket(m[1], daysAgo(2), "DIAGNOSING");
        fx.ticket(m[2], daysAgo(4), "AWAITING_PART");
        fx.ticket(m[3], daysAgo(3), "IN_BENCH_REPAIR");
        long t5 = fx.ticket(m[4], daysAgo(6), "AWAITING_RMA_SHIPMENT");
        fx.rmaCase(fx.component(part), t5, hub, "OPENED", daysAgo(5.9)); // one item, the part's stage
        long t6 = fx.ticket(m[5], daysAgo(20), "RESOLVED");
        long c6 = fx.component(part);
        long r6 = fx.rmaCase(c6, t6, hub, "SHIPPED", daysAgo(19));
        fx.shipment("OUTBOUND_TO_HUB", "IN_TRANSIT", c6, r6, daysAgo(15));
        long t7 = fx.ticket(m[6], daysAgo(30), "RESOLVED");
        long c7 = fx.component(part);
        long r7 = fx.rmaCase(c7, t7, hub, "RETURNED", daysAgo(29));
        long s7 = fx.shipment("INBOUND_RETURN", "HELD", c7, r7, daysAgo(8));
        fx.hold(s7, LocalDate.now(ZoneOffset.UTC).minusDays(3), 1);
        double[][] atHub = {{40, 15}, {25, 10}, {12, 5}}; // failed, arrived at the hub (days ago)
        for (double[] a : atHub) {
            long t = fx.ticket(m[7 + (int) a[1] % 7], daysAgo(a[0]), "RESOLVED");
            long r = fx.rmaCase(fx.component(part), t, hub, "AT_HUB", daysAgo(a[0] - 1));
            fx.rmaEvent(r, daysAgo(a[1]), "SHIPPED", "AT_HUB");
        }
        long t11 = fx.ticket(m[11], daysAgo(50), "RESOLVED");
        fx.rmaCase(fx.component(part), t11, hub, "REPAIRED", daysAgo(49));
        fx.ticket(m[12], daysAgo(70), "CANCELLED");
        long t13 = fx.ticket(m[13], daysAgo(80), "RESOLVED");
        fx.rmaCase(fx.component(part), t13, hub, "CLOSED", daysAgo(79));

        JsonPath j = AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", fx.siteCode).get("/api/backlog").then()
                .statusCode(200).body("total", equalTo(11)).extract().jsonPath().using(AvailabilityApiTest.DOUBLES);
        Map<String, double[]> expected = Map.of(
                "AWAITING_DIAGNOSIS", new double[] {2, 2, 10},
                "AWAITING_SPARE", new double[] {1, 4, 4},
                "BENCH_REPAIR", new double[] {1, 3, 3},
                "AWAITING_RMA_SHIPMENT", new double[] {1, 6, 6},
                "IN_TRANSIT", new double[] {1, 20, 20},
                "CUSTOMS_HOLD", new double[] {1, 30, 30},
                "HUB_QUEUE", new double[] {1, 12, 12},
                "HUB_REPAIR", new double[] {2, 25, 40},
                "RETURNING", new double[] {1, 50, 50});
        List<String> stages = j.getList("stages.stage", String.class);
        assertEquals(Arrays.stream(BacklogStage.values()).map(Enum::name).toList(), stages);
        for (int i = 0; i < stages.size(); i++) {
            double[] e = expected.get(stages.get(i));
            assertEquals(e[0], j.getDouble("stages[" + i + "].count"), stages.get(i));
            assertEquals(e[1], j.getDouble("stages[" + i + "].medianAgeDays"), AGE, stages.get(i));
            assertEquals(e[2], j.getDouble("stages[" + i + "].p90AgeDays"), AGE, stages.get(i));
        }
        assertEquals(List.of(fx.siteCode), j.getList("bySite.site", String.class).stream().distinct().toList());
        assertEquals(50, j.getDouble("oldest[0].ageDays"), AGE);
        assertEquals("RETURNING", j.getString("oldest[0].stage"));
        // the items behind one segment, oldest first
        AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", fx.siteCode).queryParam("stage", "HUB_REPAIR")
                .get("/api/backlog/items").then().statusCode(200).body("total", equalTo(2))
                .body("items.stage", equalTo(List.of("HUB_REPAIR", "HUB_REPAIR")))
                .body("items[0].ticketId", equalTo((int) fx.id("select ticket_id from rma_case r where r.site_id = ? "
                        + "and state = 'AT_HUB' order by opened_at limit 1", fx.siteId)));
        // a period keeps the items that failed in it
        AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", fx.siteCode)
                .queryParam("from", LocalDate.now(ZoneOffset.UTC).minusDays(7).toString()).get("/api/backlog").then()
                .statusCode(200).body("total", equalTo(4)); // failed 2, 3, 4 and 6 days ago
    }

    @Test
    void turnaroundPerRouteReFailuresCostAndHoldsByAgeMatchHandComputation() {
        DashboardFixtures fx = new DashboardFixtures(ds, "HT");
        long model = fx.model("HT", 200, 3);
        long part = fx.id("select id from part where unit_cost_cents > 0 order by id limit 1");
        long cost = fx.id("select unit_cost_cents from part where id = ?", part);
        // the test site's own store: two spares received, then issued to two of the swaps, so that its
        // level (0) stays explained by its ledger
        long store = fx.id("insert into stock_location (code, name, kind, site_id) values (?, 'test store', 'SITE_STORE', ?) "
                + "returning id", fx.siteCode + "-STORE", fx.siteId);
        fx.exec("insert into stock_movement (at, actor, part_id, kind, to_location_id, quantity, reason) "
                + "values (now(), 'test', ?, 'RECEIPT', ?, 2, 'test')", part, store);
        fx.exec("insert into stock_level (location_id, part_id, on_hand) values (?, ?, 0)", store, part);
        double[] swaps = {1, 2, 3, 10}; // days: median the 2nd smallest, P90 the 4th
        long firstMiner = 0;
        for (int i = 0; i < swaps.length; i++) {
            long miner = fx.miner(model, daysAgo(400), "HASHING");
            firstMiner = i == 0 ? miner : firstMiner;
            Instant closed = daysAgo(50 + i);
            long t = fx.ticket(miner, closed.minus((long) (swaps[i] * 24), ChronoUnit.HOURS), "DIAGNOSING");
            if (i < 2) { // the parts of two swaps are known: one spare each
                fx.exec("insert into stock_movement (at, actor, part_id, kind, from_location_id, quantity, ticket_id) "
                        + "values (now(), 'test', ?, 'ISSUE', ?, 1, ?)", part, store, t);
            }
            fx.exec("update repair_ticket set state = 'RESOLVED', route = 'SWAP', closed_at = ? where id = ?",
                    DashboardFixtures.ts(closed), t);
        }
        long benchMiner = fx.miner(model, daysAgo(400), "HASHING");
        long bench = fx.ticket(benchMiner, daysAgo(10), "IN_BENCH_REPAIR");
        fx.exec("update repair_ticket set state = 'RESOLVED', route = 'BENCH', closed_at = ? where id = ?",
                DashboardFixtures.ts(daysAgo(5)), bench);
        // the first swapped machine fails again 10 days after its repair: a re-failure within 30 days
        fx.ticket(firstMiner, daysAgo(40), "OPEN");
        // a part through a vendor hub: out 35 days ago, received back now
        long hub = fx.hub(10, 20, "VENDOR_AUTHORIZED");
        long rt = fx.ticket(fx.miner(model, daysAgo(400), "HASHING"), daysAgo(36), "RESOLVED");
        long r = fx.rmaCase(fx.component(part), rt, hub, "RETURNED", daysAgo(35));
        // received as the app receives it: the event appended (which completes the repair), the case moved
        fx.rmaEvent(r, Instant.now(), "RETURNED", "RECEIVED");
        fx.exec("update rma_case set state = 'RECEIVED' where id = ?", r);
        // two customs holds open now, 3 and 40 days old
        long c = fx.component(part);
        fx.hold(fx.shipment("INBOUND_RETURN", "HELD", c, r, daysAgo(45)), LocalDate.now(ZoneOffset.UTC).minusDays(3), 4);
        fx.hold(fx.shipment("INBOUND_RETURN", "HELD", c, r, daysAgo(45)), LocalDate.now(ZoneOffset.UTC).minusDays(40), 2);
        fx.hold(fx.shipment("INBOUND_RETURN", "RECEIVED", c, r, daysAgo(25)), LocalDate.now(ZoneOffset.UTC).minusDays(20), 1);
        fx.exec("update customs_hold set decided_on = presented_on + 10, outcome = 'RELEASED' where entry_number like ? "
                + "and presented_on = ?", "E-" + fx.siteCode + "%", LocalDate.now(ZoneOffset.UTC).minusDays(20));

        JsonPath j = AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", fx.siteCode).get("/api/turnaround")
                .then().statusCode(200).extract().jsonPath().using(AvailabilityApiTest.DOUBLES);
        assertEquals(List.of("SWAP", "BENCH", "VENDOR_HUB", "ONSHORE_PARTNER", "RMA", "SCRAP"),
                j.getList("routes.route", String.class));
        assertEquals(4, j.getDouble("routes[0].completed"));
        assertEquals(2, j.getDouble("routes[0].medianDays"), 1e-6);
        assertEquals(10, j.getDouble("routes[0].p90Days"), 1e-6);
        assertEquals(4, j.getDouble("routes[0].followedUp"));
        assertEquals(1, j.getDouble("routes[0].refailed"));
        assertEquals(0.25, j.getDouble("routes[0].refailureRate"), 1e-9);
        assertEquals(2.0 * cost / 100 / 400, j.getDouble("routes[0].costUsdPerTh"), 1e-9);
        assertEquals(1, j.getDouble("routes[1].completed"));
        assertEquals(5, j.getDouble("routes[1].medianDays"), 1e-3);
        assertEquals(0, j.getDouble("routes[1].followedUp")); // repaired 5 days ago: not yet 30 days of follow-up
        assertNull(j.get("routes[1].refailureRate"));
        assertEquals(1, j.getDouble("routes[2].completed"));
        assertEquals(35, j.getDouble("routes[2].medianDays"), 0.01);
        assertEquals(0, j.getDouble("routes[3].completed"));
        JsonPath h = AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", fx.siteCode).get("/api/holds-by-age")
                .then().statusCode(200).extract().jsonPath().using(AvailabilityApiTest.DOUBLES);
        assertEquals(List.of(1.0, 0.0, 0.0, 1.0, 0.0), h.getList("holdsByAge.holds", Double.class));
        assertEquals(List.of(4.0, 0.0, 0.0, 2.0, 0.0), h.getList("holdsByAge.units", Double.class));
        assertEquals(2, h.getDouble("openHolds"));
        // dwell of the three presented in the period: open at 3 and 40 days (censored), released after 10:
        // at 10 days two are at risk and one ends, so half are still held
        assertEquals(3, h.getDouble("dwellHolds"));
        assertEquals(List.of(10.0), h.getList("dwellSurvival.time", Double.class));
        assertEquals(0.5, h.getDouble("dwellSurvival[0].survival"), 1e-12);
    }

    @Test
    void aRepairCommittedLateIsNotMissedByTheColumnsInMemory() throws Exception {
        DashboardFixtures fx = new DashboardFixtures(ds, "HL");
        long model = fx.model("HL", 100, 2);
        long early = fx.ticket(fx.miner(model, daysAgo(100), "HASHING"), daysAgo(3), "DIAGNOSING");
        long late = fx.ticket(fx.miner(model, daysAgo(100), "HASHING"), daysAgo(2), "DIAGNOSING");
        try (java.sql.Connection a = ds.getConnection()) {
            a.setAutoCommit(false);
            // transaction A resolves its ticket first but commits last
            try (var ps = a.prepareStatement("update repair_ticket set state = 'RESOLVED', route = 'SWAP', "
                    + "closed_at = now() where id = ?")) {
                ps.setLong(1, early);
                ps.executeUpdate();
            }
            fx.exec("update repair_ticket set state = 'RESOLVED', route = 'BENCH', closed_at = now() where id = ?", late);
            AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", fx.siteCode).get("/api/turnaround").then()
                    .statusCode(200).body("routes[0].completed", equalTo(0)).body("routes[1].completed", equalTo(1));
            a.commit();
        }
        AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", fx.siteCode).get("/api/turnaround").then()
                .statusCode(200).body("routes[0].completed", equalTo(1)).body("routes[1].completed", equalTo(1));
    }
}
