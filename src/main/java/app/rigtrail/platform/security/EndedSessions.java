package app.rigtrail.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Logout ends the session on the server (issue #16 item 4). The identity provider's session id (the
 * {@code sid} claim of the ID and access tokens) of a session that ended is recorded in
 * {@code ended_session}; a request whose tokens carry a recorded sid is refused (a page goes back to
 * the login, the API answers 401), so a session cookie replayed after logout opens nothing, on any
 * replica, until its tokens expire and beyond.
 *
 * <p>A session ends when the user logs out here ({@code /logout}, Quarkus' RP-initiated logout) or
 * when the provider says so on the back channel ({@code /back-channel-logout}: a logout token
 * Quarkus has verified, e.g. the user logged out at Keycloak or an admin ended the session). The
 * instance that hears of it refuses the session at once (kept in memory) and writes the record for
 * the others a moment later (a worker thread: the events come on the event loop).
 *
 * <p>Every authenticated request with a sid reads one row by primary key. Records are dropped once
 * no token of the session can still be valid ({@code rigtrail.sessions.ended-kept}).
 */
@ApplicationScoped
public class EndedSessions implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(EndedSessions.class);

    @Inject
    EntityManager em;

    @Inject
    SessionsConfig config;

    /** Ended here: refused without asking the database (sid -> when). */
    private final Map<String, Instant> local = new ConcurrentHashMap<>();

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ended-sessions");
        t.setDaemon(true);
        return t;
    });

    @Override
    public int priority() {
        // before KnownUsers and anything else that would act for the identity
        return 100;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        String sid = sid(identity);
        if (sid == null) {
            return Uni.createFrom().item(identity);
        }
        if (local.containsKey(sid)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the session has ended"));
        }
        if (identity.getAttribute(io.vertx.ext.web.RoutingContext.class.getName()) instanceof io.vertx.ext.web.RoutingContext rc
                && asset(rc.normalizedPath())) {
            // scripts, styles and health probes hold no one's data: no database read for them
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (endedInDatabase(sid)) {
                local.put(sid, Instant.now());
                throw new AuthenticationFailedException("the session has ended");
            }
            return identity;
        });
    }

    /** Whether the session was ended (here or by another replica). */
    public boolean ended(String sid) {
        return local.containsKey(sid) || endedInDatabase(sid);
    }

    boolean endedInDatabase(String sid) {
        return QuarkusTransaction.joiningExisting().call(() -> !em.createNativeQuery(
                "select 1 from ended_session where sid = ?1").setParameter(1, sid).getResultList().isEmpty());
    }

    void observe(@Observes SecurityEvent event) {
        switch (event.getEventType()) {
            case OIDC_LOGOUT_RP_INITIATED, OIDC_LOGOUT_RP_INITIATED_SESSION_EXPIRED -> {
                String sid = event.getSecurityIdentity() == null ? null : sid(event.getSecurityIdentity());
                end(sid, "LOGOUT");
            }
            case OIDC_BACKCHANNEL_LOGOUT_INITIATED -> {
                end(sidOfLogoutToken(event.getEventProperties().get("logout_token")), "BACK_CHANNEL");
            }
            default -> {
                // logins and refreshes change nothing here
            }
        }
    }

    /** Ends the session: refused here at once, recorded for the other replicas. */
    public void end(String sid, String how) {
        if (sid == null || sid.isBlank()) {
            return;
        }
        Instant now = Instant.now();
        local.put(sid, now);
        writer.execute(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into ended_session (sid, ended_at, how) values (?1, ?2, ?3)
                        on conflict (sid) do nothing""").setParameter(1, sid).setParameter(2, now)
                        .setParameter(3, how).executeUpdate());
                LOG.debugf("Session %s ended (%s)", sid, how);
            } catch (RuntimeException e) {
                LOG.warnf("Could not record the end of a session (%s): it is refused on this instance only", e.toString());
            }
        });
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOld() {
        Instant before = Instant.now().minus(config.endedKept());
        local.values().removeIf(at -> at.isBefore(before));
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "delete from ended_session where ended_at < ?1").setParameter(1, before).executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf("Old ended sessions not dropped now: %s", e.toString());
        }
    }

    static boolean asset(String path) {
        return path != null && (path.startsWith("/static/") || path.startsWith("/webjars/") || path.startsWith("/q/")
                || path.equals("/favicon.ico") || path.equals("/sw.js"));
    }

    /** The provider's session id of this identity's tokens, if they carry one. */
    static String sid(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object sid = jwt.getClaim("sid");
            if (sid != null) {
                return sid.toString().replace("\"", "");
            }
        }
        return null;
    }

    /**
     * The sid of the logout token Quarkus verified: the event carries its verification result (the token's claims
     * in a package-private field of io.quarkus.oidc.runtime.TokenVerificationResult, read reflectively) or, in
     * other versions, the encoded token.
     */
    static String sidOfLogoutToken(Object token) {
        if (token == null) {
            return null;
        }
        if (token instanceof String encoded) {
            return claim(encoded, "sid");
        }
        if (token instanceof JsonObject claims) {
            return claims.getString("sid");
        }
        for (Class<?> c = token.getClass(); c != null; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field f = c.getDeclaredField("localVerificationResult");
                f.setAccessible(true);
                return f.get(token) instanceof JsonObject claims ? claims.getString("sid") : null;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warnf("The back-channel logout's session id could not be read (%s)", e.toString());
                return null;
            }
        }
        LOG.warnf("The back-channel logout event carries no session id this version understands (%s)",
                token.getClass().getName());
        return null;
    }

    /** A claim of a JWT whose signature Quarkus has already checked. */
    static String claim(String jwt, String name) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.getString(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
