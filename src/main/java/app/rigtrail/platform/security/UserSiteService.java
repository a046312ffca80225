package app.rigtrail.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.platform.audit.AuditTrail;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/** Which sites each technician works at: stored by user name, edited by admins, audited. */
@ApplicationScoped
public class UserSiteService {

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    KnownUsers knownUsers;

    @Inject
    SiteDirectory sites;

    /** User name to site codes. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, List<String>> assignments() {
        Map<String, List<String>> result = new TreeMap<>();
        List<Object[]> rows = em.createQuery("select u.username, u.siteId from UserSite u", Object[].class).getResultList();
        Map<Long, String> codes = sites.codes(rows.stream().map(r -> (Long) r[1]).distinct().toList());
        for (Object[] r : rows) {
            String code = codes.get((Long) r[1]);
            if (code != null) {
                result.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(code);
            }
        }
        result.values().forEach(java.util.Collections::sort);
        return result;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> sitesOf(String username) {
        return em.createQuery("select u.siteId from UserSite u where u.username = :u order by u.siteId", Long.class)
                .setParameter("u", username).getResultList();
    }

    /**
     * Adds and removes sites for a user, leaving the others as they are (two admins editing one
     * technician at once do not undo each other). Refuses a user nobody has seen sign in.
     */
    @Transactional
    public List<Long> change(String username, List<Long> add, List<Long> remove) {
        List<Long> before = sitesOf(username);
        if (before.isEmpty() && !knownUsers.isKnown(username)) {
            throw ProblemException.invalid("Nobody called '" + username + "' has signed in to Rigtrail yet: ask them"
                    + " to sign in once, then assign their sites",
                    List.of(new FieldViolation("username", "Unknown user " + username)));
        }
        for (Long id : add) {
            if (!sites.exists(id)) {
                throw ProblemException.invalid("Unknown site", List.of(new FieldViolation("siteIds", "no site " + id)));
            }
        }
        for (Long id : add.stream().distinct().toList()) {
            em.createNativeQuery("insert into user_site (username, site_id) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, username).setParameter(2, id).executeUpdate();
        }
        if (!remove.isEmpty()) {
            em.createQuery("delete from UserSite u where u.username = :u and u.siteId in :ids")
                    .setParameter("u", username).setParameter("ids", remove).executeUpdate();
        }
        List<Long> after = sitesOf(username);
        if (!after.equals(before)) {
            audit.record("user_site", null, "changed sites of " + username, before, after, null);
        }
        return after;
    }

    /** Replaces the user's sites with these. */
    @Transactional
    public List<Long> assign(String username, List<Long> siteIds) {
        List<Long> distinct = siteIds.stream().distinct().sorted().toList();
        for (Long id : distinct) {
            if (!sites.exists(id)) {
                throw ProblemException.invalid("Unknown site", List.of(new FieldViolation("siteIds", "no site " + id)));
            }
        }
        List<Long> before = sitesOf(username);
        em.createQuery("delete from UserSite u where u.username = :u").setParameter("u", username).executeUpdate();
        for (Long id : distinct) {
            UserSite us = new UserSite();
            us.username = username;
            us.siteId = id;
            em.persist(us);
        }
        audit.record("user_site", null, "assigned " + username, before, distinct, null);
        return distinct;
    }
}
