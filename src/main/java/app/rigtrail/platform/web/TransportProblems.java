package app.rigtrail.platform.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refusals made before a request reaches a resource (issue #16): no or a bad bearer token (401) and
 * a body over the size limit (413) on the API are answered as problem+json like every other refusal;
 * pages keep the identity provider's login redirect.
 */
@Singleton
public class TransportProblems {

    /** At most one line a minute per client address (platform/runtime/RepeatedLogLines). */
    private static final org.jboss.logging.Logger TOKENS = org.jboss.logging.Logger
            .getLogger(app.rigtrail.platform.runtime.RepeatedLogLines.TOKENS);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    /**
     * The API tenant only takes bearer tokens, so a request without one can never be let in: it is
     * answered here, before authentication (whose challenge has no body).
     */
    void withoutToken(@Observes io.quarkus.vertx.http.runtime.filters.Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            String authorization = rc.request().getHeader("Authorization");
            boolean api = path.equals("/api") || path.startsWith("/api/");
            if (api && announcedTooLarge(rc.request().getHeader("Content-Length"))) {
                // the same limit Quarkus enforces next, with a body that says so (a chunked body that grows past
                // it is still cut off by Quarkus with a bare 413)
                rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(problem(413, "Request too large",
                                "The body is larger than " + maxBodySize.asLongValue() + " bytes", path));
                return;
            }
            if (api && (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7))) {
                rc.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("WWW-Authenticate", "Bearer").end(problem(401, "Unauthorized",
                                "Send a bearer token (Authorization: Bearer ...)", path));
                return;
            }
            rc.next();
        }, 2700);
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    io.quarkus.runtime.configuration.MemorySize maxBodySize;

    private boolean announcedTooLarge(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String problem(int status, String title, String detail, String path) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("instance", path).encode();
    }

    private void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!api || rc.response().ended() || rc.response().headWritten()) {
            rc.next();
            return;
        }
        Throwable failure = rc.failure();
        boolean unauthenticated = failure instanceof AuthenticationException
                || failure != null && failure.getCause() instanceof AuthenticationException;
        int status = unauthenticated ? 401 : rc.statusCode();
        String detail = switch (status) {
            case 401 -> "Sign in, or send a valid bearer token";
            case 413 -> "The request body is larger than the server takes";
            case 414 -> "The request line is longer than the server takes";
            case 415 -> "Unsupported media type";
            default -> null;
        };
        if (detail == null) {
            rc.next();
            return;
        }
        String title = switch (status) {
            case 401 -> "Unauthorized";
            case 413 -> "Request too large";
            case 414 -> "URI too long";
            default -> "Unsupported media type";
        };
        String body = problem(status, title, detail, path);
        var response = rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 401 && rc.request().getHeader("Authorization") != null) {
            TOKENS.warnf("Refused a bearer token from %s on %s", String.valueOf(rc.request().remoteAddress() == null ? "?"
                    : rc.request().remoteAddress().hostAddress()), path);
        }
        if (status == 401 && !response.headers().contains("WWW-Authenticate")) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(body);
    }
}
