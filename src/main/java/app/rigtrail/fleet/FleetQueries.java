package app.rigtrail.fleet;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.fleet.FleetViews.ComponentDetail;
import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.FleetViews.GenealogyStep;
import app.rigtrail.fleet.FleetViews.MinerDetail;
import app.rigtrail.fleet.FleetViews.MinerEventView;
import app.rigtrail.fleet.FleetViews.MinerView;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.ListQuery;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;

/** Reads of miners and components, always inside the caller's site scope. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FleetQueries {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    /** The codes of the sites this user sees, for a list's site filter. */
    public List<String> siteCodes() {
        var scope = user.siteScope();
        if (scope != null && scope.isEmpty()) {
            return List.of();
        }
        var q = em.createQuery("select s.code from Site s" + (scope == null ? "" : " where s.id in :scope")
                + " order by s.code", String.class);
        if (scope != null) {
            q.setParameter("scope", scope);
        }
        return q.getResultList();
    }

    public Page<MinerView> miners(MinerFilter f, Paging paging) {
        if (f.siteId() != null) {
            user.requireSite(f.siteId());
        }
        String q = f.q() == null || f.q().isBlank() ? null : f.q().trim().toUpperCase() + "%";
        return new ListQuery()
                .and("(upper(m.serial) like :q or upper(m.assetCode) like :q or upper(m.mac) like :q)", "q", q)
                .and("m.site.id = :site", "site", f.siteId())
                .and("m.status = :status", "status", f.status())
                .and("m.model.id = :model", "model", f.modelId())
                .and("m.model.vendor = :vendor", "vendor", f.vendor())
                .inSites("m.site.id", user.siteScope())
                .page(em, Miner.class, "m", "join fetch m.model join fetch m.site", "m.assetCode", paging,
                        MinerView::of);
    }

    public Miner minerInScope(long id) {
        Miner m = Miner.findById(id);
        if (m == null) {
            throw ProblemException.notFound("Miner", id);
        }
        user.requireSite(m.site.id);
        return m;
    }

    public MinerDetail miner(long id) {
        Miner m = minerInScope(id);
        List<ComponentView> components = em.createQuery(
                "select c from Component c join fetch c.part where c.miner.id = :m order by c.kind, c.slotIndex",
                Component.class).setParameter("m", id).getResultList().stream().map(ComponentView::of).toList();
        List<MinerEventView> history = MinerEvent.<MinerEvent>find("minerId = ?1 order by at desc, id desc", id).list()
                .stream().map(MinerEventView::of).toList();
        return new MinerDetail(MinerView.of(m), components, history);
    }

    public Page<ComponentView> components(String q, ComponentKind kind, Long siteId, Paging paging) {
        if (siteId != null) {
            user.requireSite(siteId);
        }
        return new ListQuery()
                .and("upper(c.serial) like :q", "q", q == null || q.isBlank() ? null : q.trim().toUpperCase() + "%")
                .and("c.kind = :kind", "kind", kind)
                .and("c.siteId = :site", "site", siteId)
                .inSites("c.siteId", user.siteScope())
                .page(em, Component.class, "c", "join fetch c.part left join fetch c.miner", "c.serial", paging,
                        ComponentView::of);
    }

    public ComponentDetail component(long id) {
        Component c = Component.findById(id);
        if (c == null) {
            throw ProblemException.notFound("Component", id);
        }
        user.requireSite(c.siteId);
        List<Object[]> rows = em.createQuery("""
                select e.at, e.actor, e.fromLocation, e.toLocation, e.minerId, m.assetCode, e.reason
                from ComponentEvent e left join Miner m on m.id = e.minerId
                where e.componentId = :c order by e.at, e.id""", Object[].class).setParameter("c", id).getResultList();
        List<GenealogyStep> steps = new ArrayList<>();
        for (Object[] r : rows) {
            steps.add(new GenealogyStep((java.time.Instant) r[0], (String) r[1], (String) r[2], (String) r[3],
                    (Long) r[4], (String) r[5], (String) r[6]));
        }
        return new ComponentDetail(ComponentView.of(c), steps);
    }
}
