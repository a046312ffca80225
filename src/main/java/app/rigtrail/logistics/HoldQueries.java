package app.rigtrail.logistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.dwell.domain.SurvivalModel;
import app.rigtrail.logistics.LogisticsViews.HoldView;
import app.rigtrail.logistics.domain.CustomsClocks;
import app.rigtrail.logistics.domain.HoldKind;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.ProblemException;

/** Reads of customs holds: one hold against its clocks, and the open holds board. */
@ApplicationScoped
@Transactional
public class HoldQueries {

    public record BoardFilter(String port, String vendor, HoldKind kind, String sort) {
    }

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    DwellService dwell;

    @Inject
    HoldModels models;

    public CustomsHold holdInScope(long id) {
        CustomsHold h = CustomsHold.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Hold", id);
        }
        user.requireSite(h.shipment.site.id);
        return h;
    }

    public CustomsHold openHoldOf(Shipment s) {
        if (s.id == null) {
            return null;
        }
        return CustomsHold.<CustomsHold>find("shipment.id = ?1 and outcome is null order by id desc", s.id).firstResult();
    }

    /** The newest alerts of holds the caller may see (a technician: shipments to their sites). */
    public List<LogisticsViews.AlertView> alerts(int limit) {
        String where = user.siteScope() == null ? "" : " where h.shipment.site.id in :scope";
        var query = em.createQuery("select a from HoldAlert a, CustomsHold h where h.id = a.holdId"
                + where.replace(" where ", " and ") + " order by a.raisedAt desc, a.id desc", HoldAlert.class);
        if (user.siteScope() != null) {
            query.setParameter("scope", user.siteScope().isEmpty() ? java.util.Set.of(-1L) : user.siteScope());
        }
        return query.setMaxResults(limit).getResultList().stream()
                .map(a -> new LogisticsViews.AlertView(a.id, a.holdId, a.kind, a.raisedAt, a.message)).toList();
    }

    public HoldView view(CustomsHold h, LocalDate today) {
        return view(h, today, new HashMap<>());
    }

    /** One hold the caller may see, read and viewed in one transaction (its port and shipment load lazily). */
    public HoldView view(long id, LocalDate today) {
        return view(holdInScope(id), today);
    }

    /** The sort columns of the holds board (SQL over customs_hold h, port p; :today is the day), the first the default. */
    public static final Map<String, String> SORTS = app.rigtrail.platform.web.ListView.sorts(
            "age", "(cast(:today as date) - h.presented_on)",
            "port", "p.code",
            "hashrate", "h.hashrate_ths",
            "fees", app.rigtrail.logistics.domain.CustomsClocks.STORAGE_FEES_SQL,
            "kind", "h.kind");

    /**
     * One page of the open holds board, sorted and paged by the database (the board used to read every
     * open hold); {@code q} is an entry number or a shipment number ("S-12").
     */
    public app.rigtrail.platform.web.Page<HoldView> boardPage(BoardFilter f, String q,
            app.rigtrail.platform.web.ListView view, LocalDate today) {
        StringBuilder where = new StringBuilder(" from customs_hold h join port p on p.id = h.port_id"
                + " join shipment s on s.id = h.shipment_id where h.outcome is null");
        Map<String, Object> params = new HashMap<>();
        if (f.port() != null && !f.port().isBlank()) {
            where.append(" and p.code = :port");
            params.put("port", f.port().trim().toUpperCase());
        }
        if (f.vendor() != null && !f.vendor().isBlank()) {
            where.append(" and h.vendor = :vendor");
            params.put("vendor", f.vendor().trim().toUpperCase());
        }
        if (f.kind() != null) {
            where.append(" and h.kind = :kind");
            params.put("kind", f.kind().name());
        }
        String text = q == null ? "" : q.trim();
        if (text.matches("(?i)s-\\d{1,12}")) {
            where.append(" and s.id = :shipment");
            params.put("shipment", Long.parseLong(text.substring(2)));
        } else if (!text.isEmpty()) {
            where.append(" and h.entry_number = :entry");
            params.put("entry", text);
        }
        var scope = user.siteScope();
        if (scope != null) {
            where.append(" and s.site_id in (:scope)");
            params.put("scope", scope.isEmpty() ? Set.of(-1L) : scope);
        }
        var ids = em.createNativeQuery("select h.id" + where + " order by " + view.orderBy(SORTS, "h.id")
                + " limit " + view.paging().size() + " offset " + view.paging().offset(), Long.class);
        var count = em.createNativeQuery("select count(*) from (select 1" + where + " limit "
                + (app.rigtrail.platform.web.ListView.COUNT_CAP + 1) + ") x", Long.class);
        params.forEach((k, v) -> {
            ids.setParameter(k, v);
            count.setParameter(k, v);
        });
        if (view.orderBy(SORTS, "h.id").contains(":today")) {
            ids.setParameter("today", today);
        }
        @SuppressWarnings("unchecked")
        List<Long> page = ids.getResultList();
        long counted = ((Number) count.getSingleResult()).longValue();
        boolean capped = counted > app.rigtrail.platform.web.ListView.COUNT_CAP;
        view.counted(capped ? app.rigtrail.platform.web.ListView.COUNT_CAP : counted, capped);
        Map<Long, CustomsHold> byId = new HashMap<>();
        if (!page.isEmpty()) {
            em.createQuery("select h from CustomsHold h join fetch h.port join fetch h.shipment s join fetch s.site "
                    + "where h.id in :ids", CustomsHold.class).setParameter("ids", page).getResultList()
                    .forEach(h -> byId.put(h.id, h));
        }
        Map<HoldKind, Optional<SurvivalModel>> fits = new HashMap<>();
        List<HoldView> views = page.stream().map(byId::get).map(h -> view(h, today, fits)).toList();
        return new app.rigtrail.platform.web.Page<>(views, view.getTotal());
    }

    /** The open holds, each against its clocks and with its expected remaining dwell. */
    public List<HoldView> board(BoardFilter f, LocalDate today) {
        StringBuilder q = new StringBuilder("select h from CustomsHold h join fetch h.port join fetch h.shipment s "
                + "join fetch s.site where h.outcome is null");
        Map<String, Object> params = new HashMap<>();
        if (f.port() != null && !f.port().isBlank()) {
            q.append(" and h.port.code = :port");
            params.put("port", f.port().trim().toUpperCase());
        }
        if (f.vendor() != null && !f.vendor().isBlank()) {
            q.append(" and h.vendor = :vendor");
            params.put("vendor", app.rigtrail.fleet.domain.Vendor.valueOf(f.vendor().trim().toUpperCase()));
        }
        if (f.kind() != null) {
            q.append(" and h.kind = :kind");
            params.put("kind", f.kind());
        }
        if (user.siteScope() != null) {
            q.append(" and s.site.id in :scope");
            params.put("scope", user.siteScope().isEmpty() ? java.util.Set.of(-1L) : user.siteScope());
        }
        var query = em.createQuery(q.toString(), CustomsHold.class);
        params.forEach(query::setParameter);
        Map<HoldKind, Optional<SurvivalModel>> fits = new HashMap<>();
        List<HoldView> views = new ArrayList<>();
        for (CustomsHold h : query.getResultList()) {
            views.add(view(h, today, fits));
        }
        Comparator<HoldView> order = switch (f.sort() == null ? "age" : f.sort()) {
            case "port" -> Comparator.comparing(HoldView::port).thenComparing(HoldView::ageDays, Comparator.reverseOrder());
            case "hashrate" -> Comparator.comparing(HoldView::hashrateThs, Comparator.reverseOrder());
            case "fees" -> Comparator.comparing(HoldView::feesSoFarCents, Comparator.reverseOrder());
            default -> Comparator.comparing(HoldView::ageDays, Comparator.reverseOrder());
        };
        views.sort(order);
        return views;
    }

    private HoldView view(CustomsHold h, LocalDate today, Map<HoldKind, Optional<SurvivalModel>> fits) {
        CustomsClocks c = h.clocks();
        long age = c.ageDays(today);
        Double mean = null;
        Double p50 = null;
        Double p90 = null;
        if (h.outcome == null) {
            Optional<SurvivalModel> fit = fits.computeIfAbsent(h.kind, k -> models.fitFor(k, today));
            if (fit.isPresent()) {
                double a = Math.max(age, 0.5);
                mean = round(fit.get().meanRemaining(a));
                p50 = round(fit.get().quantileRemaining(a, 0.5));
                p90 = round(fit.get().quantileRemaining(a, 0.9));
            }
        }
        return new HoldView(h.id, h.label(), h.shipment.id, h.entryNumber, h.port.code, h.filer, h.htsCode,
                h.declaredValueCents, h.vendor, h.kind, h.presentedOn, h.detentionNoticeOn, h.decidedOn, h.outcome, age,
                c.standing(today), c.releaseBy(), c.noticeBy(), c.deemedExclusionOn(), h.kind.boundByCbpClocks(),
                h.lastFreeDay, c.pastLastFreeDay(today), h.storageFeeCentsPerDay,
                c.storageFeesCents(h.storageFeeCentsPerDay, today), h.units, h.hashrateThs, mean, p50, p90, h.version);
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : null;
    }
}
