package app.rigtrail.fleet;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import app.rigtrail.platform.security.SiteDirectory;

/** The sites for platform's technician assignments (#13 item 2). */
@ApplicationScoped
public class FleetSiteDirectory implements SiteDirectory {

    @Inject
    EntityManager em;

    @Override
    public boolean exists(long siteId) {
        return em.find(Site.class, siteId) != null;
    }

    @Override
    public Map<Long, String> codes(Collection<Long> siteIds) {
        Map<Long, String> out = new HashMap<>();
        if (siteIds.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("select s.id, s.code from Site s where s.id in :ids", Object[].class)
                .setParameter("ids", siteIds).getResultList()) {
            out.put((Long) r[0], (String) r[1]);
        }
        return out;
    }
}
