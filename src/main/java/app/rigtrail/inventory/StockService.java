package app.rigtrail.inventory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;


import app.rigtrail.dwell.DwellService;
import app.rigtrail.dwell.domain.SurvivalModel;
import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.Genealogy;
import app.rigtrail.fleet.Part;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.inventory.InventoryViews.Adjustment;
import app.rigtrail.inventory.InventoryViews.Ledger;
import app.rigtrail.inventory.InventoryViews.LevelView;
import app.rigtrail.inventory.InventoryViews.MovementView;
import app.rigtrail.inventory.InventoryViews.Receipt;
import app.rigtrail.inventory.InventoryViews.Transfer;
import app.rigtrail.inventory.domain.ReorderPolicy;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * Spare stock per location, kept in step with its ledger in the same transaction: every change
 * of a level is one appended movement. A decrease is one conditional UPDATE, so two issues of the
 * last unit cannot both win and stock never goes negative.
 */
@ApplicationScoped
@Transactional
public class StockService {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    Genealogy genealogy;

    @Inject
    app.rigtrail.logistics.HoldModels holdModels;

    @Inject
    StockConfig config;

    /** The stock settings (through a method: other beans reach this one through its client proxy, whose fields are empty). */
    public StockConfig config() {
        return config;
    }

    // ---- movements ----

    public MovementView receive(@Valid Receipt in) {
        StockLocation loc = location(in.locationId(), true);
        Part part = part(in.partId());
        return add(loc, part, in.quantity(), "RECEIPT", null, null, null, blank(in.reason(), "received"));
    }

    /** Issues one or more units to a repair ticket (the swap of a spare). */
    public MovementView issue(long locationId, long partId, int quantity, Long componentId, Long ticketId, String reason) {
        StockLocation loc = location(locationId, true);
        Part part = part(partId);
        take(loc, part, quantity);
        return movement(part, "ISSUE", loc, null, quantity, componentId, ticketId, null, reason);
    }

    public MovementView transfer(@Valid Transfer in) {
        if (in.fromLocationId().equals(in.toLocationId())) {
            throw ProblemException.invalid("From and to are the same place",
                    List.of(new FieldViolation("toLocationId", "must differ from fromLocationId")));
        }
        StockLocation from = location(in.fromLocationId(), true);
        StockLocation to = location(in.toLocationId(), true);
        Part part = part(in.partId());
        take(from, part, in.quantity());
        put(to, part, in.quantity());
        return movement(part, "TRANSFER", from, to, in.quantity(), null, null, null, blank(in.reason(), "transfer"));
    }

    public MovementView adjust(@Valid Adjustment in) {
        if (in.delta() == 0) {
            throw ProblemException.invalid("An adjustment changes the count", List.of(new FieldViolation("delta", "must not be 0")));
        }
        StockLocation loc = location(in.locationId(), true);
        Part part = part(in.partId());
        if (in.delta() > 0) {
            put(loc, part, in.delta());
            return movement(part, "ADJUSTMENT", null, loc, in.delta(), null, null, null, in.reason());
        }
        take(loc, part, -in.delta());
        return movement(part, "ADJUSTMENT", loc, null, -in.delta(), null, null, null, in.reason());
    }

    public MovementView scrap(@Valid Adjustment in) {
        if (in.delta() >= 0) {
            throw ProblemException.invalid("Scrap takes units away", List.of(new FieldViolation("delta", "must be negative")));
        }
        StockLocation loc = location(in.locationId(), true);
        Part part = part(in.partId());
        take(loc, part, -in.delta());
        return movement(part, "SCRAP", loc, null, -in.delta(), null, null, null, in.reason());
    }

    MovementView add(StockLocation loc, Part part, int q, String kind, Long componentId, Long ticketId, Long po,
            String reason) {
        put(loc, part, q);
        return movement(part, kind, null, loc, q, componentId, ticketId, po, reason);
    }

    private void put(StockLocation loc, Part part, int q) {
        em.createNativeQuery("""
                insert into stock_level (location_id, part_id, on_hand) values (?1, ?2, ?3)
                on conflict (location_id, part_id) do update set on_hand = stock_level.on_hand + excluded.on_hand,
                                                                version = stock_level.version + 1""")
                .setParameter(1, loc.id).setParameter(2, part.id).setParameter(3, q).executeUpdate();
    }

    private void take(StockLocation loc, Part part, int q) {
        int updated = em.createNativeQuery("""
                update stock_level set on_hand = on_hand - ?3, version = version + 1
                where location_id = ?1 and part_id = ?2 and on_hand >= ?3""")
                .setParameter(1, loc.id).setParameter(2, part.id).setParameter(3, q).executeUpdate();
        if (updated == 0) {
            int onHand = onHand(loc.id, part.id);
            throw new ProblemException(409, "Not enough stock", part.partNumber + " at " + loc.name + ": " + onHand
                    + " on hand, " + q + " asked; stock never goes negative").with("onHand", onHand);
        }
    }

    MovementView movement(Part part, String kind, StockLocation from, StockLocation to, int q, Long componentId,
            Long ticketId, Long po, String reason) {
        StockMovement m = new StockMovement();
        m.at = Instant.now();
        m.actor = user.name();
        m.partId = part.id;
        m.kind = kind;
        m.fromLocationId = from == null ? null : from.id;
        m.toLocationId = to == null ? null : to.id;
        m.quantity = q;
        m.componentId = componentId;
        m.ticketId = ticketId;
        m.purchaseOrderId = po;
        m.reason = reason;
        m.persist();
        StockLocation at = to != null ? to : from;
        return new MovementView(m.id, m.at, m.actor, kind, from == null ? null : from.name, to == null ? null : to.name,
                q, componentId, ticketId, po, reason, onHand(at.id, part.id));
    }

    // ---- reads ----

    public int onHand(long locationId, long partId) {
        List<?> r = em.createNativeQuery("select on_hand from stock_level where location_id = ?1 and part_id = ?2")
                .setParameter(1, locationId).setParameter(2, partId).getResultList();
        return r.isEmpty() ? 0 : ((Number) r.get(0)).intValue();
    }

    /** Levels with their reorder policy; {@code lowOnly} keeps those at or below the reorder point. */
    public List<LevelView> levels(Long locationId, boolean lowOnly) {
        if (locationId != null) {
            location(locationId, false);
        }
        return levels(locationId, lowOnly, user.siteScope());
    }

    /** Every location's levels at or below their reorder point, whoever's they are (the low-stock alert job). */
    public List<LevelView> lowEverywhere() {
        return levels(null, true, null);
    }

    @SuppressWarnings("unchecked")
    private List<LevelView> levels(Long locationId, boolean lowOnly, Set<Long> scope) {
        StringBuilder sql = new StringBuilder("""
                select l.id, l.name, l.site_id, p.id, p.part_number, p.kind, p.vendor,
                       coalesce(s.on_hand, 0), coalesce(s.reserved, 0), coalesce(s.in_transit, 0), coalesce(s.on_order, 0)
                from stock_location l
                join part p on true
                left join stock_level s on s.location_id = l.id and s.part_id = p.id
                where (s.part_id is not null or (l.kind = 'SITE_STORE' and exists (
                        select 1 from component c where c.site_id = l.site_id and c.part_id = p.id
                          and c.location_kind = 'INSTALLED')))""");
        if (locationId != null) {
            sql.append(" and l.id = ").append(locationId.longValue());
        }
        List<Object[]> rows = em.createNativeQuery(sql + " order by l.name, p.part_number").getResultList();
        Map<String, ReorderPolicy> policies = new HashMap<>();
        Map<String, double[]> leadByVendor = new HashMap<>();
        Map<String, Double> demand = demandPerYear();
        Map<String, Long> installed = installedPerSiteAndPart();
        double holdShare = holdShare();
        List<LevelView> out = new ArrayList<>();
        for (Object[] r : rows) {
            Long siteId = r[2] == null ? null : ((Number) r[2]).longValue();
            if (scope != null && (siteId == null || !scope.contains(siteId))) {
                continue;
            }
            long loc = ((Number) r[0]).longValue();
            long part = ((Number) r[3]).longValue();
            int onHand = ((Number) r[7]).intValue();
            int reserved = ((Number) r[8]).intValue();
            int inTransit = ((Number) r[9]).intValue();
            int onOrder = ((Number) r[10]).intValue();
            int position = onHand + inTransit + onOrder - reserved;
            double lambda = demand.getOrDefault(loc + ":" + part,
                    installed.getOrDefault(siteId + ":" + part, 0L) * config.failuresPerUnitYear());
            String vendor = (String) r[6];
            double[] lead = leadByVendor.computeIfAbsent(vendor, v -> dwellMoments(v, holdShare));
            ReorderPolicy p = lambda > 0 ? policies.computeIfAbsent(loc + ":" + part, k -> ReorderPolicy.compute(lambda,
                    config.defaultLeadDays(), lead[0], lead[1], lead[2], config.targetFillRate())) : null;
            int suggested = p == null ? 0 : p.suggestedOrder(position);
            boolean low = p != null && position <= p.reorderPoint();
            if (lowOnly && !low) {
                continue;
            }
            out.add(new LevelView(loc, (String) r[1], siteId, part, (String) r[4], (String) r[5], onHand, reserved,
                    inTransit, onOrder, position, p == null ? null : p.reorderPoint(), p == null ? null : p.orderUpTo(),
                    suggested, low, p == null ? null : round(lambda), p == null ? null : round(p.leadTimeMeanDays())));
        }
        return out;
    }

    /** The chance that an inbound purchase is held, and the first two moments of the dwell (fitted, open holds censored). */
    public double[] dwellMoments(String vendor) {
        return dwellMoments(vendor, holdShare());
    }

    /** The chance that an inbound shipment through a port is held by customs. */
    private double holdShare() {
        Number shipped = (Number) em.createNativeQuery("select count(*) from shipment where port_id is not null "
                + "and kind in ('SPARES_PURCHASE','NEW_MACHINES','INBOUND_RETURN')").getSingleResult();
        Number held = (Number) em.createNativeQuery("select count(distinct shipment_id) from customs_hold").getSingleResult();
        return shipped.doubleValue() == 0 ? 0 : Math.min(1, held.doubleValue() / shipped.doubleValue());
    }

    private double[] dwellMoments(String vendor, double pHold) {
        Optional<SurvivalModel> fit = holdModels.fitForVendor(vendor, DwellService.today());
        if (fit.isEmpty()) {
            return new double[] {0, 0, 0};
        }
        return new double[] {pHold, fit.get().meanRemaining(0), fit.get().secondMoment()};
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> demandPerYear() {
        Map<String, Double> out = new HashMap<>();
        Instant since = Instant.now().minus(Duration.ofDays(365));
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select from_location_id, part_id, sum(quantity) "
                + "from stock_movement where kind = 'ISSUE' and at >= ?1 group by from_location_id, part_id")
                .setParameter(1, since).getResultList()) {
            out.put(((Number) r[0]).longValue() + ":" + ((Number) r[1]).longValue(), ((Number) r[2]).doubleValue());
        }
        return out;
    }

    /** The installed base per "site:part", with the version of the components it was counted at. */
    private record InstalledBase(String version, Map<String, Long> counts) {
    }

    private volatile InstalledBase installedBase;

    /**
     * Installed components per site and part, for the demand of parts with no issues in the last
     * year. Counting them reads every component (850,000 at the benchmark fleet, 130 ms), so the
     * count is remembered under the components' version: the newest component and the newest
     * component event (every install and removal appends one, see Genealogy). A changed version
     * counts again, so the count is never stale; reading the version is two index lookups.
     */
    private Map<String, Long> installedPerSiteAndPart() {
        Object[] v = (Object[]) em.createNativeQuery("select (select max(id) from component), "
                + "(select max(id) from component_event)").getSingleResult();
        String version = v[0] + ":" + v[1];
        InstalledBase known = installedBase;
        if (known != null && known.version().equals(version)) {
            return known.counts();
        }
        Map<String, Long> counts = countInstalled();
        installedBase = new InstalledBase(version, counts);
        return counts;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> countInstalled() {
        Map<String, Long> out = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select site_id, part_id, count(*) from component "
                + "where location_kind = 'INSTALLED' group by site_id, part_id").getResultList()) {
            out.put(((Number) r[0]).longValue() + ":" + ((Number) r[1]).longValue(), ((Number) r[2]).longValue());
        }
        return Map.copyOf(out);
    }

    public Ledger ledger(long locationId, long partId) {
        StockLocation loc = location(locationId, false);
        Part part = part(partId);
        List<StockMovement> moves = StockMovement.<StockMovement>find(
                "partId = ?1 and (fromLocationId = ?2 or toLocationId = ?2) order by id", partId, locationId).list();
        Map<Long, String> names = new HashMap<>();
        int balance = 0;
        List<MovementView> views = new ArrayList<>();
        for (StockMovement m : moves) {
            if (!"ORDERED".equals(m.kind)) {
                balance += locationId == (m.toLocationId == null ? -1 : m.toLocationId) ? m.quantity : -m.quantity;
            }
            views.add(new MovementView(m.id, m.at, m.actor, m.kind, name(m.fromLocationId, names), name(m.toLocationId, names),
                    m.quantity, m.componentId, m.ticketId, m.purchaseOrderId, m.reason, balance));
        }
        return new Ledger(loc.id, loc.name, part.id, part.partNumber, onHand(loc.id, part.id), balance, views,
                loc.siteId);
    }

    public List<StockLocation> visibleLocations() {
        return StockLocation.<StockLocation>list("order by name").stream()
                .filter(l -> !user.siteRestricted() || (l.siteId != null && user.canSeeSite(l.siteId))).toList();
    }

    private String name(Long id, Map<Long, String> names) {
        if (id == null) {
            return null;
        }
        return names.computeIfAbsent(id, k -> ((StockLocation) StockLocation.findById(k)).name);
    }

    StockLocation location(long id, boolean forChange) {
        StockLocation loc = StockLocation.findById(id);
        if (loc == null) {
            throw ProblemException.notFound("Stock location", id);
        }
        if (loc.siteId != null) {
            user.requireSite(loc.siteId);
        } else if (user.siteRestricted()) {
            throw new ProblemException(403, "Forbidden", "Technicians see their own sites' stores");
        }
        return loc;
    }

    static Part part(long id) {
        Part p = Part.findById(id);
        if (p == null) {
            throw ProblemException.invalid("Unknown part", List.of(new FieldViolation("partId", "no part " + id)));
        }
        return p;
    }

    private static String blank(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.trim();
    }

    private static Double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
