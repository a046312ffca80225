package app.rigtrail.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.rigtrail.availability.domain.AvailabilityTimeline;
import app.rigtrail.availability.domain.AvailabilityTimeline.Change;
import app.rigtrail.availability.domain.AvailabilityTimeline.Machine;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.platform.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Availability from the database against hand computation and against AvailabilityTimeline, read
 * both live (days after the watermark, from the deltas) and after the days are closed.
 */
@QuarkusTest
class AvailabilityApiTest {

    private static final double EPS = 1e-6;

    @Inject
    AgroalDataSource ds;

    @Inject
    AvailabilityDayCloser closer;

    static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user));
    }

    static Instant at(String s) {
        return Instant.parse(s);
    }

    @Test
    void aSmallFleetMatchesHandComputationLiveAndOnceTheDaysAreClosed() {
        DashboardFixtures fx = new DashboardFixtures(ds, "HA");
        long model = fx.model("HC", 200, 3); // a degraded unit delivers 2/3
        // A hashes from day 1, goes down and up twice on day 2: 06-09 and 12-18 down, 15 h hashing
        long a = fx.miner(model, at("2026-03-01T00:00:00Z"), "HASHING");
        fx.status(a, at("2026-03-02T06:00:00Z"), "HASHING", "DOWN");
        fx.status(a, at("2026-03-02T09:00:00Z"), "DOWN", "HASHING");
        fx.status(a, at("2026-03-02T12:00:00Z"), "HASHING", "IN_REPAIR");
        fx.status(a, at("2026-03-02T18:00:00Z"), "IN_REPAIR", "HASHING");
        // B is installed degraded at noon on day 1
        fx.miner(model, at("2026-03-01T12:00:00Z"), "DEGRADED");
        // C hashes from day 1 and is retired at noon on day 2
        long c = fx.miner(model, at("2026-03-01T00:00:00Z"), "HASHING");
        fx.status(c, at("2026-03-02T12:00:00Z"), "HASHING", "RETIRED");

        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                closer.closeThrough(LocalDate.now(ZoneOffset.UTC).minusDays(1));
            }
            JsonPath j = as(Tokens.MANAGER).queryParam("site", fx.siteCode).queryParam("from", "2026-03-01")
                    .queryParam("to", "2026-03-02").queryParam("hashprice", 0.05).get("/api/availability")
                    .then().statusCode(200).body("series", hasSize(2)).extract().jsonPath().using(DOUBLES);
            // day 1: installed 24 + 12 + 24 = 60 unit-h; all hashing; delivered 200*24 + 200*2/3*12 + 200*24 TH-h
            assertEquals(2.5, j.getDouble("series[0].unitsInstalled"), EPS);
            assertEquals(1.0, j.getDouble("series[0].unitAvailability"), EPS);
            assertEquals(500, j.getDouble("series[0].nameplateThs"), EPS);
            assertEquals(11200 / 24.0, j.getDouble("series[0].availableThs"), EPS);
            assertEquals(800 / 24.0, j.getDouble("series[0].lostThDays"), EPS);
            // day 2: installed 24 + 24 + 12; hashing 15 + 24 + 12 = 51 h; delivered 3000 + 3200 + 2400 TH-h
            assertEquals(2.5, j.getDouble("series[1].unitsInstalled"), EPS);
            assertEquals(51 / 24.0, j.getDouble("series[1].unitsHashing"), EPS);
            assertEquals(0.85, j.getDouble("series[1].unitAvailability"), EPS);
            assertEquals(8600 / 12000.0, j.getDouble("series[1].hashrateAvailability"), EPS);
            assertEquals(3400 / 24.0, j.getDouble("series[1].lostThDays"), EPS);
            // the period and its value at $0.05/TH/day
            assertEquals(111 / 120.0, j.getDouble("period.unitAvailability"), EPS);
            assertEquals(19800 / 24000.0, j.getDouble("period.hashrateAvailability"), EPS);
            assertEquals(175, j.getDouble("period.lostThDays"), EPS);
            assertEquals(8.75, j.getDouble("period.lostValueUsd"), EPS);
            // now: A hashing, B degraded, C retired
            assertEquals(2, j.getDouble("now.unitsInstalled"), EPS);
            assertEquals(2, j.getDouble("now.unitsHashing"), EPS);
            assertEquals(400, j.getDouble("now.nameplateThs"), EPS);
            assertEquals(200 + 400 / 3.0, j.getDouble("now.availableThs"), EPS);
            assertEquals(fx.siteCode, j.getString("bySite[0].key"));
            assertEquals(175, j.getDouble("bySite[0].period.lostThDays"), EPS);
        }
    }

    @Test
    void randomHistoriesMatchTheTimelineDefinitionDayByDay() {
        DashboardFixtures fx = new DashboardFixtures(ds, "HR");
        long model = fx.model("HR", 150, 4);
        Random r = new Random(7);
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(12);
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = Instant.now();
        List<Machine> machines = new ArrayList<>();
        MinerStatus[] live = {MinerStatus.HASHING, MinerStatus.DEGRADED, MinerStatus.DOWN, MinerStatus.IN_REPAIR};
        for (int m = 0; m < 8; m++) {
            Instant installed = start.plusSeconds(r.nextInt(3 * 86_400));
            MinerStatus status = live[r.nextInt(2)];
            MinerStatus installedAs = status;
            long id = fx.miner(model, installed, status.name());
            List<Change> changes = new ArrayList<>();
            Instant t = installed;
            while (true) {
                t = t.plusSeconds(600 + r.nextInt(2 * 86_400));
                if (t.isAfter(now.minusSeconds(3_600))) {
                    break;
                }
                MinerStatus to = r.nextInt(30) == 0 ? MinerStatus.RETIRED : live[r.nextInt(live.length)];
                if (to == status) {
                    continue;
                }
                fx.status(id, t, status.name(), to.name());
                changes.add(new Change(t, to));
                status = to;
                if (to == MinerStatus.RETIRED) {
                    break;
                }
            }
            machines.add(new Machine(150, 0.75, installed, installedAs, changes));
        }
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        List<AvailabilityTimeline.Day> expected = AvailabilityTimeline.daily(machines, first, yesterday, now);
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                closer.closeThrough(yesterday);
            }
            JsonPath j = as(Tokens.ADMIN).queryParam("site", fx.siteCode).queryParam("from", first.toString())
                    .queryParam("to", yesterday.toString()).get("/api/availability").then().statusCode(200)
                    .extract().jsonPath().using(DOUBLES);
            List<String> days = j.getList("series.day", String.class);
            int k = 0;
            for (AvailabilityTimeline.Day d : expected) {
                if (d.installedUnitDays() == 0) {
                    continue;
                }
                assertEquals(d.day().toString(), days.get(k), "day " + k);
                assertEquals(d.installedUnitDays(), j.getDouble("series[" + k + "].unitsInstalled"), 1e-6, d.day() + "");
                assertEquals(d.unitAvailability(), j.getDouble("series[" + k + "].unitAvailability"), 1e-9, d.day() + "");
                assertEquals(d.hashrateAvailability(), j.getDouble("series[" + k + "].hashrateAvailability"), 1e-9,
                        d.day() + "");
                assertEquals(d.lostThDays(), j.getDouble("series[" + k + "].lostThDays"), 1e-6, d.day() + "");
                k++;
            }
            assertEquals(k, days.size());
        }
    }

    @Test
    void theFleetNowAgreesWithTheMinersTable() {
        JsonPath j = as(Tokens.MANAGER).get("/api/availability").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        DashboardFixtures fx = new DashboardFixtures(ds, "HN");
        long installed = fx.id("select count(*) from miner where status in ('HASHING','DEGRADED','DOWN','IN_REPAIR')");
        long hashing = fx.id("select count(*) from miner where status in ('HASHING','DEGRADED')");
        assertEquals(installed, j.getDouble("now.unitsInstalled"), EPS);
        assertEquals(hashing, j.getDouble("now.unitsHashing"), EPS);
    }

    @Test
    void onlyManagersAndAdminsReadTheDashboardApi() {
        for (String path : List.of("/api/availability", "/api/backlog", "/api/backlog/items", "/api/turnaround",
                "/api/holds-by-age")) {
            as(Tokens.TECH_TX).get(path).then().statusCode(403);
            as(Tokens.LOGISTICS).get(path).then().statusCode(403);
            given().get(path).then().statusCode(401);
            as(Tokens.MANAGER).get(path).then().statusCode(200);
            as(Tokens.ADMIN).get(path).then().statusCode(200);
        }
    }

    @Test
    void badFiltersAreRefusedWithEveryProblemNamed() {
        as(Tokens.MANAGER).queryParam("site", "NOPE").queryParam("vendor", "ACME").queryParam("from", "2026-13-01")
                .queryParam("to", "2999-01-01").queryParam("hashprice", -1).get("/api/availability").then()
                .statusCode(400).contentType("application/problem+json").body("violations.field", hasItems("hashprice"));
        as(Tokens.MANAGER).queryParam("site", "NOPE").queryParam("vendor", "ACME").queryParam("from", "2026-13-01")
                .queryParam("to", "2999-01-01").get("/api/availability").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("site", "vendor", "from", "to"));
        as(Tokens.MANAGER).queryParam("from", "2026-05-02").queryParam("to", "2026-05-01").get("/api/backlog").then()
                .statusCode(400).body("violations[0].field", equalTo("from"));
        as(Tokens.MANAGER).queryParam("stage", "LIMBO").get("/api/backlog/items").then().statusCode(400)
                .body("violations[0].field", equalTo("stage"));
        JsonPath bitmain = as(Tokens.MANAGER).queryParam("vendor", "bitmain").get("/api/availability").then()
                .statusCode(200).body("filters.vendor", equalTo("BITMAIN")).extract().jsonPath().using(DOUBLES);
        long installed = new DashboardFixtures(ds, "HV").id("select count(*) from miner m join miner_model mm on "
                + "mm.id = m.model_id where mm.vendor = 'BITMAIN' and m.status in ('HASHING','DEGRADED','DOWN','IN_REPAIR')");
        assertEquals(installed, bitmain.getDouble("now.unitsInstalled"), EPS);
        assertEquals(List.of("BITMAIN"), bitmain.getList("byVendor.key", String.class));
    }
}
