package app.rigtrail.fleet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** A technician sees and changes only their own sites: the denials, not only the grants. */
@QuarkusTest
public class SiteScopeTest {

    long tx1;
    long nd1;
    long nd1Miner;
    String nd1Serial;
    long nd1Component;

    @BeforeEach
    void findAnotherSitesMiner() {
        tx1 = siteId("TX1");
        nd1 = siteId("ND1");
        nd1Miner = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).queryParam("site", nd1)
                .get("/api/miners").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        nd1Serial = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/miners/" + nd1Miner)
                .then().extract().path("miner.serial");
        nd1Component = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/miners/" + nd1Miner)
                .then().extract().jsonPath().getLong("components[0].id");
    }

    public static long siteId(String code) {
        return given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).queryParam("q", code).get("/api/sites")
                .then().statusCode(200).extract().jsonPath().getLong("items.find { it.code == '" + code + "' }.id");
    }

    @Test
    void technicianListsOnlyTheirSites() {
        List<Integer> siteIds = given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).queryParam("size", 500)
                .get("/api/miners").then().statusCode(200).body("total", equalTo(120))
                .extract().jsonPath().getList("items.siteId", Integer.class);
        assertTrue(siteIds.stream().allMatch(id -> id == tx1 || id == siteId("TX2")), siteIds.toString());
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).get("/api/sites")
                .then().statusCode(200).body("total", equalTo(2)).body("items.code", everyItem(in(List.of("TX1", "TX2"))));
    }

    @Test
    void shouldRefuseAnotherSitesMinerById() {
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).get("/api/miners/" + nd1Miner)
                .then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Site not assigned")).body("detail", containsString("tech-tx"));
        given().header("Authorization", Tokens.bearer(Tokens.TECH_ND)).get("/api/miners/" + nd1Miner)
                .then().statusCode(200).body("miner.site", equalTo("ND1"));
    }

    @Test
    void shouldRefuseAnotherSitesComponentAndSite() {
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).get("/api/components/" + nd1Component)
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).get("/api/sites/" + nd1)
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).queryParam("site", nd1).get("/api/components")
                .then().statusCode(403);
    }

    @Test
    void shouldFindNothingOfAnotherSiteBySearch() {
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).queryParam("q", nd1Serial).get("/api/miners")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).queryParam("q", nd1Serial).get("/api/components")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Tokens.bearer(Tokens.LOGISTICS)).queryParam("q", nd1Serial).get("/api/miners")
                .then().statusCode(200).body("total", equalTo(1));
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).queryParam("site", nd1).get("/api/miners")
                .then().statusCode(403);
    }

    @Test
    void shouldLeaveOtherSitesOutOfTheCsvExport() {
        String csv = given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).get("/api/miners/export")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertFalse(csv.contains(nd1Serial), "export leaked another site's miner");
        assertTrue(csv.contains(",TX1,") && csv.contains(",TX2,"));
        assertTrue(csv.lines().count() == 121, "header and 120 miners (60 at each of two sites), got " + csv.lines().count());
        given().header("Authorization", Tokens.bearer(Tokens.TECH_TX)).queryParam("site", nd1)
                .get("/api/miners/export").then().statusCode(403);
        String all = given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).get("/api/miners/export")
                .then().statusCode(200).extract().asString();
        assertTrue(all.contains(nd1Serial));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void shouldShowAReadableRefusalPageForAnotherSitesMiner() {
        given().accept("text/html").get("/miners/" + nd1Miner)
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("Site not assigned")).body(not(containsString("Exception")));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void technicianPagesListOnlyTheirMiners() {
        given().accept("text/html").get("/miners").then().statusCode(200)
                .body(containsString("Miners <small class=\"muted\">120</small>"))
                .body(not(containsString(nd1Serial)));
        given().get("/miners/export.csv").then().statusCode(200)
                .body(not(containsString(nd1Serial)));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void technicianCannotOpenAdminPages() {
        given().accept("text/html").get("/sites/" + tx1 + "/edit").then().statusCode(403)
                .body(containsString("Forbidden"));
        given().contentType("application/x-www-form-urlencoded").formParam("code", "TX1")
                .post("/sites/" + tx1).then().statusCode(403);
    }

    @Test
    void everyMinerIsCounted() {
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).get("/api/miners")
                .then().statusCode(200).body("total", greaterThan(139));
    }
}
