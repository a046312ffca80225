package app.rigtrail.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** CSRF tokens, the Origin check and the security headers, on the pages and the API. */
@QuarkusTest
class CrossSiteTest {

    private static int sitesCalled(String name) {
        return given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).queryParam("size", 500).get("/api/sites")
                .then().statusCode(200).extract().jsonPath().getList("items.name", String.class).stream()
                .filter(name::equals).toList().size();
    }

    private static io.restassured.specification.RequestSpecification siteForm(String code, String name) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("code", code).formParam("name", name).formParam("region", "TX")
                .formParam("country", "US").formParam("timeZone", "America/Chicago").formParam("buildings", "1")
                .formParam("rowsPerBuilding", "1").formParam("racksPerRow", "1").formParam("slotsPerRack", "1");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theFormCarriesTheCookiesTokenAndPostingItWorks() {
        Response form = given().get("/sites/new");
        form.then().statusCode(200);
        String cookie = form.getCookie(BrowserForms.COOKIE);
        assertNotNull(cookie, "a page sets the CSRF cookie");
        assertTrue(form.getDetailedCookie(BrowserForms.COOKIE).isHttpOnly());
        Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(form.asString());
        assertTrue(field.find(), "the form has the hidden token field");
        assertEquals(cookie, field.group(1));
        Matcher meta = Pattern.compile("<meta name=\"csrf-token\" data-header=\"X-CSRF-TOKEN\" content=\"([^\"]+)\"")
                .matcher(form.asString());
        assertTrue(meta.find(), "htmx reads the token from the page");
        assertEquals(cookie, meta.group(1));
        siteForm("CS1", "Posted with the form's token").cookie(BrowserForms.COOKIE, cookie)
                .formParam("csrf-token", field.group(1)).post("/sites").then().statusCode(303);
        assertEquals(1, sitesCalled("Posted with the form's token"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aPostWithoutTheTokenIsRefusedWithAReadablePageAndChangesNothing() {
        siteForm("CS2", "No token").header(BrowserForms.WITHOUT, "yes").post("/sites")
                .then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("This form has expired")).body(containsString("nothing was changed"));
        assertEquals(0, sitesCalled("No token"));
        String cookie = BrowserForms.token();
        siteForm("CS3", "Wrong token").cookie(BrowserForms.COOKIE, cookie).formParam("csrf-token", BrowserForms.token())
                .post("/sites").then().statusCode(400).body(containsString("This form has expired"));
        siteForm("CS3", "Wrong token").cookie(BrowserForms.COOKIE, cookie).header(BrowserForms.HEADER, BrowserForms.token())
                .post("/sites").then().statusCode(400);
        assertEquals(0, sitesCalled("Wrong token"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aCrossOriginPostIsRefusedEvenWithAValidTokenPair() {
        String token = BrowserForms.token();
        siteForm("CS4", "From evil").cookie(BrowserForms.COOKIE, token).formParam("csrf-token", token)
                .header("Origin", "http://evil.example").post("/sites")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("sent from another site")).body(containsString("http://evil.example"));
        siteForm("CS4", "From evil").cookie(BrowserForms.COOKIE, token).formParam("csrf-token", token)
                .header("Sec-Fetch-Site", "cross-site").post("/sites").then().statusCode(403);
        siteForm("CS4", "From evil").cookie(BrowserForms.COOKIE, token).formParam("csrf-token", token)
                .header("Origin", "null").post("/sites").then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .formParam("username", "tech-tx").formParam("siteIds", "1").post("/admin/users").then().statusCode(403);
        assertEquals(0, sitesCalled("From evil"));
        // the same form from the app's own origin goes through
        siteForm("CS5", "From home").header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .header("Sec-Fetch-Site", "same-origin").post("/sites").then().statusCode(303);
        assertEquals(1, sitesCalled("From home"));
    }

    @Test
    void theApiTakesBearerPostsWithoutAnyFormTokenAndSetsNoCsrfCookie() {
        Response r = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).contentType("application/json")
                .cookie(BrowserForms.COOKIE, "stale-value-from-a-cookie-jar")
                .body("{\"code\":\"ZZQ\",\"name\":\"Api port\",\"country\":\"US\"}").post("/api/ports");
        r.then().log().ifValidationFails().statusCode(201);
        assertEquals(null, r.getCookie(BrowserForms.COOKIE));
        Response list = given().header("Authorization", Tokens.bearer(Tokens.ADMIN)).get("/api/ports");
        list.then().statusCode(200);
        assertEquals(null, list.getCookie(BrowserForms.COOKIE));
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : List.of("/", "/static/pages.js", "/nope-not-here")) {
            Response r = given().get(path);
            String csp = r.getHeader("Content-Security-Policy");
            assertNotNull(csp, path);
            String scripts = Stream.of(csp.split(";")).map(String::trim).filter(d -> d.startsWith("script-src"))
                    .findFirst().orElseThrow();
            assertFalse(scripts.contains("unsafe-inline") || scripts.contains("unsafe-eval"), scripts);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            r.then().header("X-Content-Type-Options", equalTo("nosniff")).header("Referrer-Policy", equalTo("same-origin"))
                    .header("X-Frame-Options", equalTo("DENY")).header("Strict-Transport-Security", nullValue());
        }
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).get("/api/sites").then()
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void noTemplateHasAnInlineScriptOrHandler() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>");
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
        Pattern postForm = Pattern.compile("<form\\b[^>]*method=\"post\"[^>]*>(?!\\{#csrf /\\})");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            List<Path> templates = files.filter(p -> p.toString().endsWith(".html")).toList();
            assertTrue(templates.size() > 30, "the templates were found");
            for (Path t : templates) {
                String html = Files.readString(t);
                assertFalse(inlineScript.matcher(html).find(), t + " has an inline script");
                assertFalse(handler.matcher(html).find(), t + " has an inline event handler");
                assertFalse(postForm.matcher(html).find(), t + " has a posting form without {#csrf /}");
            }
        }
    }

    @Test
    @TestSecurity(user = "mgr", roles = "manager")
    void pagesLoadTheirScriptsFromStatic() {
        given().get("/holds").then().statusCode(200).body(containsString("<script src=\"/static/holds.js\""))
                .body(not(containsString("new Chart(")));
        given().get("/static/holds.js").then().statusCode(200).body(containsString("dwell-chart"));
    }
}
