package app.rigtrail.forecast;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ForecastApiTest {

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
    }

    static List<Integer> builtInIds() {
        return as(Tokens.MANAGER).get("/api/scenarios").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.builtIn }.id", Integer.class);
    }

    @Test
    void theThreeBuiltInScenariosAreListedWithTheirParameters() {
        as(Tokens.MANAGER).get("/api/scenarios").then().statusCode(200)
                .body("findAll { it.builtIn }.code", hasItems("review-fades", "managed-box", "entity-list"))
                .body("find { it.code == 'entity-list' }.name", equalTo("Entity list"))
                .body("find { it.code == 'entity-list' }.parameters.effectiveAfterDays", equalTo(30))
                .body("find { it.code == 'entity-list' }.parameters.fallback", equalTo("BENCH"))
                .body("find { it.code == 'entity-list' }.parameters.rules.find { it.vendor == 'BITMAIN' }.ordersAllowed",
                        equalTo(false))
                .body("id", everyItem(notNullValue()));
    }

    @Test
    void managersCopyAndEditTheirOwnScenariosButNotTheBuiltInOnesOrSomeoneElses() {
        int entityList = as(Tokens.MANAGER).get("/api/scenarios").jsonPath()
                .getInt("find { it.code == 'entity-list' }.id");
        JsonPath copy = as(Tokens.MANAGER).body("{\"copyOf\":" + entityList + ",\"name\":\"Entity list, onshore doubled\"}")
                .post("/api/scenarios").then().statusCode(201).header("Location", containsString("/api/scenarios/"))
                .body("builtIn", equalTo(false)).body("owner", equalTo("mgr"))
                .body("copiedFrom", equalTo(entityList))
                .body("parameters.rules.find { it.vendor == 'BITMAIN' }.vendorHubsOpen", equalTo(false))
                .extract().jsonPath();
        int id = copy.getInt("id");
        int version = copy.getInt("version");
        String params = "{\"effectiveDate\":\"2027-01-15\",\"rules\":[{\"vendor\":\"BITMAIN\",\"vendorHubsOpen\":false,"
                + "\"ordersAllowed\":false,\"onshoreShare\":0.6,\"vendorHubShare\":0}],"
                + "\"hubs\":[{\"hub\":\"OP-GA\",\"capacityPerWeek\":120}]}";
        JsonPath edited = as(Tokens.MANAGER).body("{\"parameters\":" + params + ",\"version\":" + version
                + ",\"reason\":\"partner doubles its bench\"}").put("/api/scenarios/" + id).then().statusCode(200)
                .body("parameters.hubs[0].capacityPerWeek", equalTo(120))
                .body("parameters.effectiveDate", equalTo("2027-01-15")).extract().jsonPath();
        assertNotEquals(version, edited.getInt("version"), "an edit moves the version");
        // a second tablet still holding the old version is told, not overwritten
        as(Tokens.MANAGER).body("{\"name\":\"stale\",\"version\":" + version + "}").put("/api/scenarios/" + id).then()
                .statusCode(409).contentType(containsString("application/problem+json"));
        as(Tokens.MANAGER).body("{\"name\":\"mine now\"}").put("/api/scenarios/" + entityList).then().statusCode(409)
                .body("detail", containsString("copy it"));
        as(Tokens.OTHER_MANAGER).body("{\"name\":\"mine now\"}").put("/api/scenarios/" + id).then().statusCode(403);
        as(Tokens.ADMIN).body("{\"description\":\"checked by the admin\"}").put("/api/scenarios/" + id).then()
                .statusCode(200);
        // the change is on the audit trail: who, when, from, to, why
        as(Tokens.ADMIN).get("/api/scenarios/" + id + "/history").then().statusCode(200)
                .body("items.action", hasItems("copy", "update"))
                .body("items.find { it.reason == 'partner doubles its bench' }.actor", equalTo("mgr"));
    }

    @Test
    void aRetriedCreateWithTheSameKeyMakesOneScenario() {
        String body = "{\"name\":\"Retry test\",\"parameters\":{\"rules\":[{\"vendor\":\"CANAAN\",\"heldShare\":0.3}]}}";
        String key = "scenario-retry-" + System.nanoTime();
        int first = as(Tokens.MANAGER).header("Idempotency-Key", key).body(body).post("/api/scenarios").then()
                .statusCode(201).extract().path("id");
        int again = as(Tokens.MANAGER).header("Idempotency-Key", key).body(body).post("/api/scenarios").then()
                .statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
        assertEquals(1, as(Tokens.MANAGER).get("/api/scenarios").jsonPath()
                .getList("findAll { it.name == 'Retry test' }").size());
        as(Tokens.MANAGER).header("Idempotency-Key", key).body(body.replace("0.3", "0.4")).post("/api/scenarios").then()
                .statusCode(422);
    }

    @Test
    void badScenarioParametersAreRefusedFieldByField() {
        as(Tokens.MANAGER).body("{\"name\":\"\",\"parameters\":{\"rules\":[{\"vendor\":\"ACME\",\"heldShare\":1.5,"
                + "\"holdDistribution\":{\"family\":\"WEIBULL\",\"shape\":2}},{\"vendor\":\"BITMAIN\",\"partKind\":\"PSU\","
                + "\"vendorHubsOpen\":false}],\"hubs\":[{\"hub\":\"NOPE\"}]}}")
                .post("/api/scenarios").then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItems("name", "parameters.rules[0].vendor", "parameters.rules[0].heldShare",
                        "parameters.rules[0].holdDistribution.scaleDays", "parameters.rules[1].vendorHubsOpen",
                        "parameters.hubs[0].hub"));
        as(Tokens.MANAGER).body("{\"name\":\"x\",\"parameters\":{\"rules\":[{\"heldShare\":\"lots\"}]}}")
                .post("/api/scenarios").then().statusCode(400);
    }

    @Test
    void aForecastOfTheThreeBuiltInScenariosHasBandsPairedDifferencesAndIsReproducible() {
        List<Integer> ids = builtInIds();
        String body = "{\"scenarios\":" + ids + ",\"horizonDays\":60,\"replications\":60,\"seed\":42,"
                + "\"startDate\":\"2027-02-01\",\"start\":\"warmup\",\"hashpriceUsdPerThDay\":0.05}";
        JsonPath first = as(Tokens.MANAGER).body(body).post("/api/forecasts").then().statusCode(200)
                .header("Location", containsString("/api/forecasts/"))
                .body("seed", equalTo(42)).body("dates", hasSize(60)).body("dates[0]", equalTo("2027-02-01"))
                .body("scenarios", hasSize(3))
                .body("scenarios[0].fleet.availabilityHashrate.p10", hasSize(60))
                .body("scenarios[0].fleet.backlog.HUB_QUEUE.mean", hasSize(60))
                .body("scenarios[0].sites.size()", greaterThan(1))
                .body("scenarios[0].vendors.vendor", hasItem("BITMAIN"))
                .body("scenarios[2].analytic.availabilityUnits", hasSize(60))
                .body("differences", hasSize(2))
                .body("differences[1].availabilityHashrate.ciLow", hasSize(60))
                .extract().jsonPath();
        // P10 <= P50 <= P90 on every day, and availability is a share
        List<Float> p10 = first.getList("scenarios[2].fleet.availabilityHashrate.p10", Float.class);
        List<Float> p50 = first.getList("scenarios[2].fleet.availabilityHashrate.p50", Float.class);
        List<Float> p90 = first.getList("scenarios[2].fleet.availabilityHashrate.p90", Float.class);
        for (int d = 0; d < 60; d++) {
            assertTrue(p10.get(d) <= p50.get(d) && p50.get(d) <= p90.get(d) && p90.get(d) <= 1 && p10.get(d) >= 0);
        }
        // entity list from 1 March: no Bitmain parts are lost before it, some after
        List<Float> lost = first.getList("scenarios[2].fleet.backlog.LOST.mean", Float.class);
        assertEquals(0f, lost.get(20), "28 days before the listing nothing is lost yet");
        JsonPath again = as(Tokens.MANAGER).body(body).post("/api/forecasts").then().statusCode(200).extract().jsonPath();
        assertEquals(first.getList("scenarios").toString(), again.getList("scenarios").toString(),
                "the same inputs and seed give the same numbers");
        assertNotEquals(first.getLong("id"), again.getLong("id"));
        // reopened later: the saved result, and what it was computed from
        as(Tokens.ADMIN).get("/api/forecasts/" + first.getLong("id")).then().statusCode(200)
                .body("seed", equalTo(42)).body("scenarios[1].name", equalTo("Managed within a box"));
        as(Tokens.MANAGER).get("/api/forecasts/" + first.getLong("id") + "/inputs").then().statusCode(200)
                .body("seed", equalTo(42)).body("scenarios", hasSize(3)).body("baseline.machines", greaterThan(0));
        as(Tokens.MANAGER).get("/api/forecasts").then().statusCode(200)
                .body("items.id", hasItem((int) first.getLong("id")));
    }

    @Test
    void identicalScenariosDifferByExactlyZeroAndCsvIsOneLongTable() {
        int fades = as(Tokens.MANAGER).get("/api/scenarios").jsonPath().getInt("find { it.code == 'review-fades' }.id");
        JsonPath r = as(Tokens.MANAGER).body("{\"scenarios\":[" + fades + "," + fades + "],\"horizonDays\":30,"
                + "\"replications\":40,\"seed\":7}").post("/api/forecasts").then().statusCode(200).extract().jsonPath();
        assertEquals(0.0, r.getDouble("differences[0].hashrateDaysLostThDays.mean"));
        assertEquals(0.0, r.getDouble("differences[0].hashrateDaysLostThDays.ciHigh"));
        String csv = as(Tokens.MANAGER).header("Accept", "text/csv").body("{\"scenarios\":[" + fades + "],"
                + "\"horizonDays\":30,\"replications\":20,\"seed\":7,\"filter\":{\"site\":\"TX1\"}}").post("/api/forecasts")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r?\n");
        assertEquals(String.join(",", ForecastCsv.HEADER), lines[0]);
        assertTrue(csv.contains(",fleet,fleet,availabilityHashrate,"));
        assertTrue(csv.contains(",site,TX1,unitsDown,"));
        assertTrue(!csv.contains(",site,ND1,"), "the filter keeps other sites out");
    }

    @Test
    void badForecastRequestsAreRefusedWithEveryProblem() {
        as(Tokens.MANAGER).body("{\"scenarios\":[999999],\"horizonDays\":400,\"replications\":1,"
                + "\"filter\":{\"site\":\"NOPE\"}}").post("/api/forecasts").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", hasItems("scenarios[0]", "horizonDays", "replications", "filter.site"));
        as(Tokens.MANAGER).body("{}").post("/api/forecasts").then().statusCode(400)
                .body("violations.field", hasItem("scenarios"));
    }

    /** #12 item 2: a scenario that gives a vendor's part no route at all is refused, saying which and why. */
    @Test
    void aScenarioThatRoutesPartsNowhereIsRefusedWithAReadableReason() {
        String params = "{\"effectiveAfterDays\":10,\"rules\":[{\"vendor\":\"BITMAIN\",\"partKind\":\"HASHBOARD\","
                + "\"benchShare\":0,\"vendorHubShare\":0,\"onshoreShare\":0,\"scrapShare\":0}]}";
        // each share alone is valid, so it saves; the run is what cannot route the parts
        int id = as(Tokens.MANAGER).body("{\"name\":\"Hashboards go nowhere\",\"parameters\":" + params + "}")
                .post("/api/scenarios").then().statusCode(201).extract().jsonPath().getInt("id");
        as(Tokens.MANAGER).body("{\"scenarios\":[" + id + "],\"horizonDays\":30,\"replications\":10,\"seed\":1}")
                .post("/api/forecasts").then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("scenarios"))
                .body("violations.message", hasItem(allOf(containsString("BITMAIN hashboards nowhere"),
                        containsString("give at least one a share"))));
    }

    @Test
    void onlyManagersAndAdminsRunForecastsAndEditScenarios() {
        for (String user : List.of(Tokens.TECH_TX, Tokens.LOGISTICS)) {
            as(user).get("/api/scenarios").then().statusCode(403);
            as(user).body("{\"name\":\"x\",\"parameters\":{}}").post("/api/scenarios").then().statusCode(403);
            as(user).body("{\"name\":\"x\"}").put("/api/scenarios/1").then().statusCode(403);
            as(user).body("{\"scenarios\":[1],\"replications\":10}").post("/api/forecasts").then().statusCode(403);
            as(user).get("/api/forecasts").then().statusCode(403);
        }
        given().get("/api/scenarios").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/forecasts").then().statusCode(401);
    }

    @Test
    void aBackgroundRunReportsProgressAndCanBeCancelled() throws InterruptedException {
        List<Integer> ids = builtInIds();
        // one scenario, long enough to be seen running (it is cancelled as soon as it has made progress)
        String started = as(Tokens.MANAGER).body("{\"scenarios\":[" + ids.get(0) + "],\"horizonDays\":365,"
                + "\"replications\":10000,\"seed\":1}").post("/api/forecasts/runs").then().statusCode(202)
                .body("replicationsTotal", equalTo(10000)).extract().path("id");
        as(Tokens.OTHER_MANAGER).get("/api/forecasts/runs/" + started).then().statusCode(404);
        JsonPath running = null;
        for (int i = 0; i < 1200; i++) {
            running = as(Tokens.MANAGER).get("/api/forecasts/runs/" + started).then().statusCode(200).extract().jsonPath();
            if (running.getInt("replicationsDone") > 0 || !List.of("QUEUED", "RUNNING").contains(running.getString("state"))) {
                break;
            }
            Thread.sleep(25);
        }
        assertEquals("RUNNING", running.getString("state"), "seen running with progress: " + running.prettify());
        int seen = running.getInt("replicationsDone");
        assertTrue(seen > 0 && seen < 10000, "progress between none and all: " + seen);
        assertEquals(100L * seen / 10000, running.getInt("percent"), "percent of the replications done");
        as(Tokens.MANAGER).delete("/api/forecasts/runs/" + started).then().statusCode(200)
                .body("cancelRequested", equalTo(true));
        JsonPath cancelled = null;
        for (int i = 0; i < 100; i++) {
            Thread.sleep(100);
            cancelled = as(Tokens.MANAGER).get("/api/forecasts/runs/" + started).then().statusCode(200).extract().jsonPath();
            if ("CANCELLED".equals(cancelled.getString("state"))) {
                break;
            }
        }
        assertEquals("CANCELLED", cancelled.getString("state"));
        int kept = cancelled.getInt("replicationsDone");
        assertTrue(kept >= seen && kept < 10000, "the progress stays where the run stopped: " + seen + " <= " + kept
                + " < 10000");
        assertTrue(cancelled.get("forecastId") == null, "a cancelled run saves no forecast");
        String small = as(Tokens.MANAGER).body("{\"scenarios\":[" + ids.get(0) + "],\"horizonDays\":30,\"replications\":20,"
                + "\"seed\":3}").post("/api/forecasts/runs").then().statusCode(202)
                .body("replicationsTotal", equalTo(20)).extract().path("id");
        JsonPath run = null;
        for (int i = 0; i < 300; i++) {
            run = as(Tokens.MANAGER).get("/api/forecasts/runs/" + small).then().statusCode(200).extract().jsonPath();
            if ("DONE".equals(run.getString("state"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("DONE", run.getString("state"));
        assertEquals(20, run.getInt("replicationsDone"));
        long forecast = run.getLong("forecastId");
        as(Tokens.MANAGER).get("/api/forecasts").then().body("items.id", hasItem((int) forecast));
        as(Tokens.MANAGER).get("/api/forecasts/" + forecast).then().statusCode(200).body("seed", equalTo(3));
    }
}
