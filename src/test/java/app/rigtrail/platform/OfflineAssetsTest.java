package app.rigtrail.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What the tablet needs offline is in the jar: the service worker at the root (public: the browser
 * checks it for updates without a session) and the npm libraries the build copied from
 * frontend/package-lock.json (Workbox's modules under the names workbox-sw loads, idb, ZXing).
 */
@QuarkusTest
class OfflineAssetsTest {

    @Test
    void theServiceWorkerAndItsLibrariesAreServedWithoutASession() {
        given().redirects().follow(false).get("/sw.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(containsString("workbox.setConfig"));
        for (String module : new String[] {"core", "routing", "strategies", "precaching", "expiration",
                "cacheable-response", "recipes"}) {
            given().get("/static/vendor/workbox/workbox-" + module + ".prod.js").then().statusCode(200)
                    .contentType(containsString("javascript"));
        }
        given().get("/static/vendor/workbox/workbox-sw.js").then().statusCode(200);
        given().get("/static/vendor/idb/umd.js").then().statusCode(200).body(containsString("openDB"));
        given().get("/static/vendor/zxing/zxing-library.min.js").then().statusCode(200)
                .body(containsString("BrowserMultiFormatReader"));
        // the favicon (#14 item 8), served without a session as a browser asks for it before logging in
        given().redirects().follow(false).get("/static/favicon.svg").then().statusCode(200)
                .contentType(containsString("image/svg+xml")).body(containsString("<svg"));
        // the pages themselves still need a session
        given().redirects().follow(false).get("/tickets").then().statusCode(302)
                .header("Location", containsString("response_type=code"));
    }
}
