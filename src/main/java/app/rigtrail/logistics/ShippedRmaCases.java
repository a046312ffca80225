package app.rigtrail.logistics;

import java.util.Optional;

import app.rigtrail.fleet.Component;

/**
 * The RMA cases a shipment may carry, as logistics needs them (#13 item 2): repair owns the cases and
 * implements this, so that logistics does not depend on repair. The cases follow their shipment by
 * observing {@link LogisticsViews.ShipmentMoved}.
 */
public interface ShippedRmaCases {

    /** The part an RMA case ships (its replacement once the hub replaced it); empty when there is no such case. */
    Optional<Component> partInHand(long rmaCaseId);
}
