package app.rigtrail.fleet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.domain.MinerCsv;
import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
class MinerImportTest {

    static final String HEADER = String.join(",", MinerCsv.HEADER) + "\n";
    static final String SITE = "IMP";

    @BeforeEach
    void importSite() {
        int found = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).queryParam("q", SITE)
                .get("/api/sites").then().extract().path("total");
        if (found == 0) {
            given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).contentType("application/json")
                    .body("{\"code\":\"" + SITE + "\",\"name\":\"Import test\",\"region\":\"OK\",\"country\":\"US\","
                            + "\"timeZone\":\"America/Chicago\",\"buildings\":1,\"rowsPerBuilding\":2,\"racksPerRow\":3,"
                            + "\"slotsPerRack\":4}")
                    .post("/api/sites").then().statusCode(201);
        }
    }

    static io.restassured.response.ValidatableResponse importCsv(String csv) {
        return given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).contentType("text/csv").body(csv)
                .post("/api/miners/import").then();
    }

    static int minersMatching(String q) {
        return given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).queryParam("q", q).get("/api/miners")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void importsMinersWithTheirComponentsAndGenealogy() {
        importCsv(HEADER
                + "IMPA001,,02:10:00:00:00:01,BITMAIN,S21,IMP,1/1/1/1,HASHING,2027-06-30,IMPA001-H1;IMPA001-H2;IMPA001-H3,IMPA001-F1;IMPA001-F2,IMPA001-P1,IMPA001-C1\n"
                + "IMPA002,RGT-M60S-990002,,MICROBT,Whatsminer M60S,IMP,1/1/1/2,DOWN,,IMPA002-H1@MB-HB-M60S,,,\n")
                .statusCode(200).body("miners", equalTo(2)).body("components", equalTo(8));
        int id = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).queryParam("q", "IMPA001")
                .get("/api/miners").then().body("total", equalTo(1)).body("items[0].assetCode", containsString("RGT-S21-"))
                .extract().path("items[0].id");
        int component = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/miners/" + id)
                .then().statusCode(200).body("components.size()", equalTo(7))
                .body("components.find { it.kind == 'PSU' }.partNumber", equalTo("BM-APW17"))
                .body("history[0].toStatus", equalTo("HASHING"))
                .extract().path("components[0].id");
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/components/" + component)
                .then().statusCode(200).body("genealogy.size()", equalTo(1))
                .body("genealogy[0].minerAssetCode", containsString("RGT-S21-")).body("genealogy[0].actor", equalTo("admin"));
    }

    @Test
    void shouldRejectABadFileWholeListingEveryBadRow() {
        importCsv(HEADER + "IMPB000,,,BITMAIN,S21,IMP,1/2/3/4,,,,,,\n").statusCode(200);
        String bad = HEADER
                + "IMPB001,,,BITMAIN,S21,IMP,1/1/3/1,,,,,,\n"                                   // good on its own
                + "IMPB002,,,BITMAIN,S21,NOPE,1/1/3/2,,,,,,\n"                                  // unknown site
                + "IMPB000,,,BITMAIN,S21,IMP,1/1/3/3,,,,,,\n"                                   // serial exists
                + "IMPB004,,,BITMAIN,S21,IMP,1/2/3/4,,,,,,\n"                                   // position taken
                + "IMPB005,,,BITMAIN,S21,IMP,9/1/1/1,,,,,,\n"                                   // outside the racks
                + "IMPB006,,,CANAAN,S21,IMP,1/1/3/4,,,,,,\n"                                    // wrong vendor
                + "IMPB007,,,BITMAIN,S21,IMP,1/1/2/1,,,a1;a2;a3;a4,,,\n"                        // four hashboards
                + "IMPB008,,,BITMAIN,S21,IMP,1/1/2/2,,,IMPB008-H1@BM-APW17,,,\n"                // a PSU as a hashboard
                + "IMPB009,,,BITMAIN,S9000,IMP,1/1/2/3,,,,,,\n"                                 // unknown model
                + "IMPB010,,,BITMAIN,S21,IMP,1/1/2/4,,tomorrow,,,,\n";                          // bad date
        importCsv(bad).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nothing was imported"))
                .body("violations.field", hasItems("line 3: site", "line 4: serial", "line 5: position",
                        "line 6: position", "line 7: vendor", "line 8: hashboards", "line 9: hashboards",
                        "line 10: model", "line 11: warranty_end"));
        assertTrue(minersMatching("IMPB001") == 0, "the good row of a bad file must not be written");
    }

    @Test
    void exportReimportsAsDuplicates() {
        String exported = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).queryParam("q", "BTS21")
                .get("/api/miners/export").then().statusCode(200).extract().asString();
        List<String> lines = exported.lines().toList();
        assertTrue(lines.get(0).startsWith("serial,asset_code,mac,vendor,model,site,position"));
        assertTrue(lines.size() > 1);
        importCsv(lines.get(0) + "\n" + lines.get(1) + "\n").statusCode(400)
                .body("violations.field", hasItems("line 2: serial", "line 2: asset_code", "line 2: position"));
    }

    @Test
    void shouldRefuseAnEmptyOrHeaderlessFile() {
        importCsv("").statusCode(400).contentType("application/problem+json");
        importCsv(HEADER).statusCode(400).body("violations[0].message", containsString("no miners"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theImportPageShowsEveryProblem() {
        given().multiPart("file", "miners.csv", (HEADER + "IMPC001,,,BITMAIN,S21,NOPE,1/1/1/1,,,,,,\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/miners/import").then().statusCode(200)
                .body(containsString("nothing was imported")).body(containsString("unknown site code NOPE"));
        given().multiPart("file", "miners.csv", (HEADER + "IMPC002,,,BITMAIN,S21,IMP,1/2/1/1,,,,,,\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/miners/import").then().statusCode(200).body(containsString("Imported 1 miners"));
    }
}
