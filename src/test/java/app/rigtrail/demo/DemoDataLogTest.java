package app.rigtrail.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The demo loader says in the log why it loads or not (#17 item 4): with the demo off, and with a
 * database that already has a fleet (RIGTRAIL_DEMO_MINERS used to be silently ignored then). The
 * load itself is logged in CI's end-to-end stage, where one instance loads and the other skips.
 */
@QuarkusTest
class DemoDataLogTest {

    @Inject
    DemoData demo;

    @Test
    void theLoaderSaysWhyItSkips() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r instanceof org.jboss.logmanager.ExtLogRecord e ? e.getFormattedMessage() : r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(DemoData.class.getName());
        log.addHandler(h);
        DemoConfig config = demo.config;
        int miners = config.miners();
        try {
            demo.onStart(null); // the test database has its fleet already
            demo.config = withoutMiners(config);
            demo.onStart(null);
        } finally {
            demo.config = config;
            log.removeHandler(h);
        }
        assertEquals(2, lines.size(), String.valueOf(lines));
        assertTrue(lines.get(0).startsWith("Demo data: not loaded; the database already has sites, and "
                + "RIGTRAIL_DEMO_MINERS=" + miners + " only fills an empty database"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Demo data: off (rigtrail.demo.miners / RIGTRAIL_DEMO_MINERS"), lines.get(1));
    }

    /** The same settings with no demo fleet asked for. */
    static DemoConfig withoutMiners(DemoConfig c) {
        return new DemoConfig() {
            @Override
            public int miners() {
                return 0;
            }

            @Override
            public int sites() {
                return c.sites();
            }

            @Override
            public long seed() {
                return c.seed();
            }

            @Override
            public int holds() {
                return c.holds();
            }

            @Override
            public long tickets() {
                return c.tickets();
            }

            @Override
            public boolean machineOrders() {
                return c.machineOrders();
            }
        };
    }
}
