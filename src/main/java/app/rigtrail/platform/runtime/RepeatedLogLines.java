package app.rigtrail.platform.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Log lines a client can cause at will are written at most once a minute per source (issue #16:
 * every invalid bearer token logged an ERROR from the OIDC client's failed introspection, 1,503
 * lines in one sweep). A source is the logger, the message and its first argument (the URL that
 * failed), or for the app's own line about an invalid token the client's address; the next line
 * after a quiet minute says how many were left out. Other lines pass untouched.
 */
@LoggingFilter(name = "rigtrail-repeated-lines")
public final class RepeatedLogLines implements Filter {

    /** The logger of the app's own line about refused tokens (TransportProblems). */
    public static final String TOKENS = "app.rigtrail.security.tokens";
    static final long WINDOW_NANOS = 60_000_000_000L;

    private final Map<String, long[]> seen = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public RepeatedLogLines() {
        this(System::nanoTime);
    }

    RepeatedLogLines(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (app.rigtrail.platform.web.DatabaseOutage.quiet(record)) {
            // a lost database is logged once by DatabaseOutage, not per request by the pool and Hibernate
            return false;
        }
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        if (!logger.startsWith("io.quarkus.oidc") && !logger.equals(TOKENS)) {
            return true;
        }
        String format = String.valueOf(record.getMessage());
        Object[] params = record.getParameters();
        String key = logger + "|" + format + "|" + (params != null && params.length > 0 ? params[0] : "");
        if (seen.size() > 10_000) {
            seen.clear();
        }
        long now = clock.getAsLong();
        long[] state = seen.computeIfAbsent(key, k -> new long[] {now - WINDOW_NANOS - 1, 0});
        synchronized (state) {
            if (now - state[0] <= WINDOW_NANOS) {
                state[1]++;
                return false;
            }
            long left = state[1];
            state[0] = now;
            state[1] = 0;
            if (left > 0) {
                String note = " (" + left + " more like this in the last minute left out)";
                if (record instanceof org.jboss.logmanager.ExtLogRecord e) {
                    e.setMessage(format + note, e.getFormatStyle());
                } else {
                    record.setMessage(record.getMessage() + note);
                }
            }
            return true;
        }
    }
}
