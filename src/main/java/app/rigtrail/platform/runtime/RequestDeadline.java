package app.rigtrail.platform.runtime;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

/**
 * On the worker thread that serves a request: the request id goes into the log context, and a
 * request that waited for a worker longer than {@code rigtrail.http.queue-deadline} (2 s) is
 * refused with 503 rather than served to a client that has likely given up.
 */
public class RequestDeadline {

    @ConfigProperty(name = "rigtrail.http.queue-deadline", defaultValue = "PT2S")
    Duration deadline;

    @ConfigProperty(name = "rigtrail.http.retry-after", defaultValue = "PT2S")
    Duration retryAfter;

    @Inject
    MeterRegistry registry;

    @ServerRequestFilter(priority = 1)
    public Optional<Response> admit(RoutingContext ctx) {
        String requestId = RequestIds.of(ctx);
        MDC.put(RequestIds.MDC_KEY, requestId);
        Long arrived = ctx.get(LoadShedding.ARRIVED);
        if (arrived != null && System.nanoTime() - arrived > deadline.toNanos()) {
            Counter.builder("rigtrail.http.shed").description("Requests refused with 503 (reason: full, deadline or shutdown)")
                    .tag("reason", "deadline").register(registry).increment();
            LoadShedding.Refusal r = LoadShedding.refusal(ctx.normalizedPath(), "The request waited more than "
                    + deadline.toSeconds() + " s for the server; try again in " + retryAfter.toSeconds() + " s.", requestId);
            return Optional.of(Response.status(503).header("Retry-After", r.retryAfter(retryAfter))
                    .header("Content-Type", r.contentType()).entity(r.body()).build());
        }
        return Optional.empty();
    }

    @ServerResponseFilter
    public void done() {
        MDC.remove(RequestIds.MDC_KEY);
    }
}
