package app.rigtrail.platform.runtime;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

import app.rigtrail.platform.web.HttpConfig;

/**
 * On the worker thread that serves a request: the request id goes into the log context, and the
 * request is taken from LoadShedding's deadline timer. If the timer refused it first (the 503 is
 * already written), the request ends here with nothing more written; if it waited longer than
 * {@code rigtrail.http.queue-deadline} (2 s) all the same (the event loop was late), it is refused
 * with 503 rather than served to a client that has likely given up.
 */
public class RequestDeadline {

    /** queue-deadline and retry-after. */
    @Inject
    HttpConfig http;

    @Inject
    MeterRegistry registry;

    @ServerRequestFilter(priority = 1)
    public Optional<Response> admit(RoutingContext ctx) {
        String requestId = RequestIds.of(ctx);
        MDC.put(RequestIds.MDC_KEY, requestId);
        LoadShedding.Admission admission = ctx.get(LoadShedding.ADMISSION);
        if (admission != null && !admission.serve()) {
            // refused by the deadline's timer, its 503 written: an answer without entity writes nothing more
            return Optional.of(Response.status(503).build());
        }
        Long arrived = ctx.get(LoadShedding.ARRIVED);
        if (arrived != null && System.nanoTime() - arrived > http.queueDeadline().toNanos()) {
            LoadShedding.deadlineCounter(registry).increment();
            LoadShedding.Refusal r = LoadShedding.refusal(ctx.normalizedPath(),
                    LoadShedding.lateDetail(http.queueDeadline(), http.retryAfter()), requestId);
            return Optional.of(Response.status(503).header("Retry-After", r.retryAfter(http.retryAfter()))
                    .header("Content-Type", r.contentType()).entity(r.body()).build());
        }
        return Optional.empty();
    }

    @ServerResponseFilter
    public void done() {
        MDC.remove(RequestIds.MDC_KEY);
    }
}
