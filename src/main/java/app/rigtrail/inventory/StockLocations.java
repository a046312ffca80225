package app.rigtrail.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.rigtrail.fleet.MasterDataCreated;

/** Every site has a store and a lab for its spares, every hub a stock location (#13 item 2: from fleet's event). */
@ApplicationScoped
public class StockLocations {

    void onCreated(@Observes MasterDataCreated created) {
        switch (created.kind()) {
            case SITE -> {
                for (String[] loc : new String[][] {{"-STORE", " store", "SITE_STORE"}, {"-LAB", " lab", "SITE_LAB"}}) {
                    StockLocation l = new StockLocation();
                    l.code = created.code() + loc[0];
                    l.name = created.name() + loc[1];
                    l.kind = loc[2];
                    l.siteId = created.id();
                    l.persist();
                }
            }
            case HUB -> {
                StockLocation l = new StockLocation();
                l.code = created.code() + "-HUB";
                l.name = created.name();
                l.kind = "HUB";
                l.hubId = created.id();
                l.persist();
            }
        }
    }
}
