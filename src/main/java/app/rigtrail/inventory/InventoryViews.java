package app.rigtrail.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The JSON shapes of stock, its ledger and purchase orders. */
public final class InventoryViews {

    private InventoryViews() {
    }

    public record LevelView(Long locationId, String location, Long siteId, Long partId, String partNumber, String kind,
            int onHand, int reserved, int inTransit, int onOrder, int position, Integer reorderPoint, Integer orderUpTo,
            int suggestedOrder, boolean low, Double demandPerYear, Double leadTimeDays) {
    }

    public record MovementView(Long id, Instant at, String actor, String kind, String from, String to, int quantity,
            Long componentId, Long ticketId, Long purchaseOrderId, String reason, int balanceAfter) {
    }

    public record Ledger(Long locationId, String location, Long partId, String partNumber, int onHand,
            int ledgerBalance, List<MovementView> movements, Long siteId) {
    }

    public record Receipt(@NotNull Long locationId, @NotNull Long partId, @Min(1) @Max(100000) int quantity,
            @Size(max = 500) String reason) {
    }

    public record Transfer(@NotNull Long fromLocationId, @NotNull Long toLocationId, @NotNull Long partId,
            @Min(1) @Max(100000) int quantity, @Size(max = 500) String reason) {
    }

    /** A counted correction: delta may be negative; the reason is required. */
    public record Adjustment(@NotNull Long locationId, @NotNull Long partId, @Min(-100000) @Max(100000) int delta,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record NewPurchaseOrder(@NotNull Long partId, @NotNull Long locationId, @Min(1) @Max(100000) int quantity,
            @Min(0) @Max(730) Integer quotedLeadDays, Long portId) {
    }

    public record PurchaseOrderView(Long id, Long partId, String partNumber, Long locationId, String location,
            int quantity, int quotedLeadDays, LocalDate expectedOn, String state, Long shipmentId, String createdBy,
            Instant createdAt) {
    }
}
