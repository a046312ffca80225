package app.rigtrail.growth;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.fleet.Genealogy;
import app.rigtrail.fleet.Miner;
import app.rigtrail.fleet.MinerImport;
import app.rigtrail.fleet.MinerModel;
import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.MinerCsv;
import app.rigtrail.fleet.domain.MinerCsv.ComponentRef;
import app.rigtrail.fleet.domain.MinerCsv.RowError;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.fleet.domain.RackPosition;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.growth.MachineOrderViews.Cancellation;
import app.rigtrail.growth.MachineOrderViews.Commissioning;
import app.rigtrail.growth.MachineOrderViews.CommissioningResult;
import app.rigtrail.growth.MachineOrderViews.Delay;
import app.rigtrail.growth.MachineOrderViews.DeliveryView;
import app.rigtrail.growth.MachineOrderViews.EventView;
import app.rigtrail.growth.MachineOrderViews.HoldSummary;
import app.rigtrail.growth.MachineOrderViews.LedgerView;
import app.rigtrail.growth.MachineOrderViews.MovementView;
import app.rigtrail.growth.MachineOrderViews.NewDelivery;
import app.rigtrail.growth.MachineOrderViews.NewMachineOrder;
import app.rigtrail.growth.MachineOrderViews.OrderDetail;
import app.rigtrail.growth.MachineOrderViews.OrderEdit;
import app.rigtrail.growth.MachineOrderViews.OrderView;
import app.rigtrail.growth.MachineOrderViews.Placement;
import app.rigtrail.growth.MachineOrderViews.ReceiptResult;
import app.rigtrail.growth.MachineOrderViews.Shortage;
import app.rigtrail.growth.MachineOrderViews.UnitView;
import app.rigtrail.growth.domain.DeliveryCsv;
import app.rigtrail.growth.domain.GeneratedSerials;
import app.rigtrail.growth.domain.LedgerRefusal;
import app.rigtrail.growth.domain.MachineOrderState;
import app.rigtrail.growth.domain.MovementKind;
import app.rigtrail.growth.domain.OpenMachineOrder;
import app.rigtrail.growth.domain.OrderLedger;
import app.rigtrail.growth.domain.RackFill;
import app.rigtrail.logistics.CustomsHold;
import app.rigtrail.logistics.LogisticsViews.ItemInput;
import app.rigtrail.logistics.LogisticsViews.NewShipment;
import app.rigtrail.logistics.LogisticsViews.ShipmentMoved;
import app.rigtrail.logistics.LogisticsViews.ShipmentTransition;
import app.rigtrail.logistics.ShipmentService;
import app.rigtrail.logistics.domain.ShipmentKind;
import app.rigtrail.logistics.domain.ShipmentState;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ListQuery;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;

/**
 * Machine orders from purchase to hashing: the order and its ledger, its deliveries (NEW_MACHINES
 * shipments through a port and customs like any other), the machines received into the registry and
 * their commissioning, delays and cancellations. Every change of the ledger is a movement, every change
 * of state or date an event (who, when, from, to, why).
 */
@ApplicationScoped
@Transactional
public class MachineOrderService {

    /** The transit from shipping to the site when an order gives no arrival date. */
    public static final int DEFAULT_TRANSIT_DAYS = 14;
    /** The most received machines an order's page lists for commissioning. */
    static final int UNITS_LISTED = 500;

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    ShipmentService shipments;

    @Inject
    MinerImport registry;

    @Inject
    Genealogy genealogy;

    // ---- the order ----

    public OrderView create(@Valid NewMachineOrder in) {
        List<FieldViolation> bad = new ArrayList<>();
        MinerModel model = MinerModel.findById(in.modelId());
        if (model == null) {
            bad.add(new FieldViolation("modelId", "no miner model " + in.modelId()));
        } else if (in.vendor() != null && in.vendor() != model.vendor) {
            bad.add(new FieldViolation("vendor", model.name + " is made by " + model.vendor + ", not " + in.vendor()));
        }
        Site site = Site.findById(in.siteId());
        if (site == null) {
            bad.add(new FieldViolation("siteId", "no site " + in.siteId()));
        }
        Port port = null;
        if (in.portId() != null) {
            port = Port.findById(in.portId());
            if (port == null) {
                bad.add(new FieldViolation("portId", "no port " + in.portId()));
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("Some fields are not valid", bad);
        }
        LocalDate today = today(site);
        LocalDate ordered = in.orderedOn() == null ? today : in.orderedOn();
        LocalDate ship = in.expectedShipOn() == null ? ordered.plusDays(in.quotedLeadDays()) : in.expectedShipOn();
        LocalDate arrival = in.expectedArrivalOn() == null
                ? ship.plusDays(in.transitDays() == null ? DEFAULT_TRANSIT_DAYS : in.transitDays())
                : in.expectedArrivalOn();
        if (ordered.isAfter(today)) {
            bad.add(new FieldViolation("orderedOn", "must not be after today (" + today + " at " + site.code + ")"));
        }
        if (ordered.getYear() < 2000) {
            bad.add(new FieldViolation("orderedOn", "must be in 2000 or later"));
        }
        if (ship.isBefore(ordered)) {
            bad.add(new FieldViolation("expectedShipOn", "must be on or after the order date " + ordered));
        }
        if (arrival.isBefore(ship)) {
            bad.add(new FieldViolation("expectedArrivalOn", "must be on or after the ship date " + ship));
        }
        if (ship.isAfter(ordered.plusYears(3))) {
            bad.add(new FieldViolation("expectedShipOn", "must be within three years of the order"));
        }
        long total = in.unitPriceCents() * in.quantity();
        long deposit = in.depositPaidCents() == null ? 0 : in.depositPaidCents();
        if (deposit > total) {
            bad.add(new FieldViolation("depositPaidCents", "is more than the order's total of " + dollars(total)));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("Some fields are not valid", bad);
        }
        MachineOrder o = new MachineOrder();
        o.model = model;
        o.vendor = model.vendor;
        o.site = site;
        o.port = port;
        o.quantity = in.quantity();
        o.unitPriceCents = in.unitPriceCents();
        o.depositPaidCents = deposit;
        o.quotedLeadDays = in.quotedLeadDays();
        o.orderedOn = ordered;
        o.expectedShipOn = ship;
        o.expectedArrivalOn = arrival;
        o.vendorReference = blankToNull(in.vendorReference());
        o.note = blankToNull(in.note());
        OrderLedger ledger = OrderLedger.placed(in.quantity());
        o.setLedger(ledger);
        o.state = ledger.state();
        o.createdBy = user.name();
        o.createdAt = Instant.now();
        o.persist();
        movement(o, MovementKind.ORDERED, o.quantity, null, null);
        MachineOrderEvent e = event(o, MachineOrderEvent.Action.PLACED, null);
        e.fromState = null;
        e.toDate = arrival;
        e.change = o.quantity + " × " + model.vendor.label() + " " + model.name + " at " + dollars(o.unitPriceCents)
                + " for " + site.code + "; ships " + ship + ", arrives " + arrival;
        e.persist();
        em.flush();
        return view(o);
    }

    public OrderView edit(long id, @Valid OrderEdit in) {
        MachineOrder o = orderForUpdate(id);
        checkVersion(o, in.version());
        List<String> changes = new ArrayList<>();
        if (in.unitPriceCents() != null && in.unitPriceCents() != o.unitPriceCents) {
            changes.add("unit price " + dollars(o.unitPriceCents) + " → " + dollars(in.unitPriceCents()));
            o.unitPriceCents = in.unitPriceCents();
        }
        if (in.depositPaidCents() != null && in.depositPaidCents() != o.depositPaidCents) {
            changes.add("deposit paid " + dollars(o.depositPaidCents) + " → " + dollars(in.depositPaidCents()));
            o.depositPaidCents = in.depositPaidCents();
        }
        if (o.depositPaidCents > o.unitPriceCents * o.quantity) {
            throw ProblemException.invalid("The deposit is more than the order's total", List.of(new FieldViolation(
                    "depositPaidCents", "at most " + dollars(o.unitPriceCents * o.quantity))));
        }
        if (in.vendorReference() != null && !in.vendorReference().trim().equals(nullToEmpty(o.vendorReference))) {
            changes.add("vendor reference " + dash(o.vendorReference) + " → " + dash(blankToNull(in.vendorReference())));
            o.vendorReference = blankToNull(in.vendorReference());
        }
        if (in.note() != null && !in.note().trim().equals(nullToEmpty(o.note))) {
            changes.add("note changed");
            o.note = blankToNull(in.note());
        }
        if (in.portId() != null && (o.port == null || !o.port.id.equals(in.portId()))) {
            Port p = Port.findById(in.portId());
            if (p == null) {
                throw ProblemException.invalid("Unknown port", List.of(new FieldViolation("portId", "no port " + in.portId())));
            }
            changes.add("port " + (o.port == null ? "—" : o.port.code) + " → " + p.code);
            o.port = p;
        }
        if (!changes.isEmpty()) {
            MachineOrderEvent e = event(o, MachineOrderEvent.Action.EDITED, blankToNull(in.reason()));
            e.change = String.join("; ", changes);
            e.persist();
        }
        em.flush();
        return view(o);
    }

    /** A new expected date, kept as an event with the old date, the new one and why. */
    public OrderView delay(long id, @Valid Delay in) {
        MachineOrder o = orderForUpdate(id);
        checkVersion(o, in.version());
        LocalDate today = today(o.site);
        if (in.deliveryId() != null) {
            MachineDelivery d = delivery(o, in.deliveryId());
            if (in.expectedArrivalOn() == null) {
                throw ProblemException.invalid("Give the delivery's new arrival date",
                        List.of(new FieldViolation("expectedArrivalOn", "is required for a delivery")));
            }
            if (d.outstanding() == 0) {
                throw ProblemException.conflict("delivery " + d.label() + " has nothing left to arrive");
            }
            if (in.expectedArrivalOn().equals(d.expectedArrivalOn)) {
                throw ProblemException.invalid("That is the date already expected",
                        List.of(new FieldViolation("expectedArrivalOn", "is already " + d.expectedArrivalOn)));
            }
            checkNotTooFar(in.expectedArrivalOn(), today, "expectedArrivalOn");
            MachineOrderEvent e = event(o, MachineOrderEvent.Action.DELAYED, in.reason().trim());
            e.deliveryId = d.id;
            e.fromDate = d.expectedArrivalOn;
            e.toDate = in.expectedArrivalOn();
            e.change = "delivery " + d.label() + " arrives " + e.toDate + " instead of " + e.fromDate;
            e.persist();
            d.expectedArrivalOn = in.expectedArrivalOn();
            em.flush();
            return view(o);
        }
        if (o.onOrder == 0) {
            throw ProblemException.conflict("order " + o.label() + " has no units left to ship: delay one of its "
                    + "deliveries instead (deliveryId)");
        }
        if (in.expectedShipOn() == null && in.expectedArrivalOn() == null) {
            throw ProblemException.invalid("Give the new ship date, arrival date, or both", List.of(
                    new FieldViolation("expectedShipOn", "or expectedArrivalOn is required")));
        }
        LocalDate ship = in.expectedShipOn() != null ? in.expectedShipOn() : o.expectedShipOn;
        LocalDate arrival = in.expectedArrivalOn() != null ? in.expectedArrivalOn()
                : o.expectedArrivalOn.plusDays(ChronoUnit.DAYS.between(o.expectedShipOn, ship));
        if (arrival.isBefore(ship)) {
            throw ProblemException.invalid("The arrival cannot come before the shipping",
                    List.of(new FieldViolation("expectedArrivalOn", "must be on or after " + ship)));
        }
        if (ship.isBefore(o.orderedOn)) {
            throw ProblemException.invalid("The ship date cannot come before the order",
                    List.of(new FieldViolation("expectedShipOn", "must be on or after " + o.orderedOn)));
        }
        if (ship.equals(o.expectedShipOn) && arrival.equals(o.expectedArrivalOn)) {
            throw ProblemException.invalid("Those are the dates already expected", List.of(
                    new FieldViolation("expectedShipOn", "is already " + o.expectedShipOn + " (arrival "
                            + o.expectedArrivalOn + ")")));
        }
        checkNotTooFar(arrival, today, "expectedArrivalOn");
        MachineOrderEvent e = event(o, MachineOrderEvent.Action.DELAYED, in.reason().trim());
        e.fromDate = o.expectedArrivalOn;
        e.toDate = arrival;
        e.change = "ships " + ship + " instead of " + o.expectedShipOn + "; arrives " + arrival + " instead of "
                + o.expectedArrivalOn;
        e.persist();
        o.expectedShipOn = ship;
        o.expectedArrivalOn = arrival;
        em.flush();
        return view(o);
    }

    public OrderView cancel(long id, @Valid Cancellation in) {
        MachineOrder o = orderForUpdate(id);
        checkVersion(o, in.version());
        int n = in.quantity() == null ? o.onOrder : in.quantity();
        if (n == 0) {
            throw ProblemException.conflict("order " + o.label() + " has no units left to cancel: every unit has "
                    + "shipped (a delivery on the way is not cancelled here; report it lost or short)");
        }
        move(o, MovementKind.CANCELLED, n, null, in.reason().trim());
        MachineOrderEvent e = event(o, MachineOrderEvent.Action.CANCELLATION, in.reason().trim());
        e.change = n + (n == 1 ? " unit" : " units") + " cancelled; " + o.onOrder + " still on order";
        e.persist();
        em.flush();
        return view(o);
    }

    // ---- deliveries ----

    public DeliveryView addDelivery(long id, @Valid NewDelivery in) {
        MachineOrder o = orderForUpdate(id);
        LocalDate today = today(o.site);
        if (in.shippedOn() != null && in.shippedOn().isAfter(today)) {
            throw ProblemException.invalid("A delivery ships today at the latest", List.of(new FieldViolation(
                    "shippedOn", "must not be after today (" + today + "); leave it empty until it ships")));
        }
        if (in.shippedOn() != null && in.shippedOn().isBefore(o.orderedOn)) {
            throw ProblemException.invalid("A delivery cannot ship before the order", List.of(new FieldViolation(
                    "shippedOn", "must be on or after " + o.orderedOn)));
        }
        LocalDate from = in.shippedOn() != null ? in.shippedOn() : today;
        LocalDate arrival = in.expectedArrivalOn() != null ? in.expectedArrivalOn()
                : (in.shippedOn() != null ? in.shippedOn().plusDays(transitDays(o)) : later(o.expectedArrivalOn, today));
        if (arrival.isBefore(from)) {
            throw ProblemException.invalid("The arrival cannot come before the shipping", List.of(
                    new FieldViolation("expectedArrivalOn", "must be on or after " + from)));
        }
        checkNotTooFar(arrival, today, "expectedArrivalOn");
        Long portId = in.portId() != null ? in.portId() : o.port == null ? null : o.port.id;
        // take the units off the order first: a refusal writes nothing, not even the shipment
        OrderLedger after = apply(o.ledger(), MovementKind.SHIPPED, in.quantity());
        requireAllowed(o, after);
        long number = MachineDelivery.count("order.id", o.id) + 1;
        var shipment = shipments.create(new NewShipment(ShipmentKind.NEW_MACHINES, in.carrier(), in.trackingNumber(),
                o.site.id, null, portId, o.vendor.label() + " factory", o.site.name, List.of(new ItemInput(null, null, null, in.quantity(), null,
                                o.model.id))));
        MachineDelivery d = new MachineDelivery();
        d.order = o;
        d.number = (int) number;
        d.shipment = em.find(app.rigtrail.logistics.Shipment.class, shipment.id());
        d.quantity = in.quantity();
        d.shippedOn = in.shippedOn();
        d.expectedArrivalOn = arrival;
        d.createdBy = user.name();
        d.createdAt = Instant.now();
        d.persist();
        move(o, MovementKind.SHIPPED, in.quantity(), d, blankToNull(in.note()));
        MachineOrderEvent e = event(o, MachineOrderEvent.Action.DELIVERY, blankToNull(in.note()));
        e.deliveryId = d.id;
        e.toDate = arrival;
        e.change = "delivery " + d.label() + ": " + d.quantity + " units on shipment " + shipment.label() + " ("
                + in.carrier().trim() + "), expected " + arrival;
        e.persist();
        if (in.shippedOn() != null) {
            String why = "shipped " + in.shippedOn() + " (delivery " + d.label() + ")";
            shipments.transition(shipment.id(), new ShipmentTransition(ShipmentState.READY, why, null, null));
            shipments.transition(shipment.id(), new ShipmentTransition(ShipmentState.IN_TRANSIT, why, null, null));
        }
        em.flush();
        return deliveryView(d, DwellService.today());
    }

    /** Receives units of a delivery with generated serials (all outstanding ones when no quantity is given). */
    public ReceiptResult receiveGenerated(long id, long deliveryId, Integer quantity) {
        MachineOrder o = orderForUpdate(id);
        MachineDelivery d = receivable(o, deliveryId);
        int n = quantity == null ? Math.min(d.outstanding(), DeliveryCsv.MAX_ROWS) : quantity;
        if (n < 1 || n > d.outstanding()) {
            throw ProblemException.invalid("Receive between 1 and " + d.outstanding() + " machines",
                    List.of(new FieldViolation("quantity", "delivery " + d.label() + " has " + d.outstanding()
                            + " machines to receive")));
        }
        if (n > DeliveryCsv.MAX_ROWS) {
            throw ProblemException.invalid("Receive at most " + DeliveryCsv.MAX_ROWS + " machines at a time",
                    List.of(new FieldViolation("quantity", "at most " + DeliveryCsv.MAX_ROWS
                            + "; receive the rest in another receipt")));
        }
        List<DeliveryCsv.Row> rows = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            rows.add(new DeliveryCsv.Row(i, GeneratedSerials.machine(o.id, d.number, d.received + i), null, null, null));
        }
        return receive(o, d, rows, List.of(), "serials generated");
    }

    /** Receives the machines of a vendor's delivery list (DeliveryCsv): all of them, or none. */
    public ReceiptResult receiveList(long id, long deliveryId, java.io.Reader csv) {
        MachineOrder o = orderForUpdate(id);
        MachineDelivery d = receivable(o, deliveryId);
        DeliveryCsv.Result parsed = DeliveryCsv.parse(csv);
        List<RowError> errors = new ArrayList<>(parsed.errors());
        if (parsed.rows().size() > d.outstanding()) {
            errors.add(new RowError(1, "file", parsed.rows().size() + " machines listed; delivery " + d.label()
                    + " has " + d.outstanding() + " to receive"));
        }
        return receive(o, d, parsed.rows(), errors, "from the vendor's list");
    }

    private ReceiptResult receive(MachineOrder o, MachineDelivery d, List<DeliveryCsv.Row> listed,
            List<RowError> earlier, String how) {
        MinerModel model = o.model;
        Map<ComponentKind, Integer> slots = new EnumMap<>(ComponentKind.class);
        for (ComponentKind k : ComponentKind.values()) {
            slots.put(k, model.slots(k));
        }
        LocalDate today = today(o.site);
        List<RowError> errors = new ArrayList<>(earlier);
        List<MinerCsv.Row> rows = new ArrayList<>(listed.size());
        for (DeliveryCsv.Row r : listed) {
            Map<ComponentKind, List<ComponentRef>> components = GeneratedSerials.complete(r.serial(), r.components(),
                    slots, model.name, r.line(), errors);
            rows.add(new MinerCsv.Row(r.line(), r.serial(), r.assetCode(), r.mac(), model.vendor, model.name,
                    o.site.code, null, MinerStatus.RECEIVED, today.plusDays(model.warrantyDays), components));
        }
        String reason = "received on delivery " + d.label() + " of order " + o.label();
        MinerImport.Registered written;
        try {
            written = registry.register(rows, errors, reason, "nothing was received");
        } catch (PersistenceException e) {
            throw raced(e, "a serial or asset code was registered by someone else meanwhile; nothing was received");
        }
        Instant now = Instant.now();
        for (Miner m : written.miners()) {
            MachineUnit u = new MachineUnit();
            u.minerId = m.id;
            u.orderId = o.id;
            u.deliveryId = d.id;
            u.receivedAt = now;
            u.receivedBy = user.name();
            u.persist();
        }
        int n = written.miners().size();
        d.received += n;
        move(o, MovementKind.RECEIVED, n, d, reason);
        MachineOrderEvent e = event(o, MachineOrderEvent.Action.RECEIPT, null);
        e.deliveryId = d.id;
        e.change = n + " machines received from delivery " + d.label() + " (" + how + "), " + d.outstanding()
                + " still to receive";
        e.persist();
        closeIfDone(d);
        em.flush();
        return new ReceiptResult(n, written.components(), written.miners().stream().map(m -> m.serial).toList(),
                view(o));
    }

    /** Units of a delivery that did not arrive: lost from the order's ledger. */
    public DeliveryView reportShortage(long id, long deliveryId, @Valid Shortage in) {
        MachineOrder o = orderForUpdate(id);
        MachineDelivery d = receivable(o, deliveryId);
        if (in.quantity() > d.outstanding()) {
            throw ProblemException.invalid("More than the delivery has to receive", List.of(new FieldViolation(
                    "quantity", "delivery " + d.label() + " has " + d.outstanding() + " machines to receive")));
        }
        lose(o, d, in.quantity(), in.reason().trim());
        closeIfDone(d);
        em.flush();
        return deliveryView(d, DwellService.today());
    }

    private MachineDelivery receivable(MachineOrder o, long deliveryId) {
        MachineDelivery d = delivery(o, deliveryId);
        ShipmentState s = d.shipment.state;
        if (d.outstanding() == 0) {
            throw ProblemException.conflict("delivery " + d.label() + " has nothing left to receive");
        }
        if (s != ShipmentState.DELIVERED) {
            throw new ProblemException(409, "Not delivered yet", "shipment " + d.shipment.label() + " of delivery "
                    + d.label() + " is " + s + ": it must be delivered to " + o.site.code + " first")
                    .with("shipmentState", s);
        }
        return d;
    }

    /** When nothing is left to receive, the delivery's shipment is received too. */
    private void closeIfDone(MachineDelivery d) {
        if (d.outstanding() == 0 && d.shipment.state == ShipmentState.DELIVERED) {
            shipments.transition(d.shipment.id, new ShipmentTransition(ShipmentState.RECEIVED, "all " + d.quantity
                    + " machines of delivery " + d.label() + " accounted for (" + d.received + " received, " + d.lost
                    + " missing)", null, null));
        }
    }

    private void lose(MachineOrder o, MachineDelivery d, int n, String why) {
        d.lost += n;
        move(o, MovementKind.LOST, n, d, why);
        MachineOrderEvent e = event(o, MachineOrderEvent.Action.LOSS, why);
        e.deliveryId = d.id;
        e.change = n + " units of delivery " + d.label() + " lost";
        e.persist();
    }

    /**
     * Deliveries follow their shipment: its departure dates them, a loss, seizure or re-export loses the
     * units still on it, and it can be closed (received) only when all its machines are accounted for.
     */
    void onShipmentMoved(@Observes ShipmentMoved moved) {
        if (moved.kind() != ShipmentKind.NEW_MACHINES) {
            return;
        }
        MachineDelivery d = MachineDelivery.ofShipment(moved.shipmentId());
        if (d == null) {
            return;
        }
        MachineOrder o = d.order;
        switch (moved.to()) {
            case IN_TRANSIT -> {
                if (d.shippedOn == null) {
                    d.shippedOn = today(o.site);
                }
            }
            case LOST, SEIZED, RE_EXPORTED -> {
                if (d.outstanding() > 0) {
                    lose(o, d, d.outstanding(), "shipment " + d.shipment.label() + " "
                            + moved.to().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
            }
            case RECEIVED -> {
                if (d.outstanding() > 0) {
                    throw ProblemException.conflict("delivery " + d.label() + " still has " + d.outstanding()
                            + " machines to receive: receive them into the registry (or report them missing) on "
                            + "order " + o.label() + "'s page, which closes the shipment");
                }
            }
            default -> {
                // the other moves (ready, at the port, held, cleared, delivered) are read from the shipment
            }
        }
    }

    // ---- commissioning ----

    public CommissioningResult commission(long id, @Valid Commissioning in) {
        MachineOrder o = orderForUpdate(id);
        Site site = o.site;
        boolean listed = in.items() != null && !in.items().isEmpty();
        if (listed == (in.count() != null)) {
            throw ProblemException.invalid("Name each machine and its position, or a count and a starting position",
                    List.of(new FieldViolation(listed ? "count" : "items", listed ? "give items or count, not both"
                            : "give items, or count with startAt")));
        }
        Set<RackPosition> occupied = occupied(site);
        List<MachineUnit> units = new ArrayList<>();
        List<RackPosition> positions = new ArrayList<>();
        RackFill.Layout layout = new RackFill.Layout(site.buildings, site.rowsPerBuilding, site.racksPerRow,
                site.slotsPerRack);
        if (listed) {
            List<FieldViolation> bad = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            Set<RackPosition> inBatch = new HashSet<>();
            for (int i = 0; i < in.items().size(); i++) {
                Placement p = in.items().get(i);
                String field = "items[" + i + "]";
                MachineUnit u = awaitingUnit(o, p, field, bad);
                if (u != null && !seen.add(u.minerId)) {
                    bad.add(new FieldViolation(field, u.miner.serial + " is listed twice"));
                }
                RackPosition pos = null;
                try {
                    pos = p.position() == null ? null : RackPosition.parse(p.position());
                } catch (IllegalArgumentException e) {
                    bad.add(new FieldViolation(field + ".position", e.getMessage()));
                }
                if (pos == null && p.position() == null) {
                    bad.add(new FieldViolation(field + ".position", "is required (building/row/rack/slot, e.g. 1/3/12/7)"));
                } else if (pos != null && !layout.contains(pos)) {
                    bad.add(new FieldViolation(field + ".position", pos + " is outside " + site.code + "'s racks"));
                } else if (pos != null && (occupied.contains(pos) || !inBatch.add(pos))) {
                    bad.add(new FieldViolation(field + ".position", pos + " at " + site.code + " is taken"));
                }
                units.add(u);
                positions.add(pos);
            }
            if (!bad.isEmpty()) {
                throw ProblemException.invalid("Nothing was commissioned", bad);
            }
        } else {
            if (in.startAt() == null || in.startAt().isBlank()) {
                throw ProblemException.invalid("Give the first position to fill",
                        List.of(new FieldViolation("startAt", "is required with count (e.g. 1/3/1/1)")));
            }
            RackPosition start;
            try {
                start = RackPosition.parse(in.startAt());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("Nothing was commissioned", List.of(new FieldViolation("startAt",
                        e.getMessage())));
            }
            if (in.count() > o.awaitingCommissioning) {
                throw ProblemException.invalid("Nothing was commissioned", List.of(new FieldViolation("count",
                        "only " + o.awaitingCommissioning + " machines of " + o.label() + " wait to be commissioned")));
            }
            units = MachineUnit.<MachineUnit>find("orderId = ?1 and commissionedAt is null order by minerId", o.id)
                    .page(0, in.count()).list();
            try {
                positions = RackFill.from(layout, occupied, start, units.size());
            } catch (LedgerRefusal r) {
                throw ProblemException.invalid("Nothing was commissioned", List.of(new FieldViolation(r.field(),
                        r.getMessage())));
            }
        }
        Instant now = Instant.now();
        List<Placement> placed = new ArrayList<>();
        String reason = "commissioned from order " + o.label();
        for (int i = 0; i < units.size(); i++) {
            MachineUnit u = units.get(i);
            Miner m = u.miner;
            RackPosition p = positions.get(i);
            m.placeAt(p);
            m.installedAt = now;
            genealogy.changeStatus(m, MinerStatus.HASHING, reason + " at " + p);
            u.commissionedAt = now;
            u.commissionedBy = user.name();
            placed.add(new Placement(m.id, m.serial, p.toString()));
        }
        move(o, MovementKind.COMMISSIONED, units.size(), null, reason);
        MachineOrderEvent e = event(o, MachineOrderEvent.Action.COMMISSIONING, null);
        e.change = units.size() + " machines commissioned at " + site.code + " (" + placed.get(0).position()
                + (units.size() > 1 ? " to " + placed.get(placed.size() - 1).position() : "") + "), "
                + o.awaitingCommissioning + " still to commission";
        e.persist();
        try {
            em.flush();
        } catch (PersistenceException ex) {
            throw raced(ex, "a position was taken by someone else meanwhile; nothing was commissioned: reload and "
                    + "try again");
        }
        return new CommissioningResult(units.size(), placed, view(o));
    }

    private MachineUnit awaitingUnit(MachineOrder o, Placement p, String field, List<FieldViolation> bad) {
        Miner m = p.minerId() != null ? Miner.findById(p.minerId())
                : p.serial() != null && !p.serial().isBlank() ? Miner.findBySerial(p.serial().trim()) : null;
        if (m == null) {
            bad.add(new FieldViolation(field, p.minerId() == null && (p.serial() == null || p.serial().isBlank())
                    ? "name the machine by minerId or serial" : "no such machine"));
            return null;
        }
        MachineUnit u = MachineUnit.findById(m.id);
        if (u == null || !u.orderId.equals(o.id)) {
            bad.add(new FieldViolation(field, m.serial + " was not received on order " + o.label()));
            return null;
        }
        if (u.commissionedAt != null || m.status != MinerStatus.RECEIVED) {
            bad.add(new FieldViolation(field, m.serial + " is already commissioned"));
            return null;
        }
        return u;
    }

    @SuppressWarnings("unchecked")
    private Set<RackPosition> occupied(Site site) {
        Set<RackPosition> out = new HashSet<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select building, row_no, rack, slot from miner "
                + "where site_id = ?1 and status <> 'RETIRED' and building is not null").setParameter(1, site.id)
                .getResultList()) {
            out.add(new RackPosition(((Number) r[0]).intValue(), ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(), ((Number) r[3]).intValue()));
        }
        return out;
    }

    // ---- reads ----

    public Page<OrderView> list(String vendor, String site, List<MachineOrderState> states, Paging paging) {
        Page<MachineOrder> page = query(vendor, site, states).page(em, MachineOrder.class, "o",
                "join fetch o.site join fetch o.model left join fetch o.port", "o.expectedArrivalOn, o.id", paging,
                o -> o);
        return new Page<>(views(page.items()), page.total());
    }

    /** Every order the filters select, as CSV (one line per order), for the export. */
    public String csv(String vendor, String site, List<MachineOrderState> states) {
        Page<MachineOrder> page = query(vendor, site, states).page(em, MachineOrder.class, "o",
                "join fetch o.site join fetch o.model left join fetch o.port", "o.expectedArrivalOn, o.id",
                new Paging(0, 100_000), o -> o);
        Page<OrderView> all = new Page<>(views(page.items()), page.total());
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("Order", "Vendor", "Model", "Site",
                "State", "Ordered", "Cancelled", "On order", "On the way", "In customs", "Awaiting commissioning",
                "Commissioned", "Lost", "Unit price (USD)", "Total (USD)", "Deposit paid (USD)", "Quoted lead time (days)",
                "Ordered on", "Expected ship date", "Expected arrival", "Days delayed", "TH/s to come",
                "Vendor reference").get())) {
            for (OrderView v : all.items()) {
                LedgerView u = v.units();
                p.printRecord(v.label(), v.vendor(), v.model(), v.site(), v.stateLabel(), v.quantity(), u.cancelled(),
                        u.onOrder(), u.onTheWay(), u.inCustoms(), u.awaitingCommissioning(), u.commissioned(), u.lost(),
                        usd(v.unitPriceCents()), usd(v.totalCents()), usd(v.depositPaidCents()), v.quotedLeadDays(),
                        v.orderedOn(), v.expectedShipOn(), v.expectedArrivalOn(), v.delayedDays(), v.thsLeftToDeliver(),
                        v.vendorReference());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private ListQuery query(String vendor, String site, List<MachineOrderState> states) {
        List<FieldViolation> bad = new ArrayList<>();
        Vendor v = null;
        if (vendor != null && !vendor.isBlank()) {
            try {
                v = Vendor.valueOf(vendor.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                bad.add(new FieldViolation("vendor", "'" + vendor + "' is not one of " + List.of(Vendor.values())));
            }
        }
        Long siteId = null;
        if (site != null && !site.isBlank()) {
            Site s = site.trim().matches("\\d{1,18}") ? Site.findById(Long.valueOf(site.trim()))
                    : Site.findByCode(site.trim().toUpperCase(Locale.ROOT));
            if (s == null) {
                bad.add(new FieldViolation("site", "no site " + site.trim()));
            } else {
                siteId = s.id;
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("Some filters are not valid", bad);
        }
        if (siteId != null) {
            user.requireSite(siteId);
        }
        ListQuery q = new ListQuery().and("o.vendor = :vendor", "vendor", v).and("o.site.id = :site", "site", siteId)
                .inSites("o.site.id", user.siteScope());
        if (states != null && !states.isEmpty()) {
            q.and("o.state in :states", "states", states);
        }
        return q;
    }

    public OrderDetail detail(long id) {
        MachineOrder o = orderInScope(id);
        LocalDate today = DwellService.today();
        List<DeliveryView> deliveries = MachineDelivery.<MachineDelivery>find("order.id = ?1 order by number", id)
                .list().stream().map(d -> deliveryView(d, today)).toList();
        Map<Long, Integer> numbers = new HashMap<>();
        deliveries.forEach(d -> numbers.put(d.id(), d.number()));
        List<UnitView> units = MachineUnit.<MachineUnit>find("orderId = ?1 and commissionedAt is null order by minerId",
                id).page(0, UNITS_LISTED).list().stream().map(u -> new UnitView(u.minerId, u.miner.serial,
                        u.miner.assetCode, u.miner.status.name(), u.miner.position() == null ? null
                                : u.miner.position().toString(), numbers.getOrDefault(u.deliveryId, 0), u.receivedAt,
                        u.commissionedAt)).toList();
        List<EventView> events = MachineOrderEvent.<MachineOrderEvent>find("orderId = ?1 order by id", id).list()
                .stream().map(e -> new EventView(e.at, e.actor, e.action.name(), e.action.label(),
                        e.fromState, e.toState, e.fromDate, e.toDate, e.deliveryId, e.change, e.reason)).toList();
        List<MovementView> movements = MachineOrderMovement.<MachineOrderMovement>find("orderId = ?1 order by id", id)
                .list().stream().map(m -> new MovementView(m.at, m.actor, m.kind.label(),
                        m.fromBucket == null ? null : m.fromBucket.label(), m.toBucket.label(), m.quantity,
                        m.deliveryId, m.reason)).toList();
        return new OrderDetail(view(o), deliveries, units, units.size(), events, movements);
    }

    /**
     * The open machine orders for a forecast (no site scope: the caller decides what to show): orders
     * with machines still to come or waiting to be commissioned, for the given site codes and vendors
     * (empty or null: all), with each delivery on the way and its customs hold. Read-only.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OpenMachineOrder> openOrders(Set<String> siteCodes, Set<Vendor> vendors, LocalDate today) {
        StringBuilder jpql = new StringBuilder("select o from MachineOrder o join fetch o.site join fetch o.model "
                + "where o.state in :states");
        Map<String, Object> params = new HashMap<>();
        params.put("states", List.of(MachineOrderState.PLACED, MachineOrderState.IN_DELIVERY,
                MachineOrderState.DELIVERED));
        if (siteCodes != null && !siteCodes.isEmpty()) {
            jpql.append(" and upper(o.site.code) in :sites");
            params.put("sites", siteCodes.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
        }
        if (vendors != null && !vendors.isEmpty()) {
            jpql.append(" and o.vendor in :vendors");
            params.put("vendors", vendors);
        }
        var query = em.createQuery(jpql.append(" order by o.id").toString(), MachineOrder.class);
        params.forEach(query::setParameter);
        List<MachineOrder> orders = query.getResultList();
        Map<Long, List<OpenMachineOrder.InboundLot>> lots = new HashMap<>();
        if (!orders.isEmpty()) {
            for (MachineDelivery d : em.createQuery("select d from MachineDelivery d join fetch d.shipment s "
                    + "left join fetch s.port where d.order.id in :ids and d.received + d.lost < d.quantity "
                    + "order by d.id", MachineDelivery.class).setParameter("ids", orders.stream().map(o -> o.id).toList())
                    .getResultList()) {
                CustomsHold h = d.shipment.state == ShipmentState.HELD ? openHold(d.shipment.id) : null;
                lots.computeIfAbsent(d.order.id, k -> new ArrayList<>()).add(new OpenMachineOrder.InboundLot(d.id,
                        d.shipment.id, d.outstanding(), d.shippedOn, d.expectedArrivalOn, d.shipment.state.name(),
                        h != null, h == null ? null : h.id, h == null ? null : h.kind.name(),
                        h == null ? null : h.presentedOn,
                        h == null ? null : (int) h.clocks().ageDays(today),
                        d.shipment.port == null ? null : d.shipment.port.code));
            }
        }
        List<OpenMachineOrder> out = new ArrayList<>(orders.size());
        for (MachineOrder o : orders) {
            out.add(new OpenMachineOrder(o.id, o.label(), o.vendor, o.model.id, o.model.name,
                    o.model.hashrateThs.doubleValue(), o.model.powerWatts, o.site.id, o.site.code, o.state, o.quantity,
                    o.onOrder + o.onDelivery, o.onOrder, o.awaitingCommissioning, o.unitPriceCents, o.depositPaidCents,
                    o.quotedLeadDays, o.orderedOn, o.expectedShipOn, o.expectedArrivalOn,
                    List.copyOf(lots.getOrDefault(o.id, List.of()))));
        }
        return out;
    }

    /**
     * The order, locked until the transaction ends: two tablets receiving the same delivery, or a
     * retry racing its first attempt, take turns, and the second one sees what the first one did.
     */
    MachineOrder orderForUpdate(long id) {
        MachineOrder o = MachineOrder.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            throw ProblemException.notFound("Machine order", id);
        }
        user.requireSite(o.site.id);
        return o;
    }

    /** The delivery a shipment carries, if it is one (for a link from the shipment's page). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public MachineDelivery deliveryOfShipment(long shipmentId) {
        MachineDelivery d = MachineDelivery.ofShipment(shipmentId);
        if (d != null) {
            user.requireSite(d.order.site.id);
        }
        return d;
    }

    /** The first free rack position of a site in fill order (building/row/rack/slot), or null when it is full. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String nextFreePosition(long siteId) {
        Site site = Site.findById(siteId);
        try {
            return RackFill.from(new RackFill.Layout(site.buildings, site.rowsPerBuilding, site.racksPerRow,
                    site.slotsPerRack), occupied(site), new RackPosition(1, 1, 1, 1), 1).get(0).csv();
        } catch (LedgerRefusal full) {
            return null;
        }
    }

    MachineOrder orderInScope(long id) {
        MachineOrder o = MachineOrder.findById(id);
        if (o == null) {
            throw ProblemException.notFound("Machine order", id);
        }
        user.requireSite(o.site.id);
        return o;
    }

    private MachineDelivery delivery(MachineOrder o, long deliveryId) {
        MachineDelivery d = MachineDelivery.findById(deliveryId);
        if (d == null || !d.order.id.equals(o.id)) {
            throw ProblemException.notFound("Delivery of order " + o.label(), deliveryId);
        }
        return d;
    }

    OrderView view(MachineOrder o) {
        return views(List.of(o)).get(0);
    }

    /** The views of some orders, with their units in customs and first promised dates read in two queries. */
    List<OrderView> views(List<MachineOrder> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        List<Long> ids = orders.stream().map(o -> o.id).toList();
        Map<Long, Integer> inCustoms = new HashMap<>();
        for (Object[] r : em.createQuery("select d.order.id, sum(d.quantity - d.received - d.lost) from "
                + "MachineDelivery d where d.order.id in :ids and d.shipment.state = :held group by d.order.id",
                Object[].class).setParameter("ids", ids).setParameter("held", ShipmentState.HELD).getResultList()) {
            inCustoms.put((Long) r[0], ((Number) r[1]).intValue());
        }
        Map<Long, LocalDate> promised = new HashMap<>();
        for (Object[] r : em.createQuery("select e.orderId, e.toDate from MachineOrderEvent e where e.orderId in :ids "
                + "and e.action = :placed", Object[].class).setParameter("ids", ids)
                .setParameter("placed", MachineOrderEvent.Action.PLACED).getResultList()) {
            promised.put((Long) r[0], (LocalDate) r[1]);
        }
        return orders.stream().map(o -> view(o, inCustoms.getOrDefault(o.id, 0),
                promised.getOrDefault(o.id, o.expectedArrivalOn))).toList();
    }

    private OrderView view(MachineOrder o, int inCustoms, LocalDate firstPromised) {
        OrderLedger l = o.ledger();
        BigDecimal ths = o.model.hashrateThs;
        return new OrderView(o.id, o.label(), o.vendor, o.vendor.label(), o.model.id, o.model.name, ths, o.site.id, o.site.code,
                o.site.timeZone, o.port == null ? null : o.port.code, o.quantity, o.unitPriceCents,
                o.unitPriceCents * l.active(), o.depositPaidCents, o.unitPriceCents * l.active() - o.depositPaidCents,
                o.quotedLeadDays, o.orderedOn, o.expectedShipOn, o.expectedArrivalOn,
                Math.max(0, ChronoUnit.DAYS.between(firstPromised, o.expectedArrivalOn)), o.vendorReference, o.note,
                o.state, o.state.label(), new LedgerView(o.quantity, o.onOrder, o.onDelivery, inCustoms,
                        o.awaitingCommissioning, o.commissioned, o.cancelled, o.lost, l.leftToDeliver()),
                ths.multiply(BigDecimal.valueOf(l.leftToDeliver())), ths.multiply(BigDecimal.valueOf(o.commissioned)),
                o.createdBy, o.createdAt, o.version);
    }

    DeliveryView deliveryView(MachineDelivery d, LocalDate today) {
        var s = d.shipment;
        CustomsHold h = CustomsHold.<CustomsHold>find("shipment.id = ?1 order by id desc", s.id).firstResult();
        HoldSummary hold = null;
        if (h != null) {
            var c = h.clocks();
            long fees = c.storageFeesCents(h.storageFeeCentsPerDay, today);
            int units = h.units > 0 ? h.units : d.quantity;
            var standing = c.standing(today);
            hold = new HoldSummary(h.id, h.label(), h.kind.name(), h.kind.label(), h.port.code, h.presentedOn,
                    c.ageDays(today), h.lastFreeDay, h.storageFeeCentsPerDay, fees,
                    units == 0 ? null : Math.round((double) fees / units), c.pastLastFreeDay(today), standing.name(),
                    standing.label(), h.decidedOn, h.outcome == null ? null : h.outcome.name(),
                    h.outcome == null ? null : h.outcome.label());
        }
        return new DeliveryView(d.id, d.number, d.label(), s.id, s.label(), s.state.name(),
                s.state.label(), s.carrier,
                s.trackingNumber, s.port == null ? null : s.port.code, d.quantity, d.received, d.lost, d.outstanding(),
                d.shippedOn, d.expectedArrivalOn, hold, s.state == ShipmentState.DELIVERED && d.outstanding() > 0,
                d.version);
    }

    private CustomsHold openHold(long shipmentId) {
        return CustomsHold.<CustomsHold>find("shipment.id = ?1 and outcome is null order by id desc", shipmentId)
                .firstResult();
    }

    // ---- the ledger ----

    /** Moves units between the order's balances and appends the movement; a change of state is an event. */
    private void move(MachineOrder o, MovementKind kind, int n, MachineDelivery d, String reason) {
        OrderLedger after = apply(o.ledger(), kind, n);
        MachineOrderState from = o.state;
        MachineOrderState to = requireAllowed(o, after);
        o.setLedger(after);
        movement(o, kind, n, d, reason);
        if (to != from) {
            o.state = to;
            MachineOrderEvent e = event(o, MachineOrderEvent.Action.STATE, reason);
            e.fromState = from;
            e.toState = to;
            e.deliveryId = d == null ? null : d.id;
            e.persist();
        }
    }

    private static OrderLedger apply(OrderLedger l, MovementKind kind, int n) {
        try {
            return l.apply(kind, n);
        } catch (LedgerRefusal r) {
            throw ProblemException.invalid(r.getMessage(), List.of(new FieldViolation(r.field(), r.getMessage())));
        }
    }

    private static MachineOrderState requireAllowed(MachineOrder o, OrderLedger after) {
        MachineOrderState to = after.state();
        if (to != o.state && !o.state.canMoveTo(to)) {
            throw new ProblemException(409, "Not allowed", "order " + o.label() + " is " + o.state.label()
                    + " and cannot become " + to.label()).with("state", o.state).with("allowed", o.state.allowedNext());
        }
        return to;
    }

    private void movement(MachineOrder o, MovementKind kind, int n, MachineDelivery d, String reason) {
        MachineOrderMovement m = new MachineOrderMovement();
        m.orderId = o.id;
        m.at = Instant.now();
        m.actor = user.name();
        m.kind = kind;
        m.fromBucket = kind.from();
        m.toBucket = kind.to();
        m.quantity = n;
        m.deliveryId = d == null ? null : d.id;
        m.reason = reason;
        m.persist();
    }

    private MachineOrderEvent event(MachineOrder o, MachineOrderEvent.Action action, String reason) {
        MachineOrderEvent e = new MachineOrderEvent();
        e.orderId = o.id;
        e.at = Instant.now();
        e.actor = user.name();
        e.action = action;
        e.fromState = o.state;
        e.toState = o.state;
        e.reason = reason;
        return e; // the caller fills in the rest and persists it: once written, it cannot change
    }

    /** A unique constraint another transaction won: a conflict to retry, not a failure of ours. */
    private static RuntimeException raced(PersistenceException e, String message) {
        Throwable t = e;
        while (t != null && !(t instanceof org.hibernate.exception.ConstraintViolationException)) {
            t = t.getCause();
        }
        return t != null ? ProblemException.conflict(message) : e;
    }

    private static void checkVersion(MachineOrder o, Integer version) {
        if (version != null && version != o.version) {
            throw ProblemException.conflict("order " + o.label() + " changed since you loaded it (version " + version
                    + ", now " + o.version + "): reload it and try again");
        }
    }

    private static void checkNotTooFar(LocalDate d, LocalDate today, String field) {
        if (d.isAfter(today.plusYears(3))) {
            throw ProblemException.invalid("Too far ahead", List.of(new FieldViolation(field,
                    "must be within three years from today")));
        }
        if (d.getYear() < 2000) {
            throw ProblemException.invalid("Not a plausible date", List.of(new FieldViolation(field,
                    "must be in 2000 or later")));
        }
    }

    private static int transitDays(MachineOrder o) {
        return (int) Math.max(0, ChronoUnit.DAYS.between(o.expectedShipOn, o.expectedArrivalOn));
    }

    static LocalDate today(Site site) {
        return LocalDate.now(zone(site));
    }

    static ZoneId zone(Site site) {
        try {
            return ZoneId.of(site.timeZone);
        } catch (RuntimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static String dollars(long cents) {
        return java.text.NumberFormat.getCurrencyInstance(Locale.US).format(BigDecimal.valueOf(cents, 2));
    }

    private static BigDecimal usd(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static String dash(String s) {
        return s == null ? "—" : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

}
