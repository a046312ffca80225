package app.rigtrail.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Response headers every answer carries: a Content-Security-Policy without inline scripts (the
 * templates load their scripts from /static), no framing, no MIME sniffing, no referrer to other
 * sites, and HSTS when the request came over TLS (directly, or through a proxy whose forwarded
 * headers Quarkus is told to trust: docs/operations.md).
 */
@ApplicationScoped
public class SecurityHeaders {

    @jakarta.inject.Inject
    HttpConfig config;

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, 2900);
    }

    private void addHeaders(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            var headers = rc.response().headers();
            String path = rc.normalizedPath();
            // Swagger UI and the dev UI are Quarkus' own pages with inline scripts: they keep their own rules
            if (!path.startsWith("/q/swagger-ui") && !path.startsWith("/q/dev") && !headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", config.contentSecurityPolicy());
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "same-origin");
            if (rc.request().isSSL()) {
                headers.set("Strict-Transport-Security", config.hsts());
            }
        });
        rc.next();
    }
}
