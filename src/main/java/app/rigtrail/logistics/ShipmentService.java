package app.rigtrail.logistics;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.Genealogy;
import app.rigtrail.fleet.Miner;
import app.rigtrail.fleet.MinerModel;
import app.rigtrail.fleet.Part;
import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.RepairHub;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.logistics.LogisticsViews.DetentionNotice;
import app.rigtrail.logistics.LogisticsViews.HoldDecision;
import app.rigtrail.logistics.LogisticsViews.HoldInput;
import app.rigtrail.logistics.LogisticsViews.ItemInput;
import app.rigtrail.logistics.LogisticsViews.ItemView;
import app.rigtrail.logistics.LogisticsViews.NewShipment;
import app.rigtrail.logistics.LogisticsViews.ShipmentDetail;
import app.rigtrail.logistics.LogisticsViews.ShipmentEventView;
import app.rigtrail.logistics.LogisticsViews.ShipmentTransition;
import app.rigtrail.logistics.LogisticsViews.ShipmentView;
import app.rigtrail.logistics.domain.ShipmentKind;
import app.rigtrail.logistics.domain.ShipmentState;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ListQuery;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;

/**
 * Shipments and their holds. Moving a shipment moves everything in it: its components show "in
 * transit on shipment S-1" or "in customs hold H-2". What else travels on it follows through the
 * {@link LogisticsViews.ShipmentMoved} event (#13 item 2): RMA cases (repair), purchase orders
 * (inventory) and machine deliveries (growth) observe it; this service depends on none of them.
 */
@ApplicationScoped
@Transactional
public class ShipmentService {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    Genealogy genealogy;

    /** The RMA cases a shipment may carry: repair owns them and answers for them. */
    @Inject
    ShippedRmaCases rmaCases;

    @Inject
    HoldQueries holds;

    @Inject
    jakarta.enterprise.event.Event<LogisticsViews.ShipmentMoved> moved;

    public ShipmentView create(@Valid NewShipment in) {
        Site site = Site.findById(in.siteId());
        if (site == null) {
            throw ProblemException.invalid("Unknown site", List.of(new FieldViolation("siteId", "no site " + in.siteId())));
        }
        Shipment s = new Shipment();
        s.kind = in.kind();
        s.carrier = in.carrier().trim();
        s.trackingNumber = blankToNull(in.trackingNumber());
        s.site = site;
        if (in.hubId() != null) {
            s.hub = RepairHub.findById(in.hubId());
            if (s.hub == null) {
                throw ProblemException.invalid("Unknown hub", List.of(new FieldViolation("hubId", "no hub " + in.hubId())));
            }
        }
        if (in.kind() == ShipmentKind.OUTBOUND_TO_HUB && s.hub == null) {
            throw ProblemException.invalid("An outbound shipment goes to a hub",
                    List.of(new FieldViolation("hubId", "is required for OUTBOUND_TO_HUB")));
        }
        if (in.portId() != null) {
            s.port = Port.findById(in.portId());
            if (s.port == null) {
                throw ProblemException.invalid("Unknown port", List.of(new FieldViolation("portId", "no port " + in.portId())));
            }
        }
        s.origin = in.origin() != null && !in.origin().isBlank() ? in.origin().trim()
                : in.kind() == ShipmentKind.OUTBOUND_TO_HUB ? site.name : s.hub != null ? s.hub.name : "supplier";
        s.destination = in.destination() != null && !in.destination().isBlank() ? in.destination().trim()
                : in.kind() == ShipmentKind.OUTBOUND_TO_HUB ? s.hub.name : site.name;
        s.state = ShipmentState.CREATED;
        s.createdBy = user.name();
        s.createdAt = Instant.now();
        List<ItemInput> items = in.items() == null ? List.of() : in.items();
        int line = 0;
        for (ItemInput i : items) {
            s.items.add(item(s, i, line++));
        }
        s.persist();
        appendEvent(s, null, ShipmentState.CREATED, null);
        em.flush();
        return view(s);
    }

    private ShipmentItem item(Shipment s, ItemInput i, int line) {
        String field = "items[" + line + "]";
        int given = (i.componentId() != null ? 1 : 0) + (i.rmaCaseId() != null ? 1 : 0) + (i.partId() != null ? 1 : 0)
                + (i.minerId() != null ? 1 : 0) + (i.modelId() != null ? 1 : 0);
        if (given != 1) {
            throw ProblemException.invalid("Each line names one thing", List.of(new FieldViolation(field,
                    "give exactly one of componentId, rmaCaseId, partId, minerId, modelId")));
        }
        ShipmentItem item = new ShipmentItem();
        item.shipment = s;
        item.quantity = 1;
        if (i.componentId() != null) {
            item.itemKind = "COMPONENT";
            item.component = Component.findById(i.componentId());
            if (item.component == null) {
                throw ProblemException.invalid("Unknown component", List.of(new FieldViolation(field, "no component " + i.componentId())));
            }
            requireFree(item.component, field);
        } else if (i.rmaCaseId() != null) {
            item.itemKind = "RMA_CASE";
            Component part = rmaCases.partInHand(i.rmaCaseId()).orElseThrow(() -> ProblemException.invalid(
                    "Unknown RMA case", List.of(new FieldViolation(field, "no RMA case " + i.rmaCaseId()))));
            item.rmaCaseId = i.rmaCaseId();
            item.component = part;
            requireFree(item.component, field);
        } else if (i.partId() != null) {
            item.itemKind = "PART_LOT";
            item.part = Part.findById(i.partId());
            if (item.part == null) {
                throw ProblemException.invalid("Unknown part", List.of(new FieldViolation(field, "no part " + i.partId())));
            }
            item.quantity = i.quantity() == null ? 1 : i.quantity();
            if (item.quantity < 1) {
                throw ProblemException.invalid("Quantity must be positive", List.of(new FieldViolation(field, "quantity >= 1")));
            }
        } else if (i.modelId() != null) {
            item.itemKind = "MACHINE_LOT";
            item.model = MinerModel.findById(i.modelId());
            if (item.model == null) {
                throw ProblemException.invalid("Unknown model", List.of(new FieldViolation(field, "no miner model " + i.modelId())));
            }
            item.quantity = i.quantity() == null ? 1 : i.quantity();
            if (item.quantity < 1) {
                throw ProblemException.invalid("Quantity must be positive", List.of(new FieldViolation(field, "quantity >= 1")));
            }
        } else {
            item.itemKind = "MINER";
            item.miner = Miner.findById(i.minerId());
            if (item.miner == null) {
                throw ProblemException.invalid("Unknown miner", List.of(new FieldViolation(field, "no miner " + i.minerId())));
            }
        }
        return item;
    }

    private void requireFree(Component c, String field) {
        long onOther = ShipmentItem.count("component.id = ?1 and shipment.state not in (?2, ?3, ?4, ?5)", c.id,
                ShipmentState.RECEIVED, ShipmentState.LOST, ShipmentState.SEIZED, ShipmentState.RE_EXPORTED);
        if (onOther > 0) {
            throw ProblemException.conflict(c.serial + " is already on an open shipment");
        }
        if (c.locationKind == LocationKind.INSTALLED || c.locationKind == LocationKind.SCRAPPED) {
            throw ProblemException.invalid("Not shippable", List.of(new FieldViolation(field, c.serial + " is " + c.describeLocation())));
        }
    }

    public ShipmentView transition(long id, @Valid ShipmentTransition in) {
        Shipment s = shipment(id);
        if (in.version() != null && in.version() != s.version) {
            throw ProblemException.conflict("shipment " + s.label() + " changed since you loaded it: it is now " + s.state);
        }
        ShipmentState from = s.state;
        if (!from.allowedNext().contains(in.to())) {
            throw new ProblemException(409, "Transition not allowed", "a shipment in " + from + " cannot move to "
                    + in.to() + "; allowed: " + from.allowedNext()).with("allowed", from.allowedNext()).with("state", from);
        }
        if (in.to() == ShipmentState.AT_PORT && s.port == null) {
            throw ProblemException.invalid("No port of entry", List.of(new FieldViolation("to", "this shipment has no port of entry")));
        }
        if (in.to() == ShipmentState.HELD) {
            if (in.hold() == null) {
                throw ProblemException.invalid("Describe the hold", List.of(new FieldViolation("hold", "entry number, kind and presentation date")));
            }
            openHold(s, in.hold());
        }
        if (in.to() == ShipmentState.CLEARED && from == ShipmentState.HELD && holds.openHoldOf(s) != null) {
            throw ProblemException.conflict("record the hold's decision first (POST /api/holds/{id}/decision)");
        }
        move(s, in.to(), in.note());
        em.flush();
        return view(s);
    }

    private void openHold(Shipment s, HoldInput h) {
        CustomsHold hold = new CustomsHold();
        hold.shipment = s;
        hold.entryNumber = h.entryNumber().trim();
        hold.port = s.port;
        hold.filer = blankToNull(h.filer());
        hold.htsCode = blankToNull(h.htsCode());
        hold.declaredValueCents = h.declaredValueCents() == null ? 0 : h.declaredValueCents();
        hold.vendor = vendorOf(s);
        hold.kind = h.kind();
        String badPresentation = app.rigtrail.logistics.domain.HoldDates.presentedOn(h.presentedOn(),
                LocalDate.now(ZoneOffset.UTC));
        if (badPresentation != null) {
            throw ProblemException.invalid("The presentation date is not possible",
                    List.of(new FieldViolation("hold.presentedOn", badPresentation)));
        }
        hold.presentedOn = h.presentedOn();
        hold.openedAt = Instant.now();
        hold.storageFeeCentsPerDay = h.storageFeeCentsPerDay() == null ? 0 : h.storageFeeCentsPerDay();
        hold.lastFreeDay = h.lastFreeDay();
        int[] units = {0};
        hold.hashrateThs = hashrateBehind(s, units);
        hold.units = units[0];
        hold.persist();
        holdEvent(hold, "opened", hold.kind + " at " + hold.port.code);
    }

    public LogisticsViews.HoldView decide(long holdId, @Valid HoldDecision in) {
        CustomsHold h = holds.holdInScope(holdId);
        if (in.version() != null && in.version() != h.version) {
            throw ProblemException.conflict("hold " + h.label() + " changed since you loaded it");
        }
        if (h.outcome != null) {
            throw ProblemException.conflict("hold " + h.label() + " was already decided: " + h.outcome);
        }
        String badDate = app.rigtrail.logistics.domain.HoldDates.afterPresentation(in.decidedOn(), h.presentedOn,
                LocalDate.now(ZoneOffset.UTC));
        if (badDate != null) {
            throw ProblemException.invalid("The decision date is not possible",
                    List.of(new FieldViolation("decidedOn", badDate)));
        }
        h.outcome = in.outcome();
        h.decidedOn = in.decidedOn();
        holdEvent(h, "decided " + in.outcome(), in.note());
        Shipment s = h.shipment;
        ShipmentState next = switch (in.outcome()) {
            case RELEASED -> ShipmentState.CLEARED;
            case EXCLUDED, RE_EXPORTED -> ShipmentState.RE_EXPORTED;
            case SEIZED, ABANDONED -> ShipmentState.SEIZED;
        };
        move(s, next, "hold " + h.label() + " " + in.outcome());
        em.flush();
        return holds.view(h, LocalDate.now(ZoneOffset.UTC));
    }

    public LogisticsViews.HoldView notice(long holdId, @Valid DetentionNotice in) {
        CustomsHold h = holds.holdInScope(holdId);
        if (h.outcome != null) {
            throw ProblemException.conflict("hold " + h.label() + " is decided");
        }
        String badNotice = app.rigtrail.logistics.domain.HoldDates.afterPresentation(in.noticeOn(), h.presentedOn,
                LocalDate.now(ZoneOffset.UTC));
        if (badNotice != null) {
            throw ProblemException.invalid("The notice date is not possible",
                    List.of(new FieldViolation("noticeOn", badNotice)));
        }
        h.detentionNoticeOn = in.noticeOn();
        holdEvent(h, "notice of detention", in.note());
        em.flush();
        return holds.view(h, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Moves the shipment: what travels on it is told first (RMA cases, purchase orders, machine
     * deliveries follow through {@link LogisticsViews.ShipmentMoved}, in this transaction; a refusal
     * undoes the move), then its components go where it goes and the move is appended to its history.
     */
    private void move(Shipment s, ShipmentState to, String note) {
        ShipmentState from = s.state;
        s.state = to;
        List<Long> cases = s.items.stream().map(i -> i.rmaCaseId).filter(java.util.Objects::nonNull).toList();
        moved.fire(new LogisticsViews.ShipmentMoved(s.id, s.label(), s.kind, from, to, s.hub == null ? null : s.hub.id,
                cases));
        moveContents(s, to);
        appendEvent(s, from, to, note);
    }

    /** Everything in the shipment goes where the shipment goes. */
    private void moveContents(Shipment s, ShipmentState to) {
        for (ShipmentItem item : s.items) {
            Component c = item.component;
            if (c == null) {
                continue;
            }
            String why = "shipment " + s.label() + " " + to;
            switch (to) {
                case IN_TRANSIT, AT_PORT, CLEARED -> genealogy.moveTo(c, LocationKind.SHIPMENT, s.label(), c.siteId, why);
                case HELD -> {
                    CustomsHold h = holds.openHoldOf(s);
                    genealogy.moveTo(c, LocationKind.CUSTOMS_HOLD, h == null ? s.label() : h.label(), c.siteId, why);
                }
                case DELIVERED, RECEIVED -> {
                    if (s.kind.toSite()) {
                        genealogy.moveTo(c, LocationKind.STOCK, s.site.code + " store", s.site.id, why);
                    } else {
                        genealogy.moveTo(c, LocationKind.HUB, s.hub.code, c.siteId, why);
                    }
                }
                case SEIZED -> genealogy.moveTo(c, LocationKind.SCRAPPED, null, c.siteId, why + " (seized)");
                case RE_EXPORTED -> genealogy.moveTo(c, LocationKind.SHIPMENT, s.label() + " re-exported", c.siteId, why);
                default -> {
                    // CREATED, READY, LOST: the parts stay recorded where they were
                }
            }
        }
    }

    private Vendor vendorOf(Shipment s) {
        for (ShipmentItem i : s.items) {
            if (i.component != null) {
                return i.component.part.vendor;
            }
            if (i.part != null) {
                return i.part.vendor;
            }
            if (i.miner != null) {
                return i.miner.model.vendor;
            }
            if (i.model != null) {
                return i.model.vendor;
            }
        }
        return s.hub != null && s.hub.vendors.split(",").length == 1 ? Vendor.valueOf(s.hub.vendors) : Vendor.OTHER;
    }

    /**
     * Hashrate waiting behind a hold: whole miners count their nameplate; a hashboard counts its
     * share of the model it came from; other parts stop a whole machine (a PSU or control board).
     */
    private BigDecimal hashrateBehind(Shipment s, int[] units) {
        BigDecimal total = BigDecimal.ZERO;
        for (ShipmentItem i : s.items) {
            units[0] += i.quantity;
            if (i.miner != null) {
                total = total.add(i.miner.model.hashrateThs);
            } else if (i.model != null) {
                total = total.add(i.model.hashrateThs.multiply(BigDecimal.valueOf(i.quantity)));
            } else if (i.component != null) {
                Miner last = lastMiner(i.component);
                if (last == null) {
                    continue;
                }
                BigDecimal th = last.model.hashrateThs;
                if (i.component.kind == ComponentKind.HASHBOARD && last.model.hashboards > 0 && last.model.hashboardDegrades) {
                    th = th.divide(BigDecimal.valueOf(last.model.hashboards), 2, RoundingMode.HALF_UP);
                } else if (i.component.kind == ComponentKind.FAN) {
                    th = BigDecimal.ZERO;
                }
                total = total.add(th);
            }
        }
        return total;
    }

    private Miner lastMiner(Component c) {
        Long minerId = em.createQuery("select e.minerId from ComponentEvent e where e.componentId = :c and e.minerId "
                + "is not null order by e.id desc", Long.class).setParameter("c", c.id).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        return minerId == null ? null : Miner.findById(minerId);
    }

    // ---- reads ----

    public ShipmentDetail detail(long id) {
        Shipment s = shipment(id);
        List<ShipmentEventView> events = ShipmentEvent.<ShipmentEvent>find("shipmentId = ?1 order by at, id", id).list()
                .stream().map(e -> new ShipmentEventView(e.at, e.actor, e.fromState, e.toState, e.note)).toList();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new ShipmentDetail(view(s), events, CustomsHold.<CustomsHold>find("shipment.id = ?1 order by id", id)
                .list().stream().map(h -> holds.view(h, today)).toList());
    }

    public Page<ShipmentView> list(Long siteId, ShipmentState state, ShipmentKind kind, Paging paging) {
        if (siteId != null) {
            user.requireSite(siteId);
        }
        ListQuery query = new ListQuery()
                .and("s.site.id = :site", "site", siteId)
                .and("s.state = :state", "state", state)
                .and("s.kind = :kind", "kind", kind)
                .inSites("s.site.id", user.siteScope());
        if (user.siteRestricted()) {
            // technicians follow what comes to their sites
            query.and("s.kind <> :outbound", "outbound", ShipmentKind.OUTBOUND_TO_HUB);
        }
        return query.page(em, Shipment.class, "s", "join fetch s.site", "s.createdAt desc, s.id desc", paging,
                this::view);
    }

    /** The sort columns of the shipments page, the first being the default. */
    public static final Map<String, String> SORTS = app.rigtrail.platform.web.ListView.sorts(
            "created", "s.createdAt",
            "state", "s.state",
            "kind", "s.kind",
            "carrier", "s.carrier",
            "site", "site.code");

    /** The shipments page: {@code q} is a shipment number ("S-12" or "12") or a tracking number. */
    public Page<LogisticsViews.ShipmentRow> list(String q, String siteCode, ShipmentState state, ShipmentKind kind,
            app.rigtrail.platform.web.ListView view) {
        ListQuery query = new ListQuery()
                .and("s.state = :state", "state", state)
                .and("s.kind = :kind", "kind", kind)
                .and("s.site.code = :siteCode", "siteCode",
                        siteCode == null || siteCode.isBlank() ? null : siteCode.trim().toUpperCase())
                .inSites("s.site.id", user.siteScope());
        if (user.siteRestricted()) {
            query.and("s.kind <> :outbound", "outbound", ShipmentKind.OUTBOUND_TO_HUB);
        }
        query.search(q, "S-", "(s.id = :number or s.trackingNumber = :exact)", "s.trackingNumber = :exact");
        return query.page(em, Shipment.class, "s", "join fetch s.site site left join fetch s.port", view, SORTS,
                s -> new LogisticsViews.ShipmentRow(s.id, s.label(), s.kind, s.carrier, s.trackingNumber, s.origin,
                        s.destination, s.site.id, s.site.code, s.port == null ? null : s.port.code, s.state, s.createdAt));
    }

    Shipment shipment(long id) {
        Shipment s = Shipment.findById(id);
        if (s == null) {
            throw ProblemException.notFound("Shipment", id);
        }
        user.requireSite(s.site.id);
        if (user.siteRestricted() && s.kind == ShipmentKind.OUTBOUND_TO_HUB) {
            throw new ProblemException(403, "Forbidden", "Technicians follow inbound shipments of their sites");
        }
        return s;
    }

    ShipmentView view(Shipment s) {
        CustomsHold open = holds.openHoldOf(s);
        List<ItemView> items = s.items.stream().map(i -> new ItemView(i.itemKind,
                i.component == null ? null : i.component.id, i.component == null ? null : i.component.serial,
                i.rmaCaseId, i.part != null ? i.part.partNumber
                        : i.component != null ? i.component.part.partNumber : null,
                i.quantity, i.miner == null ? null : i.miner.id,
                i.component == null ? null : i.component.describeLocation(),
                i.model == null ? null : i.model.vendor + " " + i.model.name)).toList();
        return new ShipmentView(s.id, s.label(), s.kind, s.carrier, s.trackingNumber, s.origin, s.destination,
                s.site.id, s.site.code, s.hub == null ? null : s.hub.code, s.port == null ? null : s.port.code, s.state,
                s.createdBy, s.createdAt, items, s.state.allowedNext(), open == null ? null : open.id, s.version);
    }

    private void appendEvent(Shipment s, ShipmentState from, ShipmentState to, String note) {
        ShipmentEvent e = new ShipmentEvent();
        e.shipmentId = s.id;
        e.at = Instant.now();
        e.actor = user.name();
        e.fromState = from;
        e.toState = to;
        e.note = note;
        e.persist();
    }

    private void holdEvent(CustomsHold h, String action, String note) {
        CustomsHoldEvent e = new CustomsHoldEvent();
        e.holdId = h.id;
        e.at = Instant.now();
        e.actor = user.name();
        e.action = action;
        e.note = note;
        e.persist();
    }


}
