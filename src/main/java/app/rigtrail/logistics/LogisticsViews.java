package app.rigtrail.logistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.logistics.domain.CustomsClocks;
import app.rigtrail.logistics.domain.HoldKind;
import app.rigtrail.logistics.domain.HoldOutcome;
import app.rigtrail.logistics.domain.ShipmentKind;
import app.rigtrail.logistics.domain.ShipmentState;

/** The JSON shapes of shipments and holds. */
public final class LogisticsViews {

    private LogisticsViews() {
    }

    /**
     * One line: exactly one of componentId, rmaCaseId, partId (with quantity), minerId, or modelId (a
     * lot of new machines of that model, with quantity).
     */
    public record ItemInput(Long componentId, Long rmaCaseId, Long partId, Integer quantity, Long minerId,
            Long modelId) {
    }

    public record NewShipment(@NotNull ShipmentKind kind, @NotBlank @Size(max = 60) String carrier,
            @Size(max = 60) String trackingNumber, @NotNull Long siteId, Long hubId, Long portId,
            @Size(max = 120) String origin, @Size(max = 120) String destination, @Valid List<ItemInput> items) {
    }

    /** Details of the customs entry when a shipment is held at its port. */
    public record HoldInput(@NotBlank @Size(max = 40) String entryNumber, @NotNull HoldKind kind,
            @NotNull LocalDate presentedOn, @Size(max = 120) String filer, @Size(max = 20) String htsCode,
            @Min(0) @Max(1_000_000_000_000L) Long declaredValueCents,
            @Min(0) @Max(100_000_000L) Long storageFeeCentsPerDay, LocalDate lastFreeDay) {
    }

    public record ShipmentTransition(@NotNull ShipmentState to, @Size(max = 2000) String note, @Valid HoldInput hold,
            Integer version) {
    }

    public record HoldDecision(@NotNull HoldOutcome outcome, @NotNull LocalDate decidedOn,
            @Size(max = 2000) String note, Integer version) {
    }

    public record DetentionNotice(@NotNull LocalDate noticeOn, @Size(max = 2000) String note) {
    }

    public record ItemView(String kind, Long componentId, String serial, Long rmaCaseId, String partNumber,
            int quantity, Long minerId, String where, String model) {
    }

    /**
     * What a shipment's move moved (#13 item 2), fired synchronously inside the move's transaction, after
     * its state changed and before its components follow it, so that what travels on it can follow: RMA
     * cases (repair), a purchase order (inventory), a machine delivery (growth). An observer may refuse
     * the move by throwing. {@code hubId} is the shipment's hub, if any; {@code rmaCaseIds} the cases it
     * carries.
     */
    public record ShipmentMoved(long shipmentId, String label, ShipmentKind kind, ShipmentState from, ShipmentState to,
            Long hubId, java.util.List<Long> rmaCaseIds) {
    }

    /**
     * A row of the shipments page: what the list shows, read with the shipment (its site and port
     * fetched with it), without its items and open hold, which would cost queries per row.
     */
    public record ShipmentRow(Long id, String label, ShipmentKind kind, String carrier, String trackingNumber,
            String origin, String destination, Long siteId, String site, String port, ShipmentState state,
            Instant createdAt) {
    }

    public record ShipmentView(Long id, String label, ShipmentKind kind, String carrier, String trackingNumber,
            String origin, String destination, Long siteId, String site, String hub, String port,
            ShipmentState state, String createdBy, Instant createdAt, List<ItemView> items,
            Set<ShipmentState> allowedTransitions, Long openHoldId, int version) {
    }

    public record ShipmentEventView(Instant at, String actor, ShipmentState fromState, ShipmentState toState,
            String note) {
    }

    public record ShipmentDetail(ShipmentView shipment, List<ShipmentEventView> events, List<HoldView> holds) {
    }

    public record HoldView(Long id, String label, Long shipmentId, String entryNumber, String port, String filer,
            String htsCode, long declaredValueCents, Vendor vendor, HoldKind kind, LocalDate presentedOn,
            LocalDate detentionNoticeOn, LocalDate decidedOn, HoldOutcome outcome, long ageDays,
            CustomsClocks.Standing standing, LocalDate releaseBy, LocalDate noticeBy, LocalDate deemedExclusionOn,
            boolean boundByClocks, LocalDate lastFreeDay, boolean pastLastFreeDay, long storageFeeCentsPerDay,
            long feesSoFarCents, int units, BigDecimal hashrateThs, Double expectedRemainingDays,
            Double remainingP50Days, Double remainingP90Days, int version) {
    }

    public record AlertView(Long id, Long holdId, String kind, Instant raisedAt, String message) {
    }
}
