package app.rigtrail.platform.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import app.rigtrail.platform.web.HttpConfig;

/**
 * Refuses work the instance cannot do in time, instead of queueing it without bound.
 *
 * <ul>
 * <li>A bounded queue: at most {@code rigtrail.http.max-in-flight} (8) requests are served or wait
 * for a worker at once; the next one gets 503 at once, problem+json under /api (a short page
 * elsewhere), with {@code Retry-After}. Health, metrics and static files are never refused.</li>
 * <li>A deadline: a request still waiting for a worker {@code rigtrail.http.queue-deadline} (2 s)
 * after it arrived is refused the same way by a timer on its event loop, whether or not a worker
 * frees meanwhile, since its client has likely given up. Whoever comes first takes the request
 * ({@link Admission}): the worker that starts serving it (RequestDeadline) or the timer; when the
 * worker comes second it does nothing more.</li>
 * <li>Shutting down (SIGTERM, from {@link ShutdownDelayInitiatedEvent} on, when readiness turns
 * DOWN): every new request gets 503 with {@code Retry-After} and {@code Connection: close} (probes
 * still answer, DOWN), requests already in flight are served and their answers carry
 * {@code Connection: close} too, so keep-alive clients reconnect elsewhere. Shortly before the
 * shutdown delay ends the listener stops accepting connections ({@link Listeners}): connections
 * already accepted are answered, new ones are refused by the kernel (nothing sent, safe to retry
 * elsewhere), and Quarkus then waits for the requests in flight ({@code quarkus.shutdown.timeout}).</li>
 * </ul>
 * Runs on the event loop before authentication, so a refusal costs almost nothing.
 */
@ApplicationScoped
public class LoadShedding {

    private static final Logger LOG = Logger.getLogger(LoadShedding.class);
    /** Where the arrival time of a request is kept in its routing context (nanoTime). */
    public static final String ARRIVED = "rigtrail.arrived";

    /** max-in-flight, queue-deadline and retry-after. */
    @Inject
    HttpConfig http;

    /** How long Quarkus keeps the listener open after SIGTERM (readiness DOWN meanwhile). */
    @ConfigProperty(name = "quarkus.shutdown.delay")
    Optional<Duration> shutdownDelay;

    /** The listener closes this long before the shutdown delay ends, so that every connection it took is answered by us. */
    static final Duration STOP_ACCEPTING_BEFORE_END_OF_DELAY = Duration.ofMillis(500);

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastWarning;
    private volatile boolean draining;
    private Counter shed;
    private Counter shedShutdown;
    private Counter shedDeadline;
    private Vertx vertx;

    void install(@Observes Router router, MeterRegistry registry, Vertx vertx) {
        this.vertx = vertx;
        shed = Counter.builder("rigtrail.http.shed").description("Requests refused with 503 (reason: full, deadline or shutdown)")
                .tag("reason", "full").register(registry);
        shedShutdown = Counter.builder("rigtrail.http.shed").description("Requests refused with 503 (reason: full, deadline or shutdown)")
                .tag("reason", "shutdown").register(registry);
        shedDeadline = deadlineCounter(registry);
        Gauge.builder("rigtrail.http.in_flight", inFlight, AtomicInteger::get)
                .description("Requests served or waiting for a worker now").register(registry);
        Gauge.builder("rigtrail.http.max_in_flight", () -> http.maxInFlight())
                .description("The bound above which requests are refused").register(registry);
        router.route().order(Integer.MIN_VALUE + 2).handler(this::admit);
    }

    void admit(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // an answer finished while the instance drains tells a keep-alive client to reconnect (elsewhere),
            // and the connection closes once the answer is written (Vert.x writes the close after the answer)
            ctx.addHeadersEndHandler(v -> {
                if (draining) {
                    ctx.response().headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                }
            });
            ctx.addEndHandler(v -> {
                if (HttpHeaders.CLOSE.toString().equals(ctx.response().headers().get(HttpHeaders.CONNECTION))) {
                    ctx.request().connection().close();
                }
            });
        }
        if (draining) {
            if (path != null && path.startsWith("/q/")) {
                ctx.next(); // probes answer (readiness DOWN), on a connection that closes after
                return;
            }
            shedShutdown.increment();
            refuse(ctx, http.retryAfter(), "The server is shutting down; try again in " + Math.max(1, http.retryAfter().toSeconds())
                    + " s (another instance will answer).");
            return;
        }
        if (exempt(path)) {
            ctx.next();
            return;
        }
        if (inFlight.incrementAndGet() > http.maxInFlight()) {
            inFlight.decrementAndGet();
            shed.increment();
            long now = System.nanoTime();
            if (now - lastWarning > 60_000_000_000L) {
                lastWarning = now;
                LOG.warnf("Shedding load: %d requests in flight, new ones get 503 (rigtrail.http.max-in-flight)", http.maxInFlight());
            }
            refuse(ctx, http.retryAfter(), "The server is handling as many requests as it can (" + http.maxInFlight()
                    + " at once); try again in " + http.retryAfter().toSeconds() + " s.");
            return;
        }
        ctx.put(ARRIVED, System.nanoTime());
        Admission admission = new Admission();
        ctx.put(ADMISSION, admission);
        // on this event loop: refuses the request if no worker has taken it by its deadline
        long timer = vertx.setTimer(Math.max(1, http.queueDeadline().toMillis()), id -> {
            if (admission.refuse() && !ctx.response().ended()) {
                shedDeadline.increment();
                refuse(ctx, http.retryAfter(), lateDetail(http.queueDeadline(), http.retryAfter()));
            }
        });
        ctx.addEndHandler(done -> {
            vertx.cancelTimer(timer);
            inFlight.decrementAndGet();
        });
        ctx.next();
    }

    /** Where a request's {@link Admission} is kept in its routing context. */
    public static final String ADMISSION = "rigtrail.admission";

    /**
     * Who takes an admitted request first: the worker that starts serving it, or the deadline's
     * timer that refuses it. Exactly one of {@link #serve()} and {@link #refuse()} returns true.
     */
    public static final class Admission {
        private final AtomicBoolean taken = new AtomicBoolean();

        /** A worker starts serving the request: false if the timer refused it already. */
        public boolean serve() {
            return taken.compareAndSet(false, true);
        }

        boolean refuse() {
            return taken.compareAndSet(false, true);
        }
    }

    static Counter deadlineCounter(MeterRegistry registry) {
        return Counter.builder("rigtrail.http.shed").description("Requests refused with 503 (reason: full, deadline or shutdown)")
                .tag("reason", "deadline").register(registry);
    }

    static String lateDetail(Duration deadline, Duration retryAfter) {
        return "The request waited more than " + Math.max(1, deadline.toSeconds()) + " s for the server; try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s.";
    }

    /** How many requests are served or waiting now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * SIGTERM: readiness has just turned DOWN (Quarkus' ShutdownReadinessCheck). From now on new
     * requests are refused; shortly before the delay ends the listener stops accepting.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        Duration delay = shutdownDelay.orElse(Duration.ZERO);
        Duration untilClose = delay.minus(STOP_ACCEPTING_BEFORE_END_OF_DELAY);
        LOG.infof("Shutting down: readiness DOWN, new requests get 503 with Retry-After, %d in flight are served; "
                + "the listener stops accepting in %d ms", inFlight.get(), Math.max(0, untilClose.toMillis()));
        drain();
        Thread t = new Thread(() -> {
            try {
                if (!untilClose.isNegative() && !untilClose.isZero()) {
                    Thread.sleep(untilClose.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopAccepting();
        }, "stop-accepting");
        t.setDaemon(true);
        t.start();
    }

    /** From now on new requests get 503 (shutting down); those in flight are served. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Closes the HTTP listener: connections already accepted stay open and are answered; new ones are refused. */
    public int stopAccepting() {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return 0; // dev mode keeps its HTTP server across live reloads
        }
        int closed = Listeners.close(vertx);
        LOG.infof("Listener closed (%d socket(s)); %d request(s) in flight; Quarkus now waits for them "
                + "(quarkus.shutdown.timeout)", closed, inFlight.get());
        return closed;
    }

    static boolean exempt(String path) {
        return path == null || path.startsWith("/q/") || path.startsWith("/static/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    /** A 503 with Retry-After: problem+json for the API, a short page for browsers. */
    static void refuse(RoutingContext ctx, Duration retryAfter, String detail) {
        Refusal r = refusal(ctx.normalizedPath(), detail, RequestIds.of(ctx));
        ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, r.retryAfter(retryAfter))
                .putHeader(HttpHeaders.CONTENT_TYPE, r.contentType()).end(r.body());
    }

    /** The body of a 503 refusal for this path. */
    record Refusal(String contentType, String body) {
        String retryAfter(Duration d) {
            return Long.toString(Math.max(1, d.toSeconds()));
        }
    }

    static Refusal refusal(String path, String detail, String requestId) {
        if (path != null && (path.equals("/api") || path.startsWith("/api/"))) {
            return new Refusal("application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Too busy\","
                    + "\"status\":503,\"detail\":" + json(detail) + ",\"instance\":" + json(path) + ",\"requestId\":"
                    + json(requestId) + "}");
        }
        return new Refusal("text/html; charset=UTF-8", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Busy</title></head><body><h1>Busy</h1><p>" + detail + "</p><p><small>Reference: " + requestId
                + "</small></p></body></html>");
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
