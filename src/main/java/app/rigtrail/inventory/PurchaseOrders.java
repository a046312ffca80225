package app.rigtrail.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.Genealogy;
import app.rigtrail.fleet.Part;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.inventory.InventoryViews.NewPurchaseOrder;
import app.rigtrail.inventory.InventoryViews.PurchaseOrderView;
import app.rigtrail.inventory.domain.PurchaseOrderState;
import app.rigtrail.logistics.LogisticsViews;
import app.rigtrail.logistics.LogisticsViews.ShipmentMoved;
import app.rigtrail.logistics.ShipmentService;
import app.rigtrail.logistics.domain.ShipmentKind;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * Purchase orders for spares (#13 item 2): an order is placed with an inbound shipment from the supplier
 * (created through logistics), and follows that shipment by observing {@link ShipmentMoved} in the move's
 * transaction: in transit when it leaves, on the shelf when it is received. Its states and moves are
 * {@link PurchaseOrderState}'s. The stock levels and the ledger stay {@link StockService}'s, which knows
 * nothing of shipments.
 */
@ApplicationScoped
@Transactional
public class PurchaseOrders {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    Genealogy genealogy;

    @Inject
    StockService stock;

    @Inject
    ShipmentService shipments;

    public PurchaseOrderView order(@Valid NewPurchaseOrder in) {
        StockLocation loc = stock.location(in.locationId(), true);
        Part part = StockService.part(in.partId());
        if (loc.siteId == null) {
            throw ProblemException.invalid("Orders are received at a site",
                    List.of(new FieldViolation("locationId", "choose a site's store or lab")));
        }
        int lead = in.quotedLeadDays() == null ? stock.config().defaultLeadDays() : in.quotedLeadDays();
        PurchaseOrder po = new PurchaseOrder();
        po.partId = part.id;
        po.locationId = loc.id;
        po.quantity = in.quantity();
        po.quotedLeadDays = lead;
        po.expectedOn = LocalDate.now(ZoneOffset.UTC).plusDays(lead);
        po.state = PurchaseOrderState.OPEN;
        po.createdBy = user.name();
        po.createdAt = Instant.now();
        po.persist();
        var shipment = shipments.create(new LogisticsViews.NewShipment(ShipmentKind.SPARES_PURCHASE,
                "supplier (PO-" + po.id + ")", "PO-" + po.id, loc.siteId, null, in.portId(), part.vendor.name() + " supplier",
                loc.name, List.of(new LogisticsViews.ItemInput(null, null, part.id, in.quantity(), null, null))));
        po.shipmentId = shipment.id();
        em.createNativeQuery("""
                insert into stock_level (location_id, part_id, on_order) values (?1, ?2, ?3)
                on conflict (location_id, part_id) do update set on_order = stock_level.on_order + excluded.on_order,
                                                                version = stock_level.version + 1""")
                .setParameter(1, loc.id).setParameter(2, part.id).setParameter(3, in.quantity()).executeUpdate();
        stock.movement(part, "ORDERED", null, loc, in.quantity(), null, null, po.id, "purchase order PO-" + po.id
                + ", expected " + po.expectedOn);
        return view(po);
    }

    /** The order of a spares purchase follows its shipment. */
    void onShipmentMoved(@Observes ShipmentMoved moved) {
        if (moved.kind() != ShipmentKind.SPARES_PURCHASE) {
            return;
        }
        PurchaseOrder po = PurchaseOrder.find("shipmentId = ?1", moved.shipmentId()).firstResult();
        if (po == null) {
            return;
        }
        PurchaseOrderState next = po.state.onShipmentMove(moved.to());
        if (next == PurchaseOrderState.IN_TRANSIT) {
            inTransit(po);
        } else if (next == PurchaseOrderState.RECEIVED) {
            receive(po);
        }
    }

    /** The purchase's shipment left: the lot is in transit, no longer on order. */
    private void inTransit(PurchaseOrder po) {
        em.createNativeQuery("update stock_level set on_order = greatest(on_order - ?3, 0), in_transit = in_transit + ?3, "
                + "version = version + 1 where location_id = ?1 and part_id = ?2").setParameter(1, po.locationId)
                .setParameter(2, po.partId).setParameter(3, po.quantity).executeUpdate();
        po.state = PurchaseOrderState.IN_TRANSIT;
    }

    /** The purchase's shipment was received: the lot goes on the shelf (serialized parts get serials). */
    private void receive(PurchaseOrder po) {
        StockLocation loc = StockLocation.findById(po.locationId);
        Part part = Part.findById(po.partId);
        String column = po.state == PurchaseOrderState.IN_TRANSIT ? "in_transit" : "on_order";
        em.createNativeQuery("update stock_level set " + column + " = greatest(" + column + " - ?3, 0), "
                + "version = version + 1 where location_id = ?1 and part_id = ?2").setParameter(1, loc.id)
                .setParameter(2, part.id).setParameter(3, po.quantity).executeUpdate();
        Site site = Site.findById(loc.siteId);
        for (int n = 1; n <= po.quantity; n++) {
            Long componentId = null;
            if (part.serialized) {
                Component c = new Component();
                c.serial = "PO" + po.id + "-" + part.partNumber + "-" + n;
                c.part = part;
                c.kind = part.kind;
                c.locationKind = LocationKind.STOCK;
                c.siteId = site.id;
                c.locationRef = site.code + " store";
                genealogy.moveTo(c, LocationKind.STOCK, site.code + " store", site.id, "received on PO-" + po.id);
                componentId = c.id;
            }
            if (part.serialized || n == 1) {
                stock.add(loc, part, part.serialized ? 1 : po.quantity, "RECEIPT", componentId, null, po.id,
                        "purchase order PO-" + po.id);
            }
        }
        po.state = PurchaseOrderState.RECEIVED;
    }

    public List<PurchaseOrderView> orders() {
        Map<Long, StockLocation> locations = new HashMap<>();
        StockLocation.<StockLocation>listAll().forEach(l -> locations.put(l.id, l));
        return PurchaseOrder.<PurchaseOrder>find("order by createdAt desc, id desc").page(0, 200).list().stream()
                .filter(po -> user.canSeeSite(locations.get(po.locationId).siteId))
                .map(this::view).toList();
    }

    private PurchaseOrderView view(PurchaseOrder po) {
        Part part = Part.findById(po.partId);
        StockLocation loc = StockLocation.findById(po.locationId);
        return new PurchaseOrderView(po.id, po.partId, part.partNumber, po.locationId, loc.name, po.quantity,
                po.quotedLeadDays, po.expectedOn, po.state.name(), po.shipmentId, po.createdBy, po.createdAt);
    }
}
