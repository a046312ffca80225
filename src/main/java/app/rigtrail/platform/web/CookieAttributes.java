package app.rigtrail.platform.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * Every cookie the app sets (issue #16 item 4) is {@code SameSite=Lax} unless it says otherwise, and
 * {@code Secure} when the request came over TLS, directly or through a proxy the app trusts
 * ({@code quarkus.http.proxy.*}, docs/operations.md): the OIDC session and state cookies already are
 * HttpOnly, Lax (quarkus.oidc.authentication.cookie-same-site) and Secure over TLS; this covers the
 * CSRF token's cookie (quarkus-rest-csrf sets no SameSite) and the preference cookies.
 */
@Singleton
public class CookieAttributes {

    void register(@Observes Filters filters) {
        filters.register(this::handle, 2800);
    }

    private void handle(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            boolean tls = rc.request().isSSL();
            for (Cookie c : rc.request().cookies()) {
                if (c instanceof io.vertx.core.http.impl.ServerCookie sc && sc.isFromUserAgent() && !sc.isChanged()) {
                    continue;
                }
                if (c.getSameSite() == null) {
                    c.setSameSite(CookieSameSite.LAX);
                }
                if (tls && !c.isSecure()) {
                    c.setSecure(true);
                }
            }
            // cookies written as headers (JAX-RS NewCookie)
            List<String> written = rc.response().headers().getAll("Set-Cookie");
            if (written.isEmpty()) {
                return;
            }
            List<String> fixed = new ArrayList<>(written.size());
            for (String h : written) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                String out = h;
                if (!lower.contains("samesite=")) {
                    out += "; SameSite=Lax";
                }
                if (tls && !lower.matches(".*;\\s*secure(\\s*;.*|\\s*)$")) {
                    out += "; Secure";
                }
                fixed.add(out);
            }
            rc.response().headers().remove("Set-Cookie");
            rc.response().headers().add("Set-Cookie", fixed);
        });
        rc.next();
    }
}
