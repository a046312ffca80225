package app.rigtrail.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HTTP: capacity, headers and limits (RIGTRAIL_HTTP_*, docs/operations.md). */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.http")
public interface HttpConfig {

    /** Requests served or waiting at once before new ones get 503 (platform/runtime/LoadShedding). */
    @WithDefault("8")
    int maxInFlight();

    /** How long a request may wait for a worker before it is refused with 503. */
    @WithDefault("PT2S")
    Duration queueDeadline();

    /** The Retry-After of those 503s. */
    @WithDefault("PT2S")
    Duration retryAfter();

    /** Origins besides the app's own whose form posts are accepted (CrossSiteRequests). */
    Optional<List<String>> allowedOrigins();

    /** The Content-Security-Policy of every page (application.properties; change it only with the templates). */
    String contentSecurityPolicy();

    /** The Strict-Transport-Security header sent over TLS. */
    @WithDefault("max-age=31536000; includeSubDomains")
    String hsts();

    /** Longer URIs answer 414 (TransportProblems). */
    @WithDefault("8192")
    int maxUriLength();
}
