package app.rigtrail.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.forecast.ForecastInputs;
import app.rigtrail.forecast.LiveStateReader;
import app.rigtrail.forecast.domain.Fleet;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * #12 item 8: how long loading the live state from PostgreSQL takes for a forecast from today
 * ({@code LiveStateReader.read}, target <= 300 ms at 100,000 miners with about 2% of the machines in
 * the pipeline). The database is bench/live-state.sh's (the demo loader fills it once: its fleet,
 * holds and repair history); every read goes to the database (a new dashboard snapshot each time,
 * staleness 0, and the dashboard's memo off, as if nothing had been read before). Prints figures; asserts nothing
 * about speed. Run it with bench/live-state.sh.
 */
@QuarkusTest
@TestProfile(LiveStateBenchmark.Database.class)
class LiveStateBenchmark {

    public static class Database implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = System.getProperty("livebench.url");
            if (url == null) {
                throw new IllegalStateException("run bench/live-state.sh (livebench.url is not set)");
            }
            return Map.ofEntries(Map.entry("quarkus.datasource.jdbc.url", url),
                    Map.entry("quarkus.datasource.username", "postgres"),
                    Map.entry("quarkus.datasource.password", "unused-trust-auth"),
                    Map.entry("quarkus.flyway.username", "postgres"),
                    Map.entry("quarkus.flyway.password", "unused-trust-auth"),
                    Map.entry("rigtrail.demo.miners", System.getProperty("livebench.miners", "100000")),
                    Map.entry("rigtrail.demo.sites", System.getProperty("livebench.sites", "20")),
                    Map.entry("rigtrail.demo.holds", System.getProperty("livebench.holds", "2000")),
                    Map.entry("rigtrail.demo.tickets", System.getProperty("livebench.tickets", "250")),
                    Map.entry("rigtrail.dashboard.memo", "false"),
                    Map.entry("rigtrail.dashboard.staleness", "PT0S"),
                    Map.entry("quarkus.scheduler.enabled", "false"));
        }
    }

    @Inject
    LiveStateReader reader;

    @Inject
    ForecastInputs inputs;

    @Inject
    AgroalDataSource ds;

    private long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void timesTheLiveStateRead() throws Exception {
        int runs = Integer.getInteger("livebench.runs", 15);
        LocalDate today = DwellService.today();
        Fleet fleet = inputs.load(null, today).fleet();
        long miners = count("select count(*) from miner");
        long down = count("select count(*) from miner where status in ('DOWN', 'IN_REPAIR')");
        long tickets = count("select count(*) from repair_ticket where state not in ('RESOLVED', 'CANCELLED')");
        long cases = count("select count(*) from rma_case where rma_case_in_pipeline(state)");
        long holds = count("select count(*) from customs_hold where outcome is null");
        long orders = count("select count(*) from purchase_order where state in ('OPEN', 'IN_TRANSIT')");
        System.out.printf("%nLive state from PostgreSQL: %,d miners over %d sites (the forecast's fleet: %,d machines, "
                + "%d pools), %,d machines down (%.1f%%), %,d open tickets, %,d RMA cases in the pipeline, %,d open "
                + "holds, %,d open purchase orders%n", miners, fleet.sites().size(), fleet.totalMachines(),
                fleet.cells(), down, 100.0 * down / Math.max(1, miners), tickets, cases, holds, orders);
        long[] nanos = new long[runs];
        int items = 0;
        for (int i = -3; i < runs; i++) {
            long t0 = System.nanoTime();
            LiveStateReader.Live live = reader.read(fleet, null, null, null, today);
            long t = System.nanoTime() - t0;
            items = live.state().items().size();
            if (i >= 0) {
                nanos[i] = t;
            }
            System.out.printf("  %s %.1f ms (%,d items, %s machines down)%n", i < 0 ? "warm-up" : "run " + (i + 1),
                    t / 1e6, items, live.initialState().get("unitsDown"));
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("LiveStateReader.read, whole fleet, every input read from the database: median %.1f ms "
                + "(min %.1f, max %.1f) over %d runs after 3 warm-ups; %,d items in the pipeline (%.1f%% of the "
                + "machines; target <= 300 ms)%n", sorted[runs / 2] / 1e6, sorted[0] / 1e6, sorted[runs - 1] / 1e6,
                runs, items, 100.0 * items / Math.max(1, miners));
    }
}
