package app.rigtrail.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Page tests post forms the way a browser that loaded the form does: with the CSRF cookie and the
 * same token (sent as the htmx header, which the filter checks first). Registered for every
 * {@code @QuarkusTest}; a test that wants to send a post without it (to see the refusal) adds the
 * header {@value #WITHOUT}, or sets its own {@code csrf-token} cookie.
 */
public class BrowserForms implements Filter, QuarkusTestBeforeEachCallback {

    public static final String WITHOUT = "X-Test-Without-Csrf";
    public static final String COOKIE = "csrf-token";
    public static final String HEADER = "X-CSRF-TOKEN";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BrowserForms INSTANCE = new BrowserForms();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /** A fresh token as the extension makes them (16 random bytes, base64url). */
    public static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext ctx) {
        boolean without = request.getHeaders().hasHeaderWithName(WITHOUT);
        if (without) {
            request.removeHeader(WITHOUT);
        }
        String path = request.getDerivedPath();
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!without && !api && !SAFE.contains(request.getMethod()) && !request.getCookies().hasCookieWithName(COOKIE)) {
            String token = token();
            request.cookie(COOKIE, token);
            request.header(HEADER, token);
        }
        return ctx.next(request, response);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BrowserForms;
    }

    @Override
    public int hashCode() {
        return BrowserForms.class.hashCode();
    }
}
