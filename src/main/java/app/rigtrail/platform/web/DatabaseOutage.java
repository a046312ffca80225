package app.rigtrail.platform.web;

import app.rigtrail.platform.db.DatabaseConfig;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * A lost database (issue #16 item 5): a request that fails because no connection can be had answers
 * 503 problem+json with {@code Retry-After} instead of a 500, and the outage is logged once when it
 * starts (one WARN line with the driver's reason) and once when the database answers again (one INFO
 * line with its length and the number of requests refused), never per request.
 *
 * <p>The end of an outage is seen by a probe every few seconds that runs only while one is on.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);

    @Inject
    DatabaseConfig config;

    @Inject
    AgroalDataSource dataSource;

    /** When the current outage was first seen (System.currentTimeMillis()), 0 when none is on. */
    private static final AtomicLong downSince = new AtomicLong();
    private static final AtomicLong refused = new AtomicLong();

    /** The loggers that write a line (or a stack) for every request that cannot get a connection. */
    private static final java.util.List<String> PER_REQUEST = java.util.List.of("io.agroal.pool",
            "org.hibernate.orm.jdbc.error", "org.hibernate.engine.jdbc.spi.SqlExceptionHelper", "com.arjuna.ats");

    /**
     * For the console's log filter (platform/runtime/RepeatedLogLines): true for a line the pool, Hibernate or
     * the transaction manager writes about a lost connection. The outage is logged here instead, once.
     */
    public static boolean quiet(java.util.logging.LogRecord r) {
        String logger = r.getLoggerName();
        if (logger == null || r.getLevel().intValue() > java.util.logging.Level.WARNING.intValue()
                || PER_REQUEST.stream().noneMatch(logger::startsWith)) {
            return false;
        }
        if (downSince.get() != 0 || r.getThrown() != null && isOutage(r.getThrown())) {
            return true;
        }
        String text = r instanceof org.jboss.logmanager.ExtLogRecord e ? e.getFormattedMessage() : r.getMessage();
        Object[] params = r.getParameters();
        String all = String.valueOf(text) + (params == null ? "" : java.util.Arrays.toString(params));
        return all.contains("SQLState: 08") || all.contains("SQLState: 57P") || all.contains("refused")
                || all.contains("This connection has been closed") || all.contains("An I/O error occurred");
    }

    /** True when the failure is the database being unreachable (not a bad statement or a constraint). */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                // 08: connection exception; 57P01-57P03: the server shuts down or cannot take connections now
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                // Agroal: no connection became free (or could be made) within the acquisition timeout
                if (s.getMessage() != null && s.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Records a request refused for the outage; the first one of an outage logs it. */
    public void refused(Throwable e) {
        refused.incrementAndGet();
        if (downSince.compareAndSet(0, System.currentTimeMillis())) {
            LOG.warnf("The database is unreachable (%s): requests answer 503 with Retry-After until it is back",
                    reason(e));
        }
    }

    /** Seconds for the Retry-After header. */
    public String retryAfterSeconds() {
        return String.valueOf(Math.max(1, config.retryAfter().toSeconds()));
    }

    public static boolean down() {
        return downSince.get() != 0;
    }

    @Scheduled(every = "${rigtrail.db.outage-probe:3s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        long since = downSince.get();
        if (since == 0) {
            return;
        }
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("select 1");
        } catch (SQLException | RuntimeException e) {
            return;
        }
        if (downSince.compareAndSet(since, 0)) {
            long n = refused.getAndSet(0);
            LOG.infof("The database answers again after %d s; %d requests were answered 503 meanwhile",
                    (System.currentTimeMillis() - since) / 1000, n);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SQLException) {
                break;
            }
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
