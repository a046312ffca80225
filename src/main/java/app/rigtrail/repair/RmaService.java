package app.rigtrail.repair;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
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
import app.rigtrail.fleet.RepairHub;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ListQuery;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import app.rigtrail.repair.RepairViews.OpenRma;
import app.rigtrail.repair.RepairViews.RmaDetail;
import app.rigtrail.repair.RepairViews.RmaEventView;
import app.rigtrail.repair.RepairViews.RmaTransitionRequest;
import app.rigtrail.repair.RepairViews.RmaView;
import app.rigtrail.repair.domain.RmaPolicy;
import app.rigtrail.repair.domain.RmaState;

/** RMA cases: one component under a vendor's process, from opened to closed, and a second return inside 30 days. */
@ApplicationScoped
@Transactional
public class RmaService {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    Genealogy genealogy;

    /**
     * The repair warranty from a return, as the database defines it (refails_within_warranty and
     * repair_warranty_ends, the rule the completed repairs count re-failures by): whether it covers a
     * failure at {@code at}, and when it ends.
     */
    RmaPolicy.RepairWarranty repairWarranty(Instant from, Instant at) {
        Object[] row = (Object[]) em.createNativeQuery("select refails_within_warranty(?1, ?2), repair_warranty_ends(?1)")
                .setParameter(1, from.atOffset(ZoneOffset.UTC)).setParameter(2, at.atOffset(ZoneOffset.UTC))
                .getSingleResult();
        Object ends = row[1];
        Instant endsAt = ends instanceof Instant i ? i
                : ends instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) ends).toInstant();
        return new RmaPolicy.RepairWarranty(from, endsAt, Boolean.TRUE.equals(row[0]));
    }

    /** Opens a case for a failed component taken out of a miner on a ticket (or reopens its recent case). */
    RmaCase openFor(Component c, RepairTicket ticket, Long hubId) {
        RmaCase existing = RmaCase.find("component.id = ?1 and state in (?2, ?3) order by id desc", c.id,
                RmaState.RECEIVED, RmaState.CLOSED).firstResult();
        if (existing != null && existing.lastReturnedAt != null
                && repairWarranty(existing.lastReturnedAt, Instant.now()).covers()) {
            reopen(existing, "failed again on ticket #" + ticket.id);
            existing.ticketId = ticket.id;
            return existing;
        }
        return create(c, ticket.miner, ticket.id, hubId, new RmaPolicy.Claim(null, null, null, null, null));
    }

    public RmaView open(@Valid OpenRma in) {
        Component c = Component.findById(in.componentId());
        if (c == null) {
            throw ProblemException.notFound("Component", in.componentId());
        }
        user.requireSite(c.siteId);
        if (c.locationKind == LocationKind.SCRAPPED || c.locationKind == LocationKind.HUB) {
            throw ProblemException.conflict(c.serial + " is " + c.describeLocation());
        }
        if (RmaCase.count("component.id = ?1 and state not in (?2, ?3)", c.id, RmaState.CLOSED, RmaState.RECEIVED) > 0) {
            throw ProblemException.conflict(c.serial + " already has an open RMA case");
        }
        Miner lastMiner = c.miner != null ? c.miner : lastMinerOf(c);
        RmaCase rmaCase = create(c, lastMiner, null, in.hubId(), new RmaPolicy.Claim(in.rmaNumber(), in.claimReason(),
                in.faultCode(), in.vendorTicketId(), in.faultDescription()));
        if (c.locationKind == LocationKind.INSTALLED) {
            Site site = Site.findById(c.siteId);
            genealogy.moveTo(c, LocationKind.STOCK, site.code + " RMA cage", site.id, "RMA case #" + rmaCase.id);
        }
        em.flush();
        return view(rmaCase);
    }

    private RmaCase create(Component c, Miner miner, Long ticketId, Long hubId, RmaPolicy.Claim claim) {
        Instant now = Instant.now();
        RmaCase r = new RmaCase();
        r.component = c;
        r.ticketId = ticketId;
        r.siteId = c.siteId;
        r.vendor = c.part.vendor;
        r.hub = hubId != null ? hub(hubId, c) : defaultHub(c);
        r.state = RmaState.OPENED;
        r.rmaNumber = blankToNull(claim.rmaNumber());
        r.claimReason = blankToNull(claim.claimReason());
        r.faultCode = blankToNull(claim.faultCode());
        r.vendorTicketId = blankToNull(claim.vendorTicketId());
        r.faultDescription = blankToNull(claim.faultDescription());
        r.dispatchedOn = miner == null || miner.installedAt == null ? null
                : miner.installedAt.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate warrantyEnd = miner == null ? null : miner.warrantyEnd;
        r.inWarranty = RmaPolicy.inWarranty(warrantyEnd, null, now);
        r.deadOnArrival = RmaPolicy.deadOnArrival(r.dispatchedOn, now);
        r.returnCount = 1;
        r.openedBy = user.name();
        r.openedAt = now;
        r.persist();
        appendEvent(r, null, RmaState.OPENED, ticketId == null ? null : "from ticket #" + ticketId, now);
        return r;
    }

    public RmaView transition(long id, @Valid RmaTransitionRequest in) {
        RmaCase r = caseInScope(id);
        if (in.version() != null && in.version() != r.version) {
            throw ProblemException.conflict("RMA case #" + id + " was changed by " + lastChange(r)
                    + " since you loaded it: it is now \"" + r.state.label() + "\"").with("version", r.version)
                    .fixAt("/rma-cases/" + id, "RMA case #" + id + " as it is now");
        }
        RmaState from = r.state;
        if (!from.allowedNext().contains(in.to())) {
            throw new ProblemException(409, "Transition not allowed", "RMA case #" + id + " is \"" + from.label()
                    + "\" and cannot move to \"" + in.to().label() + "\"").with("allowed", from.allowedNext())
                    .with("state", from);
        }
        applyClaim(r, in.rmaNumber(), in.claimReason(), in.faultCode(), in.vendorTicketId(), in.faultDescription(),
                in.hubId());
        Instant now = Instant.now();
        Component c = r.partInHand();
        String why = "RMA case #" + r.id;
        Site site = Site.findById(r.siteId);
        switch (in.to()) {
            case SHIPPED -> {
                Map<String, String> missing = RmaPolicy.missingClaimFields(r.vendor, claimOf(r));
                if (!missing.isEmpty()) {
                    throw ProblemException.invalid("RMA case #" + r.id + " (" + c.serial + ") cannot ship yet: "
                            + r.vendor.label() + "'s claim is incomplete",
                            missing.entrySet().stream().map(e -> new FieldViolation(e.getKey(), e.getValue())).toList())
                            .fixAt("/rma-cases/" + r.id, "Complete the claim on RMA case #" + r.id);
                }
                if (r.hub == null) {
                    throw ProblemException.invalid("RMA case #" + r.id + " has no repair hub",
                            List.of(new FieldViolation("hubId", "No hub takes " + r.vendor.label() + " "
                                    + c.kind.label().toLowerCase() + "s")))
                            .fixAt("/hubs", "Hubs and what they take");
                }
                genealogy.moveTo(c, LocationKind.SHIPMENT, "RMA-" + r.id + " to " + r.hub.code, r.siteId, why + ": shipped");
            }
            case AT_HUB -> genealogy.moveTo(c, LocationKind.HUB, r.hub.code, r.siteId, why + ": arrived at the hub");
            case SCRAPPED -> genealogy.moveTo(c, LocationKind.SCRAPPED, null, r.siteId, why + ": scrapped by the hub");
            case REPLACED -> replace(r, in.replacementSerial(), why);
            case RETURNED -> {
                r.lastReturnedAt = now;
                genealogy.moveTo(c, LocationKind.SHIPMENT, "RMA-" + r.id + " return", r.siteId, why + ": shipped back");
            }
            case RECEIVED -> genealogy.moveTo(c, LocationKind.STOCK, site.code + " store", r.siteId,
                    why + ": received back, on the spares shelf");
            case OPENED -> {
                var refusal = RmaPolicy.refusalToReopen(
                        r.lastReturnedAt == null ? null : repairWarranty(r.lastReturnedAt, now));
                if (refusal.isPresent()) {
                    throw new ProblemException(409, "Transition not allowed", refusal.get());
                }
                r.returnCount++;
                r.inWarranty = true;
                if (c.locationKind == LocationKind.INSTALLED) {
                    genealogy.moveTo(c, LocationKind.STOCK, site.code + " RMA cage", r.siteId,
                            why + ": failed again within the repair warranty");
                }
            }
            default -> {
                // REPAIRED, REPLACED, REJECTED, CLOSED: the part stays where it is
            }
        }
        r.state = in.to();
        appendEvent(r, from, in.to(), in.to() == RmaState.OPENED ? "second return (#" + r.returnCount + ")"
                + (in.note() == null ? "" : "; " + in.note()) : in.note(), now);
        em.flush();
        return view(r);
    }

    /**
     * The hub keeps the failed part and sends another: the replacement gets its own record (same part
     * number, at the hub) whose genealogy starts with this case, and the original leaves the fleet.
     */
    private void replace(RmaCase r, String serial, String why) {
        if (serial == null || serial.isBlank()) {
            throw ProblemException.invalid("Give the serial of the part the hub sends instead",
                    List.of(new FieldViolation("replacementSerial", "The replacement's serial is required")));
        }
        String trimmed = serial.trim();
        Component existing = Component.findBySerial(trimmed);
        if (existing != null) {
            throw ProblemException.conflict("serial " + trimmed + " is already known: it is "
                    + existing.describeLocation()).fixAt("/components/" + existing.id, trimmed);
        }
        Component original = r.component;
        Component fresh = new Component();
        fresh.serial = trimmed;
        fresh.part = original.part;
        fresh.kind = original.kind;
        fresh.locationKind = LocationKind.HUB;
        fresh.locationRef = r.hub == null ? null : r.hub.code;
        fresh.siteId = r.siteId;
        fresh.persist();
        genealogy.arrive(fresh, why + ": sent by the hub to replace " + original.serial);
        genealogy.moveTo(original, LocationKind.SCRAPPED, null, r.siteId, why + ": kept by the hub, replaced by "
                + trimmed);
        r.replacement = fresh;
    }

    /** The part the hub sent instead, when it replaced the original. */
    public app.rigtrail.fleet.FleetViews.ComponentView replacementOf(long id) {
        RmaCase r = caseInScope(id);
        return r.replacement == null ? null : app.rigtrail.fleet.FleetViews.ComponentView.of(r.replacement);
    }

    /** Who changed the case last and what they did, for a conflict message. */
    private String lastChange(RmaCase r) {
        return RmaCaseEvent.<RmaCaseEvent>find("caseId = ?1 order by at desc, id desc", r.id).firstResultOptional()
                .map(e -> e.actor + " (" + (e.note != null ? e.note : e.toState.label()) + ")").orElse("someone");
    }

    /** Fills in the vendor's claim fields (and the hub) without moving the case. */
    public RmaView updateClaim(long id, RepairViews.RmaClaim in) {
        RmaCase r = caseInScope(id);
        if (in.version() != null && in.version() != r.version) {
            throw ProblemException.conflict("RMA case #" + id + " was changed by " + lastChange(r)
                    + " since you loaded it").with("version", r.version)
                    .fixAt("/rma-cases/" + id, "RMA case #" + id + " as it is now");
        }
        if (!RmaPolicy.claimEditable(r.state)) {
            throw ProblemException.conflict("RMA case #" + id + " is " + r.state.label().toLowerCase()
                    + ": its claim was sent with the part and can no longer change");
        }
        applyClaim(r, in.rmaNumber(), in.claimReason(), in.faultCode(), in.vendorTicketId(), in.faultDescription(),
                in.hubId());
        appendEvent(r, r.state, r.state, "claim updated", Instant.now());
        em.flush();
        return view(r);
    }

    /** Sets the claim fields that are given (a blank one clears it) and the hub. */
    private void applyClaim(RmaCase r, String rmaNumber, String claimReason, String faultCode, String vendorTicketId,
            String faultDescription, Long hubId) {
        r.rmaNumber = rmaNumber != null ? blankToNull(rmaNumber) : r.rmaNumber;
        r.claimReason = claimReason != null ? blankToNull(claimReason) : r.claimReason;
        r.faultCode = faultCode != null ? blankToNull(faultCode) : r.faultCode;
        r.vendorTicketId = vendorTicketId != null ? blankToNull(vendorTicketId) : r.vendorTicketId;
        r.faultDescription = faultDescription != null ? blankToNull(faultDescription) : r.faultDescription;
        if (hubId != null) {
            r.hub = hub(hubId, r.component);
        }
    }

    private void reopen(RmaCase r, String note) {
        RmaState from = r.state;
        r.returnCount++;
        r.inWarranty = true;
        r.state = RmaState.OPENED;
        appendEvent(r, from, RmaState.OPENED, "second return (#" + r.returnCount + "): " + note, Instant.now());
    }

    public RmaDetail detail(long id) {
        RmaCase r = caseInScope(id);
        List<RmaCaseEvent> events = RmaCaseEvent.<RmaCaseEvent>find("caseId = ?1 order by at, id", id).list();
        Map<RmaState, Double> days = new EnumMap<>(RmaState.class);
        RmaPolicy.timeInStates(RmaState.class, events.stream().map(e -> e.at).toList(),
                events.stream().map(e -> e.toState).toList(), r.state == RmaState.CLOSED
                        ? events.get(events.size() - 1).at : Instant.now())
                .forEach((s, d) -> days.put(s, Math.round(d.toMinutes() / 1440.0 * 100) / 100.0));
        @SuppressWarnings("unchecked")
        List<Long> shipments = em.createNativeQuery("select distinct i.shipment_id from shipment_item i "
                + "where i.rma_case_id = ?1 order by i.shipment_id desc", Long.class).setParameter(1, id).getResultList();
        return new RmaDetail(view(r), events.stream()
                .map(e -> new RmaEventView(e.at, e.actor, e.fromState, e.toState, e.note)).toList(), days, shipments);
    }

    public List<RmaView> forTicket(long ticketId) {
        return RmaCase.<RmaCase>find("ticketId = ?1 order by id", ticketId).list().stream().map(this::view).toList();
    }

    public Page<RmaView> list(Long siteId, RmaState state, Vendor vendor, Integer minAgeDays, Paging paging) {
        if (siteId != null) {
            user.requireSite(siteId);
        }
        return new ListQuery()
                .and("r.siteId = :site", "site", siteId)
                .and("r.state = :state", "state", state)
                .and("r.vendor = :vendor", "vendor", vendor)
                .and("r.openedAt <= :before", "before",
                        ListQuery.daysAgo("minAgeDays", minAgeDays))
                .inSites("r.siteId", user.siteScope())
                .page(em, RmaCase.class, "r", "join fetch r.component c join fetch c.part", "r.openedAt desc, r.id desc",
                        paging, this::view);
    }

    /**
     * The sort columns of the RMA list, the first being the default. "Part" sorts as the column reads,
     * by kind then serial: with the serial alone the database walked every component in serial order
     * looking for a vendor's cases (1 s at 850,000 components), with the kind first it sorts the cases
     * the filters chose.
     */
    public static final Map<String, String> SORTS = app.rigtrail.platform.web.ListView.sorts(
            "opened", "r.openedAt",
            "state", "r.state",
            "vendor", "r.vendor",
            "part", "c.kind | c.serial");

    /** The RMA list: {@code q} is a case number ("#12"), the start of the part's serial, or the vendor's RMA number. */
    public Page<RmaView> list(String q, String siteCode, RmaState state, Vendor vendor,
            app.rigtrail.platform.web.ListView view) {
        ListQuery query = new ListQuery()
                .and("r.state = :state", "state", state)
                .and("r.vendor = :vendor", "vendor", vendor)
                .and("r.siteId in (select s.id from Site s where s.code = :siteCode)", "siteCode",
                        siteCode == null || siteCode.isBlank() ? null : siteCode.trim().toUpperCase())
                .inSites("r.siteId", user.siteScope());
        // the serial through a subquery: its prefix index finds the few parts, and the cases are found by
        // their part (an OR across the join made the database read every case and component)
        query.search(q, "#", "(r.id = :number or r.component.id in (select sc.id from Component sc where sc.serial like :prefix))",
                "(r.component.id in (select sc.id from Component sc where sc.serial like :prefix) or r.rmaNumber = :exact)");
        return query.page(em, RmaCase.class, "r", "join fetch r.component c join fetch c.part", view, SORTS, this::view);
    }

    RmaCase caseInScope(long id) {
        RmaCase r = RmaCase.findById(id);
        if (r == null) {
            throw ProblemException.notFound("RMA case", id);
        }
        user.requireSite(r.siteId);
        return r;
    }

    RmaView view(RmaCase r) {
        Component c = r.component;
        return new RmaView(r.id, c.id, c.serial, c.part.partNumber, c.kind.name(), r.ticketId, r.siteId, r.vendor,
                r.hub == null ? null : r.hub.code, r.state, r.rmaNumber, r.claimReason, r.faultCode, r.vendorTicketId,
                r.faultDescription, r.inWarranty, r.deadOnArrival, r.returnCount, r.lastReturnedAt, r.openedBy,
                r.openedAt, RepairViews.ageDays(r.openedAt, null), RmaPolicy.claimFields(r.vendor),
                r.state.allowedNext(), r.version);
    }

    private static RmaPolicy.Claim claimOf(RmaCase r) {
        return new RmaPolicy.Claim(r.rmaNumber, r.claimReason, r.faultCode, r.vendorTicketId, r.faultDescription);
    }

    private RepairHub hub(long hubId, Component c) {
        RepairHub h = RepairHub.findById(hubId);
        if (h == null) {
            throw ProblemException.invalid("Unknown hub", List.of(new FieldViolation("hubId", "no hub " + hubId)));
        }
        if (!h.vendors.contains(c.part.vendor.name()) || !h.partKinds.contains(c.kind.name())) {
            throw ProblemException.invalid("The hub does not take this part", List.of(new FieldViolation("hubId",
                    h.code + " takes " + h.vendors + " / " + h.partKinds + ", not " + c.part.vendor + " " + c.kind)));
        }
        return h;
    }

    /** The vendor's own centre if one takes the part, else any hub that does. */
    private RepairHub defaultHub(Component c) {
        return RepairHub.<RepairHub>find("order by case when kind = 'VENDOR_AUTHORIZED' then 0 else 1 end, code").list()
                .stream().filter(h -> h.vendors.contains(c.part.vendor.name()) && h.partKinds.contains(c.kind.name()))
                .findFirst().orElse(null);
    }

    private Miner lastMinerOf(Component c) {
        Long minerId = em.createQuery("select e.minerId from ComponentEvent e where e.componentId = :c and e.minerId "
                + "is not null order by e.id desc", Long.class).setParameter("c", c.id).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        return minerId == null ? null : Miner.findById(minerId);
    }

    private void appendEvent(RmaCase r, RmaState from, RmaState to, String note, Instant at) {
        RmaCaseEvent e = new RmaCaseEvent();
        e.caseId = r.id;
        e.at = at;
        e.actor = user.name();
        e.fromState = from;
        e.toState = to;
        e.note = note;
        e.persist();
    }

}
