package app.rigtrail.platform.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RepeatedLogLinesTest {

    static ExtLogRecord line(String logger, String format, Object... params) {
        ExtLogRecord r = new ExtLogRecord(Level.SEVERE, format, ExtLogRecord.FormatStyle.PRINTF, logger);
        r.setLoggerName(logger);
        r.setParameters(params);
        return r;
    }

    @Test
    void writesOneLineAMinutePerSourceAndCountsTheRest() {
        AtomicLong now = new AtomicLong(0);
        RepeatedLogLines filter = new RepeatedLogLines(now::get);
        String oidc = "io.quarkus.oidc.runtime.OidcProviderClientImpl";
        String failed = "Request %s has failed: status: %d, error message: %s";
        assertTrue(filter.isLoggable(line(oidc, failed, "https://sso/introspect", 401, "invalid_client")));
        for (int i = 0; i < 1500; i++) {
            assertFalse(filter.isLoggable(line(oidc, failed, "https://sso/introspect", 401, "invalid_client")));
        }
        // another source is not held back by the first
        assertTrue(filter.isLoggable(line(RepeatedLogLines.TOKENS, "Refused a bearer token from %s on %s", "10.0.0.9", "/api")));
        assertFalse(filter.isLoggable(line(RepeatedLogLines.TOKENS, "Refused a bearer token from %s on %s", "10.0.0.9", "/api")));
        assertTrue(filter.isLoggable(line(RepeatedLogLines.TOKENS, "Refused a bearer token from %s on %s", "10.0.0.7", "/api")));
        // other lines pass untouched
        assertTrue(filter.isLoggable(line("app.rigtrail.repair.RepairService", "x")));
        assertTrue(filter.isLoggable(line("app.rigtrail.repair.RepairService", "x")));
        now.addAndGet(RepeatedLogLines.WINDOW_NANOS + 1);
        ExtLogRecord next = line(oidc, failed, "https://sso/introspect", 401, "invalid_client");
        assertTrue(filter.isLoggable(next));
        assertTrue(next.getMessage().endsWith("(1500 more like this in the last minute left out)"), next.getMessage());
        assertFalse(filter.isLoggable(line(oidc, failed, "https://sso/introspect", 401, "invalid_client")));
        assertEquals(failed, line(oidc, failed).getMessage());
    }
}
