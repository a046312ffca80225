package app.rigtrail.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Cross-site request forgery defences for the pages, in two layers:
 * <ul>
 * <li>an Origin check: a state-changing page request whose {@code Origin} (or {@code Sec-Fetch-Site})
 * says it came from another site is refused with a readable page before anything runs;</li>
 * <li>the CSRF token of {@code quarkus-rest-csrf} (double-submit: an HttpOnly cookie and the same value
 * in the form's hidden field or htmx's {@code X-CSRF-TOKEN} header), whose bare 400 is turned into
 * a readable page here.</li>
 * </ul>
 * The API under /api takes bearer tokens only, which a browser never attaches on its own, so
 * forgery does not apply there. The extension's filter is global, though, and would refuse a
 * multipart photo upload without a cookie: API requests are therefore given a matching pair of
 * one-request values before routing (the Vert.x filter below), and the pair is never sent back.
 */
@Singleton
public class CrossSiteRequests {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String cookieName;

    @ConfigProperty(name = "quarkus.rest-csrf.token-header-name", defaultValue = "X-CSRF-TOKEN")
    String headerName;

    @ConfigProperty(name = "quarkus.rest-csrf.token-size", defaultValue = "16")
    int tokenSize;

    /** Origins besides the app's own that may post forms (e.g. the public URL behind a proxy that rewrites Host). */
    @Inject
    HttpConfig http;

    @ConfigProperty(name = "quarkus.oidc.logout.backchannel.path", defaultValue = "/back-channel-logout")
    String backChannelLogoutPath;

    @Inject
    @Location("error.html")
    Template errorPage;

    private final java.security.SecureRandom random = new java.security.SecureRandom();

    void apiRequestsNeedNoFormToken(@Observes Filters filters) {
        filters.register(this::apiPair, 3000);
    }

    private void apiPair(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!isApi(path)) {
            rc.next();
            return;
        }
        if (!SAFE.contains(rc.request().method().name())) {
            byte[] bytes = new byte[tokenSize];
            random.nextBytes(bytes);
            String value = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            var headers = rc.request().headers();
            String others = otherCookies(headers.get(HttpHeaders.COOKIE));
            headers.set(HttpHeaders.COOKIE, (others.isEmpty() ? "" : others + "; ") + cookieName + "=" + value);
            headers.set(headerName, value);
        }
        // the extension's response filter sets its cookie on every answer: an API client has no use for it
        rc.addHeadersEndHandler(v -> rc.response().removeCookie(cookieName, false));
        rc.next();
    }

    private String otherCookies(String header) {
        if (header == null) {
            return "";
        }
        return String.join("; ", java.util.Arrays.stream(header.split(";")).map(String::trim)
                .filter(c -> !c.isEmpty() && !c.startsWith(cookieName + "=")).toList());
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public void refuseCrossSitePosts(ContainerRequestContext request, RoutingContext rc) {
        String path = rc.normalizedPath();
        if (SAFE.contains(request.getMethod()) || isApi(path) || path.equals(backChannelLogoutPath)) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        String origin = request.getHeaderString("Origin");
        boolean crossSite = "cross-site".equalsIgnoreCase(fetchSite)
                || (origin != null && !sameOrigin(origin, rc.request().absoluteURI()));
        if (crossSite) {
            throw new ProblemException(403, "Refused: sent from another site",
                    "This form was sent from " + (origin == null ? "another site" : origin)
                            + ", not from Rigtrail's own pages, so nothing was changed. Open Rigtrail and try again there.");
        }
    }

    /** The CSRF filter refuses with an empty 400: say what happened and what to do. */
    @ServerResponseFilter
    public void explainRefusedToken(ContainerRequestContext request, ContainerResponseContext response,
            RoutingContext rc) {
        if (response.getStatus() != 400 || response.hasEntity() || SAFE.contains(request.getMethod())
                || isApi(rc.normalizedPath())) {
            return;
        }
        String html = errorPage.data("status", 400).data("title", "This form has expired")
                .data("detail", "The form's security token was missing or out of date (the page was open too long, or the "
                        + "form did not come from Rigtrail), so nothing was changed. Reload the page and send it again.")
                .data("violations", List.of()).render();
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    boolean sameOrigin(String origin, String requestUri) {
        if (http.allowedOrigins().orElse(List.of()).stream().anyMatch(o -> o.equalsIgnoreCase(origin))) {
            return true;
        }
        try {
            URI o = URI.create(origin);
            URI self = URI.create(requestUri);
            return o.getScheme() != null && o.getHost() != null
                    && o.getScheme().equalsIgnoreCase(self.getScheme())
                    && o.getHost().toLowerCase(Locale.ROOT).equals(self.getHost().toLowerCase(Locale.ROOT))
                    && port(o) == port(self);
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }
}
