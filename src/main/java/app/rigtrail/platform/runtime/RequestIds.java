package app.rigtrail.platform.runtime;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/**
 * Every request has an id: the caller's {@code X-Request-Id} when it is a sane token (a proxy's or a
 * client's retry), otherwise a new one. It is sent back in the {@code X-Request-Id} header, written
 * in every log line of the request (MDC key {@code requestId}) and in every problem+json answer, so
 * an operator finds the log lines of the answer a user reports.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String KEY = "rigtrail.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private RequestIds() {
    }

    /** The request's id, assigned on first use. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            String given = ctx.request().getHeader(HEADER);
            id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            ctx.put(KEY, id);
            if (!ctx.response().headWritten()) {
                ctx.response().putHeader(HEADER, id);
            }
        }
        return id;
    }
}
