package app.rigtrail.demo;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Fills an empty database with the demo fleet when {@code rigtrail.demo.miners} > 0 (the dev profile). */
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    /** The demo technicians and their sites; the same users exist in deploy/keycloak and in dev mode. */
    public static final Map<String, List<String>> TECHNICIAN_SITES = Map.of(
            "tech-tx", List.of("TX1", "TX2"),
            "tech-nd", List.of("ND1"));

    @ConfigProperty(name = "rigtrail.demo.miners", defaultValue = "0")
    int miners;

    @ConfigProperty(name = "rigtrail.demo.sites", defaultValue = "7")
    int sites;

    @ConfigProperty(name = "rigtrail.demo.seed", defaultValue = "20251122")
    long seed;

    @ConfigProperty(name = "rigtrail.demo.holds", defaultValue = "0")
    int holds;

    @ConfigProperty(name = "rigtrail.demo.tickets", defaultValue = "0")
    long tickets;

    @Inject
    DemoFleetLoader loader;

    void onStart(@Observes StartupEvent event) {
        if (miners <= 0 || !loader.fleetIsEmpty()) {
            return;
        }
        var full = loader.load(miners, sites, seed, TECHNICIAN_SITES, holds, tickets);
        var report = full.fleet();
        LOG.infof("Demo fleet loaded: %d sites, %d miners, %d components in %d ms; %d customs holds", report.sites(),
                report.miners(), report.components(), report.millis(), holds);
        if (full.repairs() != null) {
            var r = full.repairs();
            LOG.infof("Demo repair history: %d tickets (%d open), %d RMA cases (%d open), %d shipments on the way, "
                    + "%d held, in %d ms", r.tickets(), r.openTickets(), r.rmaCases(), r.openCases(), r.shipments(),
                    r.holds(), r.millis());
        }
    }
}
