package app.rigtrail.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.ForecastInputs;
import app.rigtrail.platform.db.EmbeddedDatabaseConfigSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * #12 item 6: the demo fleet as dev mode loads it (5,000 machines, 600 holds, about 250 tickets over
 * three years of its machines' service), in a database of its own, looks like domain.md's fleet history: about 5% failures a
 * year on normal batches and 15-20% on the bad series; a small share of crossings held; vendor hubs
 * turning parts in 3-5 weeks (received to shipped back, where the forecast fits a hub's own law).
 */
@QuarkusTest
@TestProfile(DemoCalibrationTest.DevDemo.class)
class DemoCalibrationTest {

    static final String URL_PROPERTY = "rigtrail.demo-calibration.url";

    /** A new, empty database, filled by the demo loader at start as in dev mode. */
    public static class DevDemo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                String server = new EmbeddedDatabaseConfigSource().getValue("%test.quarkus.datasource.jdbc.url");
                String name = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                try (Connection c = DriverManager.getConnection(server, "postgres", "postgres");
                        Statement s = c.createStatement()) {
                    s.execute("create database " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException("creating the demo database failed: " + e.getMessage(), e);
                }
                url = server.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
                System.setProperty(URL_PROPERTY, url);
            }
            return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres", "quarkus.flyway.username", "postgres",
                    "quarkus.flyway.password", "postgres", "rigtrail.demo.miners", "5000", "rigtrail.demo.holds", "600",
                    "rigtrail.demo.tickets", "250", "quarkus.scheduler.enabled", "false");
        }
    }

    @Inject
    EntityManager em;

    @Inject
    ForecastInputs inputs;

    /** Tickets per machine-year over the three years, for the bad series or the others. */
    private double ratePerMachineYear(boolean badSeries) {
        Object[] r = (Object[]) em.createNativeQuery("""
                select (select count(*) from repair_ticket t join miner m on m.id = t.miner_id
                        join miner_model mm on mm.id = m.model_id
                        where t.opened_at >= now() - interval '1095 days' and (mm.name = ?1) = ?2),
                       (select sum(extract(epoch from (now() - greatest(m.installed_at, now() - interval '1095 days'))))
                               / (365.0 * 86400)
                        from miner m join miner_model mm on mm.id = m.model_id where (mm.name = ?1) = ?2)""")
                .setParameter(1, DemoRepairHistoryLoader.BAD_SERIES).setParameter(2, badSeries).getSingleResult();
        return ((Number) r[0]).doubleValue() / ((Number) r[1]).doubleValue();
    }

    @Test
    @jakarta.transaction.Transactional
    void theDemoLooksLikeTheFleetHistoryOfDomainMd() {
        double normal = ratePerMachineYear(false);
        double bad = ratePerMachineYear(true);
        String rates = "normal batches " + normal + ", bad series " + bad + " failures per machine-year";
        System.out.println(rates);
        assertTrue(normal > 0.035 && normal < 0.065, rates);
        assertTrue(bad > 0.12 && bad < 0.24, rates);
        ForecastInputs.Snapshot s = inputs.load(null, app.rigtrail.dwell.DwellService.today());
        double held = (double) s.summary().get("heldShare");
        System.out.println("held share of returns " + held + ", hub repairs " + s.summary().get("hubRepair")
                + ", bench " + s.summary().get("bench") + ", holds " + s.summary().get("holdModel"));
        assertTrue(held > 0.01 && held < 0.12, "a small share of crossings held in normal times: " + held);
        int vendorHubs = 0;
        for (int h = 0; h < s.fleet().hubs().size(); h++) {
            var hub = s.fleet().hubs().get(h);
            if (hub.route() != app.rigtrail.forecast.domain.Fleet.Route.VENDOR_HUB) {
                continue;
            }
            vendorHubs++;
            // the hub's own repairs where 20 are done, else its master data's turnaround
            double days = hub.repairLaw() != null ? hub.repairLaw().mean() : s.baseline().hubs().get(h).turnaroundDays();
            assertTrue(days >= 21 && days <= 35, hub.code() + " turns parts in " + days + " days, not 3-5 weeks");
        }
        assertTrue(vendorHubs >= 3, "the demo's vendor hubs: " + vendorHubs);
    }
}
