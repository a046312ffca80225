package app.rigtrail.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * The users the identity provider has shown us: each signed-in user is recorded (name, roles, first
 * and last seen) so that an admin assigns sites only to people who exist, picked from a list, not
 * typed blind. A user is written at most once per ten minutes per app instance.
 */
@ApplicationScoped
public class KnownUsers implements SecurityIdentityAugmentor {

    static final Duration REFRESH = Duration.ofMinutes(10);

    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    public record KnownUser(String username, String roles, Instant lastSeen) {
        public boolean technician() {
            return List.of(roles.split(",")).contains(Roles.TECHNICIAN);
        }
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        String name = identity.getPrincipal().getName();
        Instant last = recorded.get(name);
        Instant now = Instant.now();
        if (last != null && last.plus(REFRESH).isAfter(now)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            try {
                record(name, String.join(",", new TreeSet<>(identity.getRoles())), now);
            } catch (RuntimeException e) {
                if (!app.rigtrail.platform.web.DatabaseOutage.isOutage(e)) {
                    throw e;
                }
                // the database is away: the request goes on (and answers 503 where it needs the database); the user
                // is recorded on a later request
            }
            return identity;
        });
    }

    void record(String name, String roles, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into known_user (username, roles, first_seen, last_seen) values (?1, ?2, ?3, ?3)
                on conflict (username) do update set roles = excluded.roles, last_seen = excluded.last_seen""")
                .setParameter(1, name).setParameter(2, roles).setParameter(3, now).executeUpdate());
        recorded.put(name, now);
    }

    /** Everyone seen so far, by name. */
    public List<KnownUser> all() {
        return em.createQuery("select u.username, u.roles, u.lastSeen from KnownUserRow u order by u.username",
                Object[].class).getResultList().stream()
                .map(r -> new KnownUser((String) r[0], (String) r[1], (Instant) r[2])).toList();
    }

    public boolean isKnown(String username) {
        return em.createQuery("select count(u) from KnownUserRow u where u.username = :u", Long.class)
                .setParameter("u", username).getSingleResult() > 0;
    }
}
