package app.rigtrail.repair;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import app.rigtrail.fleet.Component;
import app.rigtrail.logistics.LogisticsViews.ShipmentMoved;
import app.rigtrail.logistics.ShippedRmaCases;
import app.rigtrail.repair.RepairViews.RmaTransitionRequest;
import app.rigtrail.repair.domain.RmaState;

/**
 * RMA cases on shipments (#13 item 2): logistics asks here for the part a case ships, and a case follows
 * the shipment carrying it by observing {@link ShipmentMoved}, in the move's transaction: out to a hub it
 * is shipped, then at the hub; back from one it is returned, then received.
 */
@ApplicationScoped
public class RmaShipments implements ShippedRmaCases {

    @Inject
    RmaService rmas;

    @Override
    public Optional<Component> partInHand(long rmaCaseId) {
        RmaCase r = RmaCase.findById(rmaCaseId);
        return r == null ? Optional.empty() : Optional.of(r.partInHand());
    }

    void follow(@Observes ShipmentMoved moved) {
        for (Long id : moved.rmaCaseIds()) {
            RmaCase r = RmaCase.findById(id);
            RmaState next = r.state.onShipmentMove(moved.kind(), moved.to());
            if (next != null) {
                rmas.transition(r.id, new RmaTransitionRequest(next, "with shipment " + moved.label(), null, null, null,
                        null, null, moved.hubId(), null, null));
            }
        }
    }
}
