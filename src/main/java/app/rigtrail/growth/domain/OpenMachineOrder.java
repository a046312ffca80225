package app.rigtrail.growth.domain;

import java.time.LocalDate;
import java.util.List;

import app.rigtrail.fleet.domain.Vendor;

/**
 * What a forecast needs of an open machine order, read once from the database: the machines still
 * to come and when they are expected, where they are now, and what they cost. Plain values only.
 *
 * @param unitsOnOrder units not yet put on any delivery: they ship on {@code expectedShipOn} and arrive on
 *        {@code expectedArrivalOn} (the order's dates, moved by its delays)
 * @param leftToDeliver units on order plus units on deliveries not yet received ({@code unitsOnOrder} plus the
 *        sum of the lots' units)
 * @param awaitingCommissioning units received but not yet installed: here already, not yet hashing
 * @param lots the deliveries on the way, one per shipment not yet received
 */
public record OpenMachineOrder(long orderId, String label, Vendor vendor, long modelId, String model,
        double nameplateThsPerUnit, int powerWatts, long siteId, String siteCode, MachineOrderState state,
        int quantity, int leftToDeliver, int unitsOnOrder, int awaitingCommissioning, long unitPriceCents,
        long depositPaidCents, int quotedLeadDays, LocalDate orderedOn, LocalDate expectedShipOn,
        LocalDate expectedArrivalOn, List<InboundLot> lots) {

    /**
     * Units of one delivery on the way.
     *
     * @param shipmentState the shipment's state by name (CREATED, READY, IN_TRANSIT, AT_PORT, HELD, CLEARED, DELIVERED)
     * @param inCustoms whether the shipment is held by customs now; then the hold's kind, presentation date and age
     */
    public record InboundLot(long deliveryId, long shipmentId, int units, LocalDate shippedOn,
            LocalDate expectedArrivalOn, String shipmentState, boolean inCustoms, Long holdId, String holdKind,
            LocalDate holdPresentedOn, Integer holdAgeDays, String port) {
    }

    /** Units held in customs now, over all lots. */
    public int unitsInCustoms() {
        return lots.stream().filter(InboundLot::inCustoms).mapToInt(InboundLot::units).sum();
    }

    /** What the units still to come cost at the order's unit price. */
    public long valueLeftToDeliverCents() {
        return unitPriceCents * leftToDeliver;
    }
}
