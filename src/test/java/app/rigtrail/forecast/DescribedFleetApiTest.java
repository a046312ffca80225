package app.rigtrail.forecast;

import static app.rigtrail.forecast.ForecastApiTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;

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
}
