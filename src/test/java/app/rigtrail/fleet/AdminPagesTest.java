package app.rigtrail.fleet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
class AdminPagesTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void adminEditsASiteThroughTheForm() {
        String created = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("code", "pg1").formParam("name", "Page site").formParam("region", "ok")
                .formParam("country", "us").formParam("timeZone", "America/Chicago").formParam("buildings", "1")
                .formParam("rowsPerBuilding", "1").formParam("racksPerRow", "1").formParam("slotsPerRack", "1")
                .post("/sites").then().statusCode(303).header("Location", containsString("/sites/"))
                .extract().header("Location");
        String id = created.substring(created.lastIndexOf('/') + 1);
        given().get("/sites/" + id + "/edit").then().statusCode(200).body(containsString("value=\"PG1\""))
                .body(containsString("name=\"version\" value=\"0\""));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("code", "PG1").formParam("name", "Page site, renamed").formParam("region", "OK")
                .formParam("country", "US").formParam("timeZone", "America/Chicago").formParam("buildings", "2")
                .formParam("rowsPerBuilding", "1").formParam("racksPerRow", "1").formParam("slotsPerRack", "1")
                .formParam("sensitive", "on").formParam("version", "0")
                .post("/sites/" + id).then().statusCode(303).header("Location", endsWith("/sites/" + id));
        given().get("/sites/" + id).then().statusCode(200).body(containsString("Page site, renamed"))
                .body(containsString("2 building(s)"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRefusedFormKeepsWhatWasTypedAndSaysWhy() {
        given().contentType("application/x-www-form-urlencoded")
                .formParam("code", "PG2").formParam("name", "Keeps this name").formParam("region", "TX")
                .formParam("country", "US").formParam("timeZone", "Nowhere/Land").formParam("buildings", "abc")
                .formParam("rowsPerBuilding", "1").formParam("racksPerRow", "1").formParam("slotsPerRack", "1")
                .post("/sites").then().statusCode(400)
                .body(containsString("value=\"Keeps this name\""))
                .body(containsString("must be a whole number"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void adminAddsAndRemovesSitesWithoutReplacingAndRefusesUnknownUsers() {
        long ok1 = SiteScopeTest.siteId("OK1");
        long ar1 = SiteScopeTest.siteId("AR1");
        given().contentType("application/x-www-form-urlencoded").formParam("username", "nobody-signed-in")
                .formParam("siteIds", ok1).post("/admin/users").then().statusCode(400)
                .body(containsString("Nobody called &#39;nobody-signed-in&#39; has signed in"));
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/users/nobody-signed-in/sites")
                .then().statusCode(200).body("siteIds", org.hamcrest.Matchers.empty());

        // tech-ok signs in once: now an admin can assign them
        given().header("Authorization", Tokens.bearer("tech-ok")).get("/api/me").then().statusCode(200);
        given().get("/admin/users").then().statusCode(200).body(containsString("<option value=\"tech-ok\">"));
        // two admins' forms, both drawn before either saved: each adds its site, neither replaces the other
        given().contentType("application/x-www-form-urlencoded").formParam("username", "tech-ok")
                .formParam("siteIds", ok1).post("/admin/users").then().statusCode(200)
                .body(containsString("Saved the sites of tech-ok: 1 added"));
        given().contentType("application/x-www-form-urlencoded").formParam("username", "tech-ok")
                .formParam("siteIds", ar1).post("/admin/users").then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/users/tech-ok/sites")
                .then().statusCode(200).body("siteIds", org.hamcrest.Matchers.containsInAnyOrder((int) ok1, (int) ar1));
        // the user's own form shows both ticked; unticking OK1 removes only OK1
        String form = given().get("/admin/users?user=tech-ok").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(form.contains("value=\"" + ok1 + "\" checked"), "OK1 is ticked");
        org.junit.jupiter.api.Assertions.assertTrue(form.contains("value=\"" + ar1 + "\" checked"), "AR1 is ticked");
        given().contentType("application/x-www-form-urlencoded").formParam("username", "tech-ok")
                .formParam("had", ok1).formParam("had", ar1).formParam("siteIds", ar1).post("/admin/users").then()
                .statusCode(200).body(containsString("1 removed"));
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/users/tech-ok/sites")
                .then().statusCode(200).body("siteIds", org.hamcrest.Matchers.contains((int) ar1));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void everyListPageRendersForAManager() {
        for (String page : new String[] {"/", "/miners", "/components", "/sites", "/models", "/parts", "/hubs", "/ports"}) {
            given().get(page).then().statusCode(200).body(containsString("Rigtrail"))
                    .body(org.hamcrest.Matchers.not(containsString("Edit</a>")));
        }
        given().get("/miners/import").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void everyEditFormRendersForAnAdmin() {
        for (String page : new String[] {"/sites/new", "/models/new", "/parts/new", "/hubs/new", "/ports/new",
                "/models/1/edit", "/parts/1/edit", "/hubs/1/edit", "/ports/1/edit", "/admin/users", "/miners/import"}) {
            given().get(page).then().statusCode(200).body(containsString("<form"));
        }
        given().get("/miners?q=zzzz-nothing").then().statusCode(200).body(containsString("No miners match"));
        given().get("/sites/987654/edit").then().statusCode(404).body(containsString("does not exist"));
    }
}
