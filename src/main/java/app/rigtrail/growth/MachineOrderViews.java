package app.rigtrail.growth;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.growth.domain.MachineOrderState;

/** The JSON shapes of machine orders, their deliveries and the capacity plan. */
public final class MachineOrderViews {

    private MachineOrderViews() {
    }

    // ---- inputs ----

    /**
     * A new order. Dates left out follow from the others: ordered today (in the site's time zone),
     * shipping after the quoted lead time, arriving {@code transitDays} (default 14) after shipping.
     * {@code vendor}, when given, must be the model's.
     */
    public record NewMachineOrder(@NotNull Long modelId, Vendor vendor, @NotNull Long siteId,
            @NotNull @Min(1) @Max(100_000) Integer quantity, @NotNull @Min(0) @Max(100_000_000_00L) Long unitPriceCents,
            @Min(0) Long depositPaidCents, @NotNull @Min(0) @Max(730) Integer quotedLeadDays, LocalDate orderedOn,
            LocalDate expectedShipOn, @Min(0) @Max(365) Integer transitDays, LocalDate expectedArrivalOn, Long portId,
            @Size(max = 60) String vendorReference, @Size(max = 2000) String note) {
    }

    /** Changes to the descriptive fields; null leaves a field as it is. {@code version} is the one read. */
    public record OrderEdit(@NotNull Integer version, @Min(0) Long depositPaidCents,
            @Min(0) @Max(100_000_000_00L) Long unitPriceCents, @Size(max = 60) String vendorReference,
            @Size(max = 2000) String note, Long portId, @Size(max = 2000) String reason) {
    }

    /**
     * A new expected date with its reason. For the order (its units not yet shipped): a new ship date,
     * arrival date, or both (the arrival moves with the ship date when only that is given). For one
     * delivery ({@code deliveryId}): its new arrival date.
     */
    public record Delay(LocalDate expectedShipOn, LocalDate expectedArrivalOn, @NotBlank @Size(max = 2000) String reason,
            Long deliveryId, Integer version) {
    }

    /** Cancels {@code quantity} units not yet shipped (all of them when left out). */
    public record Cancellation(@Min(1) Integer quantity, @NotBlank @Size(max = 2000) String reason, Integer version) {
    }

    /**
     * Some units put on a shipment of new machines. With {@code shippedOn} the shipment is already on
     * its way (in transit); without it, it waits at the vendor (created).
     */
    public record NewDelivery(@NotNull @Min(1) Integer quantity, @NotBlank @Size(max = 60) String carrier,
            @Size(max = 60) String trackingNumber, Long portId, LocalDate shippedOn, LocalDate expectedArrivalOn,
            @Size(max = 2000) String note) {
    }

    /** Receives units of a delivery with generated serials ({@code quantity}: all outstanding when left out). */
    public record Receipt(@Min(1) Integer quantity) {
    }

    /** Units of a delivery that did not arrive (short-shipped, damaged beyond use). */
    public record Shortage(@NotNull @Min(1) Integer quantity, @NotBlank @Size(max = 2000) String reason) {
    }

    /** A received machine (by id or serial) and the rack position it is installed at. */
    public record Placement(Long minerId, @Size(max = 64) String serial, @Size(max = 40) String position) {
    }

    /**
     * Commissions machines: either each one at its position ({@code items}), or the next {@code count}
     * received machines in the free positions from {@code startAt} onwards (slot by slot).
     */
    public record Commissioning(@Valid @Size(max = 2000) List<Placement> items, @Min(1) @Max(2000) Integer count,
            @Size(max = 40) String startAt) {
    }

    // ---- outputs ----

    /** Where the order's units are, with the ones in customs (a part of those on the way). */
    public record LedgerView(int quantity, int onOrder, int onTheWay, int inCustoms, int awaitingCommissioning,
            int commissioned, int cancelled, int lost, int leftToDeliver) {

        /** Units the order still stands for (all but the cancelled ones). */
        public int active() {
            return quantity - cancelled;
        }

        /** Units on the way and not held by customs. */
        public int moving() {
            return onTheWay - inCustoms;
        }

        /** A count as a share of the order, in percent with one decimal (for the ledger bar). */
        public String pct(int n) {
            return String.format(java.util.Locale.ROOT, "%.1f", 100.0 * n / quantity);
        }
    }

    public record OrderView(Long id, String label, Vendor vendor, String vendorLabel, Long modelId, String model,
            BigDecimal nameplateThsPerUnit, Long siteId, String site, String siteTimeZone, String port, int quantity,
            long unitPriceCents, long totalCents, long depositPaidCents, long balanceCents, int quotedLeadDays,
            LocalDate orderedOn, LocalDate expectedShipOn, LocalDate expectedArrivalOn, long delayedDays,
            String vendorReference, String note, MachineOrderState state, String stateLabel, LedgerView units,
            BigDecimal thsLeftToDeliver, BigDecimal thsCommissioned, String createdBy, Instant createdAt,
            int version) {
    }

    /** The customs hold of a delivery's shipment: its age, its clocks and the storage fees so far. */
    public record HoldSummary(Long id, String label, String kind, String kindLabel, String port, LocalDate presentedOn,
            long ageDays, LocalDate lastFreeDay, long storageFeeCentsPerDay, long feesSoFarCents, Long feesPerUnitCents,
            boolean pastLastFreeDay, String standing, String standingLabel, LocalDate decidedOn, String outcome,
            String outcomeLabel) {
    }

    public record DeliveryView(Long id, int number, String label, Long shipmentId, String shipment,
            String shipmentState, String shipmentStateLabel, String carrier, String trackingNumber, String port, int quantity, int received,
            int lost, int outstanding, LocalDate shippedOn, LocalDate expectedArrivalOn, HoldSummary hold,
            boolean canReceive, int version) {
    }

    public record EventView(Instant at, String actor, String action, String actionLabel,
            MachineOrderState fromState, MachineOrderState toState, LocalDate fromDate, LocalDate toDate,
            Long deliveryId, String change, String reason) {
    }

    public record MovementView(Instant at, String actor, String kind, String from, String to,
            int quantity, Long deliveryId, String reason) {
    }

    public record UnitView(Long minerId, String serial, String assetCode, String status, String position,
            int delivery, Instant receivedAt, Instant commissionedAt) {
    }

    /** One page of orders, as the list returns it (named for the API description). */
    public record OrderPage(List<OrderView> items, long total) {
    }

    public record OrderDetail(OrderView order, List<DeliveryView> deliveries, List<UnitView> awaitingCommissioning,
            int unitsListed, List<EventView> events, List<MovementView> movements) {
    }

    /** What a receipt wrote. */
    public record ReceiptResult(int received, int components, List<String> serials, OrderView order) {
    }

    /** What a commissioning wrote: each machine at its position. */
    public record CommissioningResult(int commissioned, List<Placement> placed, OrderView order) {
    }
}
