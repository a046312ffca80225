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
 * <p>The ended sessions are known in memory: each instance loads them once and then hears of every one
 * recorded by any instance through PostgreSQL's LISTEN/NOTIFY (a trigger on {@code ended_session},
 * R__ended_session.sql, notifies at commit), on one connection of its own; a request asks the database
 * nothing (the write benchmark's profile had the per-request read at 5-8% of the workers' time). While
 * that connection is down (a lost database) every authenticated request with a sid reads its row by
 * primary key, as before, until the instance listens again and has loaded the table anew. Records are
 * dropped once no token of the session can still be valid ({@code rigtrail.sessions.ended-kept}).
 */
@ApplicationScoped
public class EndedSessions implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(EndedSessions.class);

    @Inject
    EntityManager em;

    @Inject
    SessionsConfig config;

    /** The channel ended_session's trigger notifies (R__ended_session.sql): the sid and when it ended. */
    static final String CHANNEL = "rigtrail_ended_session";

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** Ended here, or recorded by any instance and heard of: refused without asking the database (sid -> when). */
    private final Map<String, Instant> local = new ConcurrentHashMap<>();

    /** Whether {@link #local} holds every recorded end (the listening connection is up and the table was loaded). */
    private volatile boolean listening;
    private final java.util.concurrent.atomic.AtomicBoolean listenerStarted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopped;

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
        listen();
        if (listening) {
            return Uni.createFrom().item(identity); // every recorded end is known here
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

    /** Whether this instance knows of the end without asking the database (tests). */
    boolean knownEnded(String sid) {
        return local.containsKey(sid);
    }

    /** Whether every recorded end is known in memory (tests). */
    boolean listening() {
        return listening;
    }

    /** Starts listening for the ends recorded by any instance, once (on the first request with a sid). */
    void listen() {
        if (listenerStarted.compareAndSet(false, true)) {
            Thread t = new Thread(this::listenLoop, "ended-sessions-listener");
            t.setDaemon(true);
            t.start();
        }
    }

    private void listenLoop() {
        long failures = 0;
        while (!stopped) {
            try (java.sql.Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("listen " + CHANNEL);
                    // loaded after LISTEN: an end recorded meanwhile is in the table or notified, or both
                    try (java.sql.ResultSet rs = st.executeQuery("select sid, ended_at from ended_session")) {
                        while (rs.next()) {
                            local.putIfAbsent(rs.getString(1), rs.getTimestamp(2).toInstant());
                        }
                    }
                }
                org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
                listening = true;
                if (failures > 0) {
                    LOG.infof("Listening for ended sessions again (%d ended sessions known)", local.size());
                }
                failures = 0;
                while (!stopped) {
                    org.postgresql.PGNotification[] heard = pg.getNotifications(10_000);
                    if (heard == null || heard.length == 0) {
                        try (java.sql.Statement st = c.createStatement()) {
                            st.execute("select 1"); // a lost connection shows here
                        }
                        continue;
                    }
                    for (org.postgresql.PGNotification n : heard) {
                        heard(n.getParameter());
                    }
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                listening = false;
                if (failures++ == 0 && !stopped) {
                    LOG.warnf("Not listening for ended sessions (%s): each request reads ended_session until it listens again",
                            e.toString());
                }
            }
            if (!stopped) {
                try {
                    Thread.sleep(Math.min(5_000, 250 * failures));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A notification's payload: the sid, a space, when it ended (epoch seconds). */
    void heard(String payload) {
        if (payload == null || payload.isBlank()) {
            return;
        }
        int space = payload.lastIndexOf(' ');
        Instant at = Instant.now();
        String sid = payload;
        if (space > 0) {
            sid = payload.substring(0, space);
            try {
                at = Instant.ofEpochMilli((long) (Double.parseDouble(payload.substring(space + 1)) * 1000));
            } catch (NumberFormatException e) {
                // keep now
            }
        }
        local.putIfAbsent(sid, at);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        stopped = true;
        listening = false;
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
