package app.rigtrail.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import app.rigtrail.fleet.FleetViews.ComponentDetail;
import app.rigtrail.fleet.FleetViews.ComponentView;
import app.rigtrail.fleet.FleetViews.GenealogyStep;
import app.rigtrail.fleet.FleetViews.MinerDetail;
import app.rigtrail.fleet.FleetViews.MinerEventView;
import app.rigtrail.fleet.FleetViews.MinerView;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.platform.security.CurrentUser;
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

    public Page<MinerView> miners(MinerFilter f, Paging paging) {
        if (f.siteId() != null) {
            user.requireSite(f.siteId());
        }
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (f.q() != null && !f.q().isBlank()) {
            where.append(" and (upper(m.serial) like :q or upper(m.assetCode) like :q or upper(m.mac) like :q)");
            params.put("q", f.q().trim().toUpperCase() + "%");
        }
        if (f.siteId() != null) {
            where.append(" and m.site.id = :site");
            params.put("site", f.siteId());
        }
        if (f.status() != null) {
            where.append(" and m.status = :status");
            params.put("status", f.status());
        }
        if (f.modelId() != null) {
            where.append(" and m.model.id = :model");
            params.put("model", f.modelId());
        }
        if (f.vendor() != null) {
            where.append(" and m.model.vendor = :vendor");
            params.put("vendor", f.vendor());
        }
        Set<Long> scope = user.siteScope();
        if (scope != null) {
            where.append(" and m.site.id in :scope");
            params.put("scope", scope.isEmpty() ? Set.of(-1L) : scope);
        }
        TypedQuery<Miner> query = em.createQuery(
                "select m from Miner m join fetch m.model join fetch m.site" + where + " order by m.assetCode", Miner.class);
        TypedQuery<Long> count = em.createQuery("select count(m) from Miner m" + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<MinerView> items = query.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList()
                .stream().map(MinerView::of).toList();
        return new Page<>(items, count.getSingleResult());
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
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            where.append(" and upper(c.serial) like :q");
            params.put("q", q.trim().toUpperCase() + "%");
        }
        if (kind != null) {
            where.append(" and c.kind = :kind");
            params.put("kind", kind);
        }
        if (siteId != null) {
            where.append(" and c.siteId = :site");
            params.put("site", siteId);
        }
        Set<Long> scope = user.siteScope();
        if (scope != null) {
            where.append(" and c.siteId in :scope");
            params.put("scope", scope.isEmpty() ? Set.of(-1L) : scope);
        }
        TypedQuery<Component> query = em.createQuery(
                "select c from Component c join fetch c.part left join fetch c.miner" + where + " order by c.serial",
                Component.class);
        TypedQuery<Long> count = em.createQuery("select count(c) from Component c" + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<ComponentView> items = query.setFirstResult(paging.offset()).setMaxResults(paging.size())
                .getResultList().stream().map(ComponentView::of).toList();
        return new Page<>(items, count.getSingleResult());
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
