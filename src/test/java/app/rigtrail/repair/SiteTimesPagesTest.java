package app.rigtrail.repair;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Times in one format with their zone: the site's for technicians, the viewer's choice (site or UTC) in the office. */
@QuarkusTest
class SiteTimesPagesTest {

    /** yyyy-MM-dd HH:mm ZONE, the one format every page uses. */
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} (CST|CDT|UTC)");
    static final String CHICAGO = ZonedDateTime.now(ZoneId.of("America/Chicago"))
            .format(DateTimeFormatter.ofPattern("zzz", Locale.US));

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aTechnicianReadsTheSitesClockEvenIfACookieAsksForUtc() {
        long ticket = RepairFixtures.openHashboardTicket("times")[0];
        String page = given().cookie("rigtrail-times", "utc").get("/tickets/" + ticket).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains(" " + CHICAGO + " by tech-tx"), "TX1 is in America/Chicago");
        assertTrue(TIME.matcher(page).find());
        assertTrue(!page.matches("(?s).*\\d{2}:\\d{2}:\\d{2}\\.\\d+.*"), "no raw ISO times with fractions");
        assertTrue(!page.contains("Times: "), "technicians get no switch");
    }

    @Test
    @TestSecurity(user = "logi", roles = "logistics")
    void anOfficeUserSwitchesBetweenTheSitesZoneAndUtc() {
        long ticket = RepairFixtures.openHashboardTicket("office times")[0];
        given().get("/tickets/" + ticket).then().statusCode(200).body(containsString(" " + CHICAGO + " by tech-tx"))
                .body(containsString("Times: site zone"));
        String cookie = given().contentType("application/x-www-form-urlencoded").formParam("zone", "utc")
                .header("Referer", "http://localhost/tickets/" + ticket).redirects().follow(false)
                .post("/preferences/times").then().statusCode(303)
                .header("Location", containsString("/tickets/" + ticket)).extract().cookie("rigtrail-times");
        given().cookie("rigtrail-times", cookie).get("/tickets/" + ticket).then().statusCode(200)
                .body(containsString(" UTC by tech-tx")).body(not(containsString(" " + CHICAGO + " by")))
                .body(containsString("Times: UTC"));
    }
}
