package app.rigtrail.inventory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import app.rigtrail.alerts.AlertService;
import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.AlertRequest;
import app.rigtrail.inventory.InventoryViews.LevelView;
import app.rigtrail.platform.cluster.ClusterJobs;
import io.quarkus.scheduler.Scheduled;

/**
 * Spare stock at or below its reorder point, found by looking once per period across replicas: one
 * alert per location, part and ISO week while it stays low. Inventory raises it through alerts
 * (#13 item 2: alerts depends on no feature that raises alerts).
 */
@ApplicationScoped
public class LowStockAlerts {

    @Inject
    ClusterJobs cluster;

    @Inject
    StockService stock;

    @Inject
    AlertService alerts;

    @Scheduled(every = "1m", delayed = "45s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        cluster.tick("low-stock-alerts", Duration.ofMinutes(15), this::lowStock);
    }

    /** Returns how many alerts it raised. */
    @Transactional
    public int lowStock() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W" + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int raised = 0;
        for (LevelView l : stock.lowEverywhere()) {
            String title = l.partNumber() + " low at " + l.location() + ": position " + l.position() + ", reorder point "
                    + l.reorderPoint();
            String detail = l.partNumber() + " (" + kindInWords(l.kind()) + ") at " + l.location() + ": " + l.onHand() + " on hand, "
                    + l.reserved() + " reserved, " + l.inTransit() + " in transit, " + l.onOrder() + " on order; the "
                    + "reorder point is " + l.reorderPoint() + ". Suggested order: " + l.suggestedOrder() + ".";
            raised += alerts.raise(new AlertRequest(AlertKind.LOW_STOCK, "stock:" + l.locationId() + ":" + l.partId() + ":"
                    + week, l.siteId(), title, detail, "/stock?low=true"), AlertService.SYSTEM).isPresent() ? 1 : 0;
        }
        return raised;
    }

    /** A part kind in the users' words ("Fan", "Control board"). */
    private static String kindInWords(String kind) {
        for (app.rigtrail.fleet.domain.ComponentKind k : app.rigtrail.fleet.domain.ComponentKind.values()) {
            if (k.name().equals(kind)) {
                return k.label().toLowerCase(java.util.Locale.ROOT).replace("psu", "PSU");
            }
        }
        return kind;
    }
}
