package app.rigtrail.repair;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.Genealogy;
import app.rigtrail.fleet.Miner;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ListQuery;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import app.rigtrail.repair.RepairViews.OpenTicket;
import app.rigtrail.repair.RepairViews.PhotoView;
import app.rigtrail.repair.RepairViews.SwapView;
import app.rigtrail.repair.RepairViews.TicketDetail;
import app.rigtrail.repair.RepairViews.TicketEventView;
import app.rigtrail.repair.RepairViews.TicketTransitionRequest;
import app.rigtrail.repair.RepairViews.TicketView;
import app.rigtrail.repair.domain.FailureImpact;
import app.rigtrail.repair.domain.ImageType;
import app.rigtrail.repair.domain.RepairRoute;
import app.rigtrail.repair.domain.SpareFit;
import app.rigtrail.repair.domain.TicketState;
import app.rigtrail.repair.domain.TicketTransition;

/** Repair-ticket use cases, each one transaction; every state change appends an event. */
@ApplicationScoped
@Transactional
public class RepairService {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    Genealogy genealogy;

    @Inject
    RmaService rma;

    @Inject
    app.rigtrail.inventory.StockService stock;

    @Inject
    SpareReservations reservations;

    @Inject
    TicketTimeline timeline;

    public TicketView open(@Valid OpenTicket in) {
        // the miner with its model and site in one statement: the rules and the answer read both
        Miner miner = em.createQuery("select m from Miner m join fetch m.model join fetch m.site where m.id = :id",
                Miner.class).setParameter("id", in.minerId()).getResultList().stream().findFirst().orElse(null);
        if (miner == null) {
            throw ProblemException.notFound("Miner", in.minerId());
        }
        user.requireSite(miner.site.id);
        if (miner.status == MinerStatus.RETIRED) {
            throw ProblemException.conflict("miner " + miner.assetCode + " is retired");
        }
        if (miner.status == MinerStatus.RECEIVED) {
            throw ProblemException.conflict("miner " + miner.assetCode + " is not commissioned yet: install it at a "
                    + "rack position first (its machine order's page)");
        }
        List<Component> failed = new ArrayList<>();
        for (Long id : in.failedComponentIds().stream().distinct().toList()) {
            Component c = Component.findById(id);
            if (c == null || c.miner == null || !c.miner.id.equals(miner.id)) {
                throw ProblemException.invalid("A failed component is not in this miner",
                        List.of(new FieldViolation("failedComponentIds", "component " + id + " is not installed in "
                                + miner.assetCode)));
            }
            failed.add(c);
        }
        // the first open ticket holding one of these parts: a query per part (one, usually) with a single parameter,
        // whose SQL Hibernate translates once (a list parameter is translated again on every call) and whose open
        // states are literals
        List<Long> busy = new ArrayList<>();
        for (Component c : failed) {
            busy.addAll(em.createQuery("select t.id from RepairTicket t join t.failedComponents c where c.id = :id and "
                    + OPEN_TICKET + " order by t.id", Long.class).setParameter("id", c.id).setMaxResults(1).getResultList());
        }
        busy.sort(null);
        if (!busy.isEmpty()) {
            RepairTicket other = em.find(RepairTicket.class, busy.get(0));
            String parts = other.failedComponents.stream().filter(c -> in.failedComponentIds().contains(c.id))
                    .map(c -> c.kind.label().toLowerCase() + " " + c.serial).collect(java.util.stream.Collectors.joining(", "));
            throw ProblemException.conflict("ticket #" + other.id + " is already open for " + parts + " ("
                    + other.state.label().toLowerCase() + "): continue that ticket instead").with("ticketId", other.id)
                    .fixAt("/tickets/" + other.id, "Continue ticket #" + other.id);
        }
        Instant now = Instant.now();
        RepairTicket t = new RepairTicket();
        t.miner = miner;
        t.siteId = miner.site.id;
        t.state = TicketState.OPEN;
        t.symptom = in.symptom().trim();
        t.errorCodes = blankToNull(in.errorCodes());
        t.notes = blankToNull(in.notes());
        t.priorMinerStatus = miner.status;
        t.openedBy = user.name();
        t.openedAt = now;
        t.failedComponents.addAll(failed);
        t.persist();
        appendEvent(t, null, TicketState.OPEN, t.symptom, now);
        MinerStatus impact = FailureImpact.of(miner.model.hashboardDegrades, failed.stream().map(c -> c.kind).toList());
        if (FailureImpact.worse(impact, miner.status)) {
            genealogy.changeStatus(miner, impact, "ticket #" + t.id + ": " + t.symptom);
        }
        em.flush();
        return view(t);
    }

    public TicketView transition(long id, @Valid TicketTransitionRequest in) {
        RepairTicket t = ticketInScope(id);
        if (in.version() != null && in.version() != t.version) {
            throw ProblemException.conflict("ticket #" + id + " was changed by " + lastChange(t)
                    + " since you loaded it: it is now " + t.state.label().toLowerCase()).with("version", t.version)
                    .with("state", t.state).fixAt("/tickets/" + id, "Ticket #" + id + " as it is now");
        }
        TicketState from = t.state;
        RepairRoute route = in.route() != null ? in.route() : t.route;
        boolean installed = t.failedComponents.stream().allMatch(c -> c.locationKind == LocationKind.INSTALLED);
        String diagnosis = in.diagnosis() != null && !in.diagnosis().isBlank() ? in.diagnosis() : t.diagnosis;
        var rejection = new TicketTransition(from, in.to(), route, blankToNull(in.spareSerial()) != null,
                diagnosis != null, installed).check();
        if (rejection.isPresent()) {
            throw new ProblemException(409, "Transition not allowed", "Ticket #" + id + ": "
                    + rejection.get().reason()).with("allowed", from.allowedNext()).with("state", from);
        }
        boolean benchGivesUp = from == TicketState.IN_BENCH_REPAIR && in.to() == TicketState.AWAITING_RMA_SHIPMENT
                && in.route() == RepairRoute.RMA;
        if (in.route() != null && from != TicketState.DIAGNOSING && in.route() != t.route && !benchGivesUp) {
            throw ProblemException.conflict("ticket #" + id + " already follows the route '" + (t.route == null ? "none" : t.route.label())
                    + "': the route is chosen once, while diagnosing");
        }
        Instant now = Instant.now();
        t.route = route;
        t.diagnosis = diagnosis;
        Miner miner = t.miner;
        String why = "ticket #" + t.id;
        switch (in.to()) {
            case DIAGNOSING -> genealogy.changeStatus(miner, MinerStatus.IN_REPAIR, why + ": diagnosing");
            case IN_BENCH_REPAIR -> {
                for (Component c : t.failedComponents) {
                    genealogy.moveTo(c, LocationKind.STOCK, miner.site.code + " bench", miner.site.id,
                            why + ": bench repair");
                }
            }
            case AWAITING_RMA_SHIPMENT -> {
                for (Component c : t.failedComponents) {
                    if (c.locationKind == LocationKind.INSTALLED || c.locationKind == LocationKind.STOCK) {
                        genealogy.moveTo(c, LocationKind.STOCK, miner.site.code + " RMA cage", miner.site.id,
                                why + ": waiting for RMA shipment");
                    }
                    rma.openFor(c, t, in.hubId());
                }
            }
            case RESOLVED -> resolve(t, in, why);
            case CANCELLED -> {
                if (!hasOtherOpenTicket(t)) {
                    genealogy.changeStatus(miner, t.priorMinerStatus, why + " cancelled");
                }
            }
            default -> {
                // AWAITING_PART: nothing moves until the spare arrives
            }
        }
        t.state = in.to();
        if (!t.state.isOpen()) {
            t.closedAt = now;
        }
        appendEvent(t, from, in.to(), noteFor(in, from), now);
        if (in.to() == TicketState.AWAITING_PART) {
            reservations.ticketWaits(t);
        } else if (from == TicketState.AWAITING_PART && in.to() != TicketState.RESOLVED) {
            reservations.ticketStopsWaiting(t, "the ticket is " + in.to().label().toLowerCase());
        }
        em.flush();
        return view(t);
    }

    private void resolve(RepairTicket t, TicketTransitionRequest in, String why) {
        Miner miner = t.miner;
        String spareSerial = blankToNull(in.spareSerial());
        if (spareSerial != null) {
            swap(t, spareSerial, "RMA".equalsIgnoreCase(in.failedPartTo()), in.hubId(), why, in.binOverride());
        }
        for (Component c : t.failedComponents) {
            boolean replaced = c.locationKind != LocationKind.INSTALLED
                    || !c.miner.id.equals(miner.id);
            if (t.route == RepairRoute.BENCH && c.locationKind == LocationKind.STOCK && slotFree(miner, c)) {
                genealogy.install(c, miner, c.slotIndex, why + ": repaired on the bench");
            } else if (t.route == RepairRoute.SCRAP && !replaced) {
                genealogy.moveTo(c, LocationKind.SCRAPPED, null, null, why + ": scrapped");
            } else if (t.route == RepairRoute.SCRAP && c.locationKind == LocationKind.STOCK) {
                genealogy.moveTo(c, LocationKind.SCRAPPED, null, null, why + ": scrapped");
            }
        }
        if (!hasOtherOpenTicket(t)) {
            MinerStatus after = in.minerStatus() == MinerStatus.DEGRADED ? MinerStatus.DEGRADED : MinerStatus.HASHING;
            genealogy.changeStatus(miner, after, why + " resolved");
        }
    }

    private void swap(RepairTicket t, String spareSerial, boolean failedToRma, Long hubId, String why,
            String binOverride) {
        Miner miner = t.miner;
        Component spare = Component.findBySerial(spareSerial.trim());
        if (spare == null || !user.canSeeSite(spare.siteId)) {
            // a part of a site the user may not see (or one in transit, at a hub, scrapped) is answered as if unknown:
            // where another site's part is installed is not the user's to learn (issue #16 item 8)
            throw ProblemException.invalid("Spare not available", List.of(new FieldViolation("spareSerial",
                    "no spare with serial " + spareSerial.trim() + " in " + miner.site.code + "'s stock")));
        }
        var offShelf = SpareFit.notOnTheShelf(spare.serial, spare.locationKind, spare.siteId, spare.locationRef,
                miner.site.id, miner.site.code);
        if (offShelf.isPresent()) {
            boolean inStockHere = spare.locationKind == LocationKind.STOCK && miner.site.id.equals(spare.siteId);
            throw ProblemException.invalid(inStockHere ? "Spare not usable" : "Spare not available",
                    List.of(new FieldViolation("spareSerial", inStockHere ? offShelf.get()
                            : spare.serial + " is " + spare.describeLocation() + ", " + offShelf.get())));
        }
        Long holder = reservations.holderOf(spare.id);
        if (holder != null && !holder.equals(t.id)) {
            throw ProblemException.conflict("spare " + spare.serial + " is reserved for ticket #" + holder
                    + ", which waits for it; pick another spare").fixAt("/tickets/" + holder, "Ticket #" + holder);
        }
        Component faulty = SpareFit.replaces(spare.kind, t.failedComponents, c -> c.kind)
                .orElseThrow(() -> ProblemException.invalid("Wrong kind of spare", List.of(new FieldViolation(
                        "spareSerial", spare.serial + " is a " + spare.kind + "; the failed parts are "
                                + t.failedComponents.stream().map(c -> c.kind).distinct().toList()))));
        var misfit = SpareFit.doesNotFit(spare.part.partNumber, spare.part.compatibleModels.stream().map(m -> m.id)
                .toList(), miner.model.id, miner.model.name);
        if (misfit.isPresent()) {
            throw ProblemException.invalid("Spare does not fit", List.of(new FieldViolation("spareSerial", misfit.get())));
        }
        if (spare.kind == ComponentKind.HASHBOARD) {
            checkBins(t, miner, spare, faulty, binOverride);
        }
        int slot = faulty.slotIndex;
        if (faulty.locationKind == LocationKind.INSTALLED && faulty.miner.id.equals(miner.id)) {
            if (failedToRma) {
                genealogy.moveTo(faulty, LocationKind.STOCK, miner.site.code + " RMA cage", miner.site.id,
                        why + ": swapped out, for RMA");
                rma.openFor(faulty, t, hubId);
            } else {
                genealogy.moveTo(faulty, LocationKind.STOCK, miner.site.code + " store (failed)", miner.site.id,
                        why + ": swapped out, failed");
            }
        } else if (!slotFree(miner, faulty)) {
            throw ProblemException.conflict("slot " + slot + " of " + miner.assetCode + " is not free");
        }
        app.rigtrail.inventory.StockLocation store = app.rigtrail.inventory.StockLocation.storeOf(miner.site.id);
        if (store != null) {
            // the shelf's count and its ledger follow the spare
            stock.issue(store.id, spare.part.id, 1, spare.id, t.id, why + ": replaces " + faulty.serial);
        }
        genealogy.install(spare, miner, slot, why + ": replaces " + faulty.serial);
        reservations.used(t, spare);
        ComponentSwap s = new ComponentSwap();
        s.ticketId = t.id;
        s.minerId = miner.id;
        s.kind = faulty.kind;
        s.slotIndex = slot;
        s.faultyComponentId = faulty.id;
        s.replacementComponentId = spare.id;
        s.at = Instant.now();
        s.actor = user.name();
        s.persist();
    }

    /** Refuses a board of another bin than the chassis's other boards, unless an admin overrides with a note. */
    private void checkBins(RepairTicket t, Miner miner, Component spare, Component faulty, String override) {
        List<String> others = em.createQuery("""
                select c.bin from Component c where c.miner.id = :m and c.kind = :hb and c.id <> :faulty""", String.class)
                .setParameter("m", miner.id).setParameter("hb", ComponentKind.HASHBOARD)
                .setParameter("faulty", faulty.id).getResultList();
        var refusal = app.rigtrail.fleet.domain.BinRule.refusal(miner.model.vendor, spare.bin, others);
        if (refusal.isEmpty()) {
            return;
        }
        String note = blankToNull(override);
        if (note != null && user.isAdmin()) {
            timeline.note(t, "bin mix allowed by " + user.name() + " (admin): " + refusal.get() + ". Reason: " + note);
            return;
        }
        throw new ProblemException(409, "Bin mix refused", "Spare " + spare.serial + " cannot go into "
                + miner.assetCode + ": " + refusal.get() + (user.isAdmin() ? ". To fit it anyway, give a reason"
                        + " for the override" : ". Pick a spare of the same bin, or ask an admin to override"))
                .with("spareBin", spare.bin).with("chassisBins", others)
                .fixAt("/components/" + spare.id, "Spare " + spare.serial);
    }

    private boolean slotFree(Miner miner, Component c) {
        // not Panache's count(): it derives a count query from the HQL and translates it to SQL on every call
        return em.createQuery("select c.id from Component c where c.miner.id = :m and c.kind = :k and c.slotIndex = :s",
                Long.class).setParameter("m", miner.id).setParameter("k", c.kind).setParameter("s", c.slotIndex)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private boolean hasOtherOpenTicket(RepairTicket t) {
        return !em.createQuery("select t.id from RepairTicket t where t.miner.id = :m and t.id <> :id and " + OPEN_TICKET,
                Long.class).setParameter("m", t.miner.id).setParameter("id", t.id).setMaxResults(1).getResultList().isEmpty();
    }

    // ---- photos ----

    public PhotoView addPhoto(long ticketId, byte[] data, String fileName) {
        RepairTicket t = ticketInScope(ticketId);
        if (data == null || data.length == 0) {
            throw ProblemException.invalid("The photo is empty", List.of(new FieldViolation("file", "is empty")));
        }
        if (data.length > ImageType.MAX_BYTES) {
            throw new ProblemException(413, "Photo too large", "A photo may be at most 10 MB; this one is "
                    + (data.length / (1024 * 1024)) + " MB");
        }
        ImageType type = ImageType.sniff(data).orElseThrow(() -> new ProblemException(415, "Not a photo",
                "Only JPEG, PNG and WebP photos are accepted (checked by content, not by file name)"));
        TicketPhoto p = new TicketPhoto();
        p.ticketId = t.id;
        p.contentType = type.mediaType();
        p.sizeBytes = data.length;
        p.fileName = fileName == null ? null : fileName.substring(0, Math.min(200, fileName.length()));
        p.data = data;
        p.uploadedBy = user.name();
        p.uploadedAt = Instant.now();
        p.persist();
        return new PhotoView(p.id, p.contentType, p.sizeBytes, p.fileName, p.uploadedBy, p.uploadedAt);
    }

    public record PhotoBytes(String contentType, byte[] data) {
    }

    public PhotoBytes photo(long ticketId, long photoId) {
        ticketInScope(ticketId);
        TicketPhoto p = TicketPhoto.findById(photoId);
        if (p == null || !p.ticketId.equals(ticketId)) {
            throw ProblemException.notFound("Photo", photoId);
        }
        return new PhotoBytes(p.contentType, p.data);
    }

    // ---- reads ----

    public TicketDetail detail(long id) {
        RepairTicket t = ticketInScope(id);
        List<TicketEventView> events = RepairTicketEvent.<RepairTicketEvent>find("ticketId = ?1 order by at, id", id)
                .list().stream().map(e -> new TicketEventView(e.at, e.actor, e.fromState, e.toState, e.note)).toList();
        List<PhotoView> photos = em.createQuery("""
                select new app.rigtrail.repair.RepairViews$PhotoView(p.id, p.contentType, p.sizeBytes, p.fileName,
                       p.uploadedBy, p.uploadedAt) from TicketPhoto p where p.ticketId = :t order by p.id""",
                PhotoView.class).setParameter("t", id).getResultList();
        List<SwapView> swaps = new ArrayList<>();
        for (ComponentSwap s : ComponentSwap.<ComponentSwap>find("ticketId = ?1 order by id", id).list()) {
            Component faulty = Component.findById(s.faultyComponentId);
            Component replacement = Component.findById(s.replacementComponentId);
            swaps.add(new SwapView(s.at, s.actor, s.kind.name(), s.slotIndex, faulty.serial, replacement.serial));
        }
        return new TicketDetail(view(t), events, photos, swaps, rma.forTicket(id));
    }

    public Page<TicketView> list(Long siteId, TicketState state, Vendor vendor, Integer minAgeDays, boolean openOnly,
            Paging paging) {
        if (siteId != null) {
            user.requireSite(siteId);
        }
        ListQuery query = new ListQuery()
                .and("t.siteId = :site", "site", siteId)
                .and("t.state = :state", "state", state)
                .and("t.miner.model.vendor = :vendor", "vendor", vendor)
                .and("t.openedAt <= :openedBefore", "openedBefore",
                        ListQuery.daysAgo("minAgeDays", minAgeDays))
                .inSites("t.siteId", user.siteScope());
        if (state == null && openOnly) {
            query.andAlways(OPEN_TICKET, Map.of());
        }
        return query.page(em, RepairTicket.class, "t", "join fetch t.miner m join fetch m.model join fetch m.site",
                "t.openedAt desc, t.id desc", paging, this::view);
    }

    /**
     * An open ticket ({@link TicketState#isOpen()}) in JPQL, written from {@link TicketState#closed()}. The
     * states are literals, not parameters: the database then sees the predicate of the partial indexes on
     * repair_ticket_is_open (V23) and reads the few open tickets (about 1% of a million) instead of the whole
     * table, whatever the plan is cached as.
     */
    static final String OPEN_TICKET = TicketState.closed().stream()
            .map(s -> TicketState.class.getName() + "." + s.name())
            .collect(java.util.stream.Collectors.joining(", ", "t.state not in (", ")"));

    /** The sort columns of the tickets page: key to JPQL, the first being the default. */
    public static final Map<String, String> TICKET_SORTS = app.rigtrail.platform.web.ListView.sorts(
            "opened", "t.openedAt",
            "state", "t.state",
            "site", "m.site.code",
            "miner", "m.assetCode");

    /**
     * The tickets page: open ones unless a state is asked for; {@code q} is a ticket number ("#123")
     * or the start of a miner's asset code or serial; filters by site code and route.
     */
    public Page<TicketView> list(String q, String siteCode, TicketState state, RepairRoute route,
            app.rigtrail.platform.web.ListView view) {
        ListQuery query = new ListQuery()
                .and("t.state = :state", "state", state)
                .and("t.route = :route", "route", route)
                // the ticket's own site (as the scope below): its index, not a walk through every miner
                .and("t.siteId in (select s.id from Site s where s.code = :siteCode)", "siteCode",
                        siteCode == null || siteCode.isBlank() ? null : siteCode.trim().toUpperCase())
                .inSites("t.siteId", user.siteScope());
        if (state == null) {
            query.andAlways(OPEN_TICKET, Map.of());
        }
        query.search(q, "#", "(t.id = :number or t.miner.serial like :prefix or t.miner.assetCode like :prefix)",
                "(t.miner.assetCode like :prefix or t.miner.serial like :prefix)");
        return query.page(em, RepairTicket.class, "t", "join fetch t.miner m join fetch m.model join fetch m.site",
                view, TICKET_SORTS, this::view);
    }

    /** Spares on the ticket site's shelf that fit the miner and replace one of the failed kinds. */
    public List<ComponentView> sparesFor(long ticketId) {
        RepairTicket t = ticketInScope(ticketId);
        List<ComponentKind> kinds = t.failedComponents.stream().map(c -> c.kind).distinct().toList();
        if (kinds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("""
                select c from Component c join fetch c.part p
                where c.locationKind = :stock and c.siteId = :site and c.kind in :kinds
                  and c.locationRef = :shelf and :model member of p.compatibleModels
                  and not exists (select r from SpareReservation r where r.componentId = c.id and r.ticketId <> :ticket)
                order by c.kind, c.serial""", Component.class)
                .setParameter("ticket", t.id)
                .setParameter("stock", LocationKind.STOCK).setParameter("site", t.siteId)
                .setParameter("kinds", kinds).setParameter("shelf", t.miner.site.code + " store")
                .setParameter("model", t.miner.model).setMaxResults(50).getResultList()
                .stream().map(ComponentView::of).toList();
    }

    /** The spare held for this ticket until it is fitted, or null. */
    public ComponentView reservedSpare(long ticketId) {
        ticketInScope(ticketId);
        Component c = reservations.reservedFor(ticketId);
        return c == null ? null : ComponentView.of(c);
    }

    RepairTicket ticketInScope(long id) {
        // the ticket, its miner with model and site, and its failed parts in one statement (each was a lazy load)
        RepairTicket t = em.createQuery("""
                select t from RepairTicket t join fetch t.miner m join fetch m.model join fetch m.site
                left join fetch t.failedComponents c left join fetch c.part where t.id = :id""", RepairTicket.class)
                // a list, not a stream: a stream of fetch joins is read through Hibernate's scrolling row reader
                .setParameter("id", id).getResultList().stream().findFirst().orElse(null);
        if (t == null) {
            throw ProblemException.notFound("Ticket", id);
        }
        user.requireSite(t.siteId);
        return t;
    }

    TicketView view(RepairTicket t) {
        Miner m = t.miner;
        return new TicketView(t.id, m.id, m.assetCode, m.serial, m.model.name, t.siteId, m.site.code, t.state,
                t.route, t.symptom, t.errorCodes, t.notes, t.diagnosis, t.openedBy, t.openedAt, t.closedAt,
                RepairViews.ageDays(t.openedAt, t.closedAt),
                t.failedComponents.stream().map(ComponentView::of).toList(), t.state.allowedNext(), t.version);
    }

    private void appendEvent(RepairTicket t, TicketState from, TicketState to, String note, Instant at) {
        timeline.append(t, from, to, note, at);
    }

    /** The last change of a ticket in words: "tech-b (Diagnosing → Waiting for a spare, 14:05 UTC)". */
    private String lastChange(RepairTicket t) {
        return RepairTicketEvent.<RepairTicketEvent>find("ticketId = ?1 order by at desc, id desc", t.id).firstResultOptional()
                .map(e -> e.actor + " (" + (e.fromState == null ? "opened" : e.fromState.label()) + " → "
                        + e.toState.label() + ", " + java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                                .format(e.at.atZone(java.time.ZoneOffset.UTC)) + ")")
                .orElse("someone");
    }

    private static String noteFor(TicketTransitionRequest in, TicketState from) {
        List<String> parts = new ArrayList<>();
        if (in.note() != null && !in.note().isBlank()) {
            parts.add(in.note().trim());
        }
        if (from == TicketState.DIAGNOSING && in.diagnosis() != null && !in.diagnosis().isBlank()) {
            parts.add("diagnosis: " + in.diagnosis().trim());
        }
        if (in.route() != null) {
            parts.add("route: " + in.route());
        }
        if (in.spareSerial() != null && !in.spareSerial().isBlank()) {
            parts.add("spare: " + in.spareSerial().trim());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

}
