package app.rigtrail.platform.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refusals made before a request reaches a resource (issue #16): no or a bad bearer token (401),
 * a body over the size limit (413) and a URI over {@code rigtrail.http.max-uri-length} (414) on the
 * API are answered as problem+json like every other refusal; pages keep the identity provider's
 * login redirect (and get a short page for a 414).
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
            String uri = rc.request().uri();
            if (uri != null && uri.length() > http.maxUriLength()) {
                // the HTTP codec's own limit (quarkus.http.limits.max-initial-line-length) is set well above this one,
                // so that a long URI is answered here with a body rather than by the codec's bare 414
                boolean toApi = uri.equals("/api") || uri.startsWith("/api/") || uri.startsWith("/api?");
                var response = rc.response().setStatusCode(414).putHeader("Connection", "close");
                if (toApi) {
                    response.putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem(414, "URI too long",
                            "The request's URI is longer than " + http.maxUriLength() + " characters", "/api"));
                } else {
                    response.putHeader("Content-Type", "text/html;charset=UTF-8").end("<!doctype html><title>Address "
                            + "too long</title><h1>Address too long</h1><p>The address is longer than " + http.maxUriLength()
                            + " characters. <a href=\"/\">Home</a></p>");
                }
                return;
            }
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

    /** The longest URI (path and query) served; a longer one answers 414 with a body. */
    @jakarta.inject.Inject
    HttpConfig http;

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

    @jakarta.inject.Inject
    DatabaseOutage database;

    /** When the identity provider was last logged as unreachable (at most one line a minute). */
    private final java.util.concurrent.atomic.AtomicLong providerLoggedAt = new java.util.concurrent.atomic.AtomicLong();

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TransportProblems.class);

    /**
     * True when the failure is the identity provider being unreachable: the OIDC tenant could not be set up
     * (discovery, keys) or a call to it could not connect.
     */
    static boolean identityProviderDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
            String m = t.getMessage();
            if (t instanceof io.quarkus.oidc.OIDCException && m != null && (m.contains("not available")
                    || m.contains("not be initialized") || m.contains("not initialized"))) {
                return true;
            }
            if (m != null && (m.startsWith("Connection refused") || m.contains("OIDC server is not available"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A dependency that is away (the identity provider, the database) before any resource ran: 503 with
     * Retry-After, problem+json on the API and a short page for a browser, never a bare 500.
     */
    private boolean unavailable(RoutingContext rc, Throwable failure, String path, boolean api) {
        if (failure == null) {
            return false;
        }
        String detail;
        String retryAfter;
        if (DatabaseOutage.isOutage(failure)) {
            // first: a lost database's failure has a refused connection in its causes too
            database.refused(failure);
            detail = "The database cannot be reached; nothing was saved. Try again shortly";
            retryAfter = database.retryAfterSeconds();
        } else if (identityProviderDown(failure)) {
            long now = System.currentTimeMillis();
            long last = providerLoggedAt.get();
            if (now - last > 60_000 && providerLoggedAt.compareAndSet(last, now)) {
                LOG.warnf("The identity provider cannot be reached (%s): answering 503 (logged at most once a minute)",
                        String.valueOf(failure.getMessage()));
            }
            detail = "The identity provider (sign-in service) cannot be reached; try again shortly";
            retryAfter = "10";
        } else {
            return false;
        }
        var response = rc.response().setStatusCode(503).putHeader("Retry-After", retryAfter);
        if (api) {
            response.putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem(503, "Service unavailable", detail, path));
        } else {
            response.putHeader("Content-Type", "text/html;charset=UTF-8").end("<!doctype html><meta charset=\"utf-8\">"
                    + "<title>Unavailable</title><h1>Rigtrail is unavailable for a moment</h1><p>"
                    + (detail.contains("identity") ? "The sign-in service cannot be reached." : "The database cannot be reached.")
                    + " Try again in a few seconds.</p>");
        }
        return true;
    }

    private void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (rc.response().ended() || rc.response().headWritten()) {
            rc.next();
            return;
        }
        Throwable failure = rc.failure();
        if (unavailable(rc, failure, path, api)) {
            return;
        }
        if (!api) {
            rc.next();
            return;
        }
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
