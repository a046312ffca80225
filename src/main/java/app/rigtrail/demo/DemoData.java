package app.rigtrail.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/** Fills an empty database with the demo fleet when {@code rigtrail.demo.miners} > 0 (the dev profile). */
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    /** The demo technicians and their sites; the same users exist in deploy/keycloak and in dev mode. */
    public static final Map<String, List<String>> TECHNICIAN_SITES = Map.of(
            "tech-tx", List.of("TX1", "TX2"),
            "tech-nd", List.of("ND1"));

    @Inject
    DemoConfig config;

    @Inject
    DemoFleetLoader loader;

    @Inject
    DemoMachineOrders demoOrders;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Loads the demo fleet into an empty database, and says in the log why it loads or not. Replicas
     * starting together take turns (a PostgreSQL advisory lock held for the load): the first loads,
     * the others then find the fleet there.
     */
    void onStart(@Observes StartupEvent event) {
        if (config.miners() <= 0) {
            LOG.info("Demo data: off (rigtrail.demo.miners / RIGTRAIL_DEMO_MINERS is not set or 0)");
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(hashtextextended('rigtrail.demo-load', 0))")) {
                ps.execute();
            }
            try {
                loadIfEmpty();
            } finally {
                try (PreparedStatement ps = c.prepareStatement(
                        "select pg_advisory_unlock(hashtextextended('rigtrail.demo-load', 0))")) {
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demo data: " + e.getMessage(), e);
        }
    }

    private void loadIfEmpty() {
        if (!loader.fleetIsEmpty()) {
            LOG.infof("Demo data: not loaded; the database already has sites, and RIGTRAIL_DEMO_MINERS=%d only fills "
                    + "an empty database", config.miners());
            return;
        }
        LOG.infof("Demo data: the database has no sites; loading %d miners over %d sites, %d holds, %d tickets",
                config.miners(), config.sites(), config.holds(), config.tickets());
        var full = loader.load(config.miners(), config.sites(), config.seed(), TECHNICIAN_SITES, config.holds(),
                config.tickets());
        var report = full.fleet();
        LOG.infof("Demo fleet loaded: %d sites, %d miners, %d components in %d ms; %d customs holds", report.sites(),
                report.miners(), report.components(), report.millis(), config.holds());
        if (full.repairs() != null) {
            var r = full.repairs();
            LOG.infof("Demo repair history: %d tickets (%d open), %d RMA cases (%d open), %d shipments on the way, "
                    + "%d held, in %d ms", r.tickets(), r.openTickets(), r.rmaCases(), r.openCases(), r.shipments(),
                    r.holds(), r.millis());
        }
        if (config.machineOrders()) {
            try {
                LOG.infof("Demo machine orders: %d, with their deliveries, a customs hold and a capacity plan",
                        demoOrders.load());
            } catch (RuntimeException e) {
                LOG.warnf(e, "Demo machine orders: not loaded (%s)", e.getMessage());
            }
        }
    }
}
