package app.rigtrail.platform.security;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is asking, and which sites they may see. Logistics, managers and admins see every site; a
 * user who is only a technician sees the sites assigned to them in {@code user_site}.
 */
@RequestScoped
@jakarta.inject.Named("currentUser")
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    @Inject
    EntityManager em;

    private Set<Long> sites;

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** For templates: {inject:currentUser.admin}. */
    public boolean getAdmin() {
        return isAdmin();
    }

    /** For templates: may open and work repair tickets. */
    /** Managers (and admins) plan: forecasts and scenarios. */
    public boolean getManager() {
        return has(Roles.MANAGER) || isAdmin();
    }

    public boolean getCanRepair() {
        return has(Roles.TECHNICIAN) || has(Roles.ADMIN);
    }

    public String getName() {
        return name();
    }

    public String getRoleNames() {
        return String.join(", ", new TreeSet<>(identity.getRoles()));
    }

    /** True when this user is confined to assigned sites. */
    public boolean siteRestricted() {
        return !Roles.seesAllSites(identity.getRoles());
    }

    /** The assigned sites; meaningful only when {@link #siteRestricted()}. */
    public Set<Long> assignedSites() {
        if (sites == null) {
            List<Long> ids = em.createQuery("select u.siteId from UserSite u where u.username = :u", Long.class)
                    .setParameter("u", name()).getResultList();
            sites = new TreeSet<>(ids);
        }
        return sites;
    }

    public boolean canSeeSite(Long siteId) {
        return !siteRestricted() || (siteId != null && assignedSites().contains(siteId));
    }

    /** Refuses with 403 (problem+json on the API) when the site is not this user's. */
    public void requireSite(Long siteId) {
        if (!canSeeSite(siteId)) {
            throw new SiteAccessDenied(name());
        }
    }

    /** The sites a query must be limited to, or null for no limit. */
    public Set<Long> siteScope() {
        return siteRestricted() ? assignedSites() : null;
    }
}
