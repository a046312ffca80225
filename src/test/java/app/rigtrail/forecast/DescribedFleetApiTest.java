package app.rigtrail.forecast;

import static app.rigtrail.forecast.ForecastApiTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** POST /api/forecasts with a described fleet (#12 item 4): the docs' example runs; bad fields are named. */
@QuarkusTest
class DescribedFleetApiTest {

    static String fleet(int machines, String extra) {
        return "{\"sites\":[{\"code\":\"TX1\",\"machines\":{\"BITMAIN\":" + machines + "},\"thsPerMachine\":{\"BITMAIN\":110},"
                + "\"spares\":{\"BITMAIN\":{\"HASHBOARD\":20}},\"technicians\":3}],"
                + "\"parts\":[{\"vendor\":\"BITMAIN\",\"kind\":\"HASHBOARD\",\"perMachine\":3,\"failuresPerUnitYear\":0.05,"
                + "\"benchShare\":0.5,\"vendorHubShare\":0.3,\"onshoreShare\":0.2,\"scrapShare\":0,"
                + "\"bench\":{\"type\":\"WEIBULL\",\"shape\":1.5,\"scale\":6},\"heldShare\":0.1,\"heldShareOut\":0.05,"
                + "\"excludedShare\":0.01,\"leadDays\":45}],"
                + "\"hubs\":[{\"code\":\"SZ\",\"route\":\"VENDOR_HUB\",\"vendors\":[\"BITMAIN\"],\"partKinds\":[\"HASHBOARD\"],"
                + "\"crossesBorder\":true,\"transitDays\":21,\"capacityPerWeek\":50,\"turnaroundDays\":10},"
                + "{\"code\":\"DAL\",\"route\":\"ONSHORE_PARTNER\",\"vendors\":[\"BITMAIN\"],\"partKinds\":[\"HASHBOARD\"],"
                + "\"crossesBorder\":false,\"transitDays\":3,\"turnaroundDays\":7}],"
                + "\"hold\":{\"type\":\"EXPONENTIAL\",\"mean\":14},\"warmupDays\":200,\"swapDays\":0.1}" + extra;
    }

    @Test
    void aDescribedFleetRunsFromItsWarmUpAndBadFieldsAreNamed() {
        int fades = as(Tokens.MANAGER).get("/api/scenarios").jsonPath().getInt("find { it.code == 'review-fades' }.id");
        as(Tokens.MANAGER).body("{\"scenarios\":[" + fades + "],\"horizonDays\":30,\"replications\":20,\"seed\":7,"
                + "\"fleet\":" + fleet(1000, "") + "}").post("/api/forecasts").then().statusCode(200)
                .body("start", equalTo("warmup")).body("warmupDays", equalTo(200))
                .body("scenarios[0].fleet.unitsInstalled", equalTo(1000));
        as(Tokens.MANAGER).body("{\"scenarios\":[" + fades + "],\"start\":\"now\",\"fleet\":" + fleet(2_000_000, "")
                + "}").post("/api/forecasts").then().statusCode(400)
                .body("violations.field", hasItems("start", "fleet.sites[0].machines.BITMAIN"));
    }

    /**
     * The example of docs/scenarios.md, as written there (fewer replications, the fades scenario's id),
     * with a PSU held on its way out for its own law: the fields bind and the run answers.
     */
    @Test
    void theDocumentedExampleRuns() throws Exception {
        String doc = Files.readString(Path.of("docs/scenarios.md"));
        int section = doc.indexOf("## A described fleet");
        int from = doc.indexOf("```json", section) + "```json".length();
        String example = doc.substring(from, doc.indexOf("```", from));
        org.junit.jupiter.api.Assertions.assertTrue(example.contains("\"holdOut\""), example);
        int fades = as(Tokens.MANAGER).get("/api/scenarios").jsonPath().getInt("find { it.code == 'review-fades' }.id");
        String body = example.replace("\"scenarios\": [1]", "\"scenarios\": [" + fades + "]")
                .replace("\"replications\": 500", "\"replications\": 20");
        as(Tokens.MANAGER).body(body).post("/api/forecasts").then().statusCode(200)
                .body("warmupDays", equalTo(200)).body("scenarios[0].fleet.unitsInstalled", equalTo(1000));
    }

    /**
     * #12 item 1: "start":"warmup" without warm-up days draws day 0 from the steady state (Palm) and
     * simulates no warm-up. A fleet where every stage is an infinite-server stage (daily shipping,
     * hubs without a limit, fixed laws): each stage's count is Poisson with mean flow x days in the
     * stage, derived here by hand, on day 0 and on day 29 (stationary), each within 4.5 standard
     * errors of a Poisson mean over the replications (simultaneous for the 12 checks).
     */
    @Test
    void aWarmUpWithoutWarmUpDaysStartsFromThePalmSteadyState() {
        int fades = as(Tokens.MANAGER).get("/api/scenarios").jsonPath().getInt("find { it.code == 'review-fades' }.id");
        int machines = 20_000;
        String fleet = "{\"sites\":[{\"code\":\"TX1\",\"machines\":{\"BITMAIN\":" + machines + "},"
                + "\"spares\":{\"BITMAIN\":{\"HASHBOARD\":5000}}}],"
                + "\"parts\":[{\"vendor\":\"BITMAIN\",\"kind\":\"HASHBOARD\",\"perMachine\":3,\"failuresPerUnitYear\":0.1,"
                + "\"benchShare\":0.4,\"vendorHubShare\":0.4,\"onshoreShare\":0.2,\"scrapShare\":0,"
                + "\"bench\":{\"type\":\"FIXED\",\"days\":5},\"heldShare\":0.08,\"heldShareOut\":0.05,"
                + "\"excludedShare\":0,\"leadDays\":30}],"
                + "\"hubs\":[{\"code\":\"SZ\",\"route\":\"VENDOR_HUB\",\"vendors\":[\"BITMAIN\"],\"partKinds\":[\"HASHBOARD\"],"
                + "\"crossesBorder\":true,\"transitDays\":21,\"turnaroundDays\":10},"
                + "{\"code\":\"DAL\",\"route\":\"ONSHORE_PARTNER\",\"vendors\":[\"BITMAIN\"],\"partKinds\":[\"HASHBOARD\"],"
                + "\"crossesBorder\":false,\"transitDays\":3,\"turnaroundDays\":7}],"
                + "\"hold\":{\"type\":\"FIXED\",\"days\":14}}";
        int reps = 400;
        JsonPath r = as(Tokens.MANAGER).body("{\"scenarios\":[" + fades + "],\"horizonDays\":30,\"replications\":" + reps
                + ",\"seed\":11,\"shipEveryDays\":{\"TX1\":{\"vendorHub\":1,\"onshorePartner\":1}},\"fleet\":" + fleet + "}")
                .post("/api/forecasts").then().statusCode(200).extract().jsonPath();
        assertEquals("warmup", r.getString("start"));
        assertEquals(0, r.getInt("warmupDays"), "no warm-up simulated: day 0 is drawn from the steady state");
        double perDay = machines * 3 * 0.1 / 365.0;
        double[][] palm = {
            {perDay * 0.4 * 5}, // BENCH_REPAIR: bench share x 5 days
            {perDay * (0.4 * 21 + 0.2 * 3)}, // IN_TRANSIT: one leg each way
            {perDay * 0.4 * (0.08 + 0.05) * 14}, // CUSTOMS_HOLD: held shares both ways x 14 days
            {perDay * (0.4 * 10 + 0.2 * 7)}, // HUB_REPAIR: turnarounds
            {perDay * (0.4 * 21 + 0.2 * 3)}, // RETURNING
            {0}}; // AWAITING_RMA_SHIPMENT: shipped every day, none left at day's end
        String[] stages = {"BENCH_REPAIR", "IN_TRANSIT", "CUSTOMS_HOLD", "HUB_REPAIR", "RETURNING", "AWAITING_RMA_SHIPMENT"};
        for (int i = 0; i < stages.length; i++) {
            List<Float> mean = r.getList("scenarios[0].fleet.backlog." + stages[i] + ".mean", Float.class);
            double m = palm[i][0];
            for (int d : new int[] {0, 29}) {
                assertEquals(m, mean.get(d), 4.5 * Math.sqrt(Math.max(m, 0.01) / reps) + 1e-3,
                        stages[i] + " on day " + d + " against Palm (flow x days in the stage)");
            }
        }
        // not vacuous: an empty start would hold no part in repair at the hub on day 0
        assertTrue(r.getList("scenarios[0].fleet.backlog.HUB_REPAIR.mean", Float.class).get(0) > 20);
    }
}
