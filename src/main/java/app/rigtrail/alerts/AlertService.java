package app.rigtrail.alerts;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.AlertRequest;
import app.rigtrail.alerts.domain.Recipients;
import app.rigtrail.alerts.domain.WebhookSignature;
import app.rigtrail.platform.audit.AuditTrail;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Alerts: raised once per kind and subject (by a job, or by any feature through the
 * {@link AlertRequest} CDI event, in that feature's transaction), with their deliveries queued in
 * the same transaction; acknowledged by users (an appended event); users' mail choices per site
 * and kind; admins' webhooks.
 */
@ApplicationScoped
public class AlertService {

    public static final String SYSTEM = "system";

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false")
    boolean mockMail;

    @ConfigProperty(name = "quarkus.mailer.host")
    Optional<String> mailHost;

    /** Whether alerts are mailed at all: a mail server is configured (or the mock mailer in dev and tests). */
    public boolean mailEnabled() {
        return mockMail || mailHost.filter(h -> !h.isBlank()).isPresent();
    }

    /** A feature asked for an alert: raised in its transaction (or a new one when it has none). */
    @Transactional
    void onRequest(@Observes AlertRequest request) {
        raise(request, SYSTEM);
    }

    /** Raises the alert unless one of this kind and subject exists; returns its id if it is new. */
    @Transactional
    public Optional<Long> raise(AlertRequest r, String by) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("insert into alert (kind, subject_key, site_id, title, detail, link, "
                + "raised_at, raised_by) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (kind, subject_key) "
                + "do nothing returning id").setParameter(1, r.kind().name()).setParameter(2, r.subjectKey())
                .setParameter(3, r.siteId()).setParameter(4, r.title()).setParameter(5, r.detail())
                .setParameter(6, r.link()).setParameter(7, Instant.now()).setParameter(8, by)
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.get(0).longValue();
        event(id, by, AlertEvent.RAISED, null);
        queueDeliveries(id, r.kind(), r.siteId());
        registry.counter("rigtrail.alerts.raised", "kind", r.kind().name()).increment();
        return Optional.of(id);
    }

    private void queueDeliveries(long alertId, AlertKind kind, Long siteId) {
        if (mailEnabled()) {
            for (String email : recipients(kind, siteId)) {
                queue(alertId, "EMAIL", email, null);
            }
        }
        List<AlertWebhook> hooks = AlertWebhook.list("active = true");
        for (AlertWebhook h : hooks) {
            if (h.kindList().contains(kind) && (h.siteId == null || h.siteId.equals(siteId))) {
                queue(alertId, "WEBHOOK", "webhook:" + h.id, h.id);
            }
        }
    }

    private void queue(long alertId, String channel, String target, Long webhookId) {
        em.createNativeQuery("insert into alert_delivery (id, alert_id, channel, target, webhook_id, state, "
                + "next_attempt_at) values (?1, ?2, ?3, ?4, ?5, 'PENDING', now()) on conflict do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, alertId).setParameter(3, channel)
                .setParameter(4, target).setParameter(5, webhookId)
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT).executeUpdate();
    }

    /** The addresses to mail: subscriptions of the kind for the site or every site, of users who may see it. */
    List<String> recipients(AlertKind kind, Long siteId) {
        List<Recipients.Subscription> subs = new ArrayList<>();
        for (AlertSubscription s : AlertSubscription.<AlertSubscription>list("kind", kind)) {
            subs.add(new Recipients.Subscription(s.username, s.email, s.kind, s.siteId));
        }
        if (subs.isEmpty()) {
            return List.of();
        }
        Set<String> users = new HashSet<>();
        subs.forEach(s -> users.add(s.username()));
        Map<String, Set<Long>> sitesOf = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> assigned = em.createNativeQuery("select username, site_id from user_site where username in (:u)")
                .setParameter("u", users).getResultList();
        for (Object[] a : assigned) {
            sitesOf.computeIfAbsent((String) a[0], k -> new HashSet<>()).add(((Number) a[1]).longValue());
        }
        Set<String> unrestricted = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<Object[]> known = em.createNativeQuery("select username, roles from known_user where username in (:u)")
                .setParameter("u", users).getResultList();
        for (Object[] k : known) {
            if (Roles.seesAllSites(List.of(((String) k[1]).split(",")))) {
                unrestricted.add((String) k[0]);
            }
        }
        return Recipients.emails(kind, siteId, subs, sitesOf, unrestricted);
    }

    private void event(long alertId, String actor, String action, String note) {
        AlertEvent e = new AlertEvent();
        e.alertId = alertId;
        e.at = Instant.now();
        e.actor = actor;
        e.action = action;
        e.note = note;
        em.persist(e);
    }

    /** One alert as a user sees it. */
    public record AlertView(long id, AlertKind kind, String kindLabel, Long siteId, String site, String title,
            String detail, String link, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt,
            String acknowledgementNote, Map<String, Long> deliveries) {
        public boolean acknowledged() {
            return acknowledgedBy != null;
        }
    }

    /** Alerts the user may see, newest first: their sites' (and site-less ones), filtered by kind and openness. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AlertView> list(CurrentUser user, AlertKind kind, Long siteId, boolean openOnly, int limit, int offset) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        Set<Long> scope = user.siteScope();
        if (scope != null) {
            if (scope.isEmpty()) {
                where.append(" and a.site_id is null");
            } else {
                where.append(" and (a.site_id is null or a.site_id in (:scope))");
                params.put("scope", scope);
            }
        }
        if (kind != null) {
            where.append(" and a.kind = :kind");
            params.put("kind", kind.name());
        }
        if (siteId != null) {
            where.append(" and a.site_id = :site");
            params.put("site", siteId);
        }
        if (openOnly) {
            where.append(" and ack.actor is null");
        }
        var q = em.createNativeQuery("""
                select a.id, a.kind, a.site_id, s.code, a.title, a.detail, a.link, a.raised_at, ack.actor, ack.at, ack.note,
                       (select string_agg(d.channel || ':' || d.state || ':' || cnt, ',') from (select channel, state,
                          count(*) cnt from alert_delivery where alert_id = a.id group by channel, state) d)
                from alert a left join site s on s.id = a.site_id
                left join lateral (select e.actor, e.at, e.note from alert_event e where e.alert_id = a.id
                                   and e.action = 'ACKNOWLEDGED' order by e.id limit 1) ack on true""" + where
                + " order by a.raised_at desc, a.id desc limit " + Math.max(1, Math.min(limit, 500)) + " offset "
                + Math.max(0, offset));
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<AlertView> out = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Long> deliveries = new java.util.TreeMap<>();
            if (r[11] != null) {
                for (String part : ((String) r[11]).split(",")) {
                    String[] p = part.split(":");
                    deliveries.put(p[0] + " " + p[1], Long.parseLong(p[2]));
                }
            }
            AlertKind k = AlertKind.valueOf((String) r[1]);
            out.add(new AlertView(((Number) r[0]).longValue(), k, k.label(), r[2] == null ? null : ((Number) r[2]).longValue(),
                    (String) r[3], (String) r[4], (String) r[5], (String) r[6], instant(r[7]), (String) r[8], instant(r[9]),
                    (String) r[10], deliveries));
        }
        return out;
    }

    /** A timestamp as a native query returns it. */
    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected time " + o.getClass());
    }

    /** The alert, if this user may see it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Alert visible(long id, CurrentUser user) {
        Alert a = Alert.findById(id);
        if (a == null || (a.siteId != null && !user.canSeeSite(a.siteId))) {
            throw ProblemException.notFound("Alert", id);
        }
        return a;
    }

    /**
     * Acknowledges: who and when (and an optional note) are appended. Acknowledging twice keeps the
     * first acknowledgement (a retried request, or a second person, changes nothing).
     */
    @Transactional
    public AlertView acknowledge(long id, CurrentUser user, String note) {
        Alert a = visible(id, user);
        if (note != null && note.length() > 500) {
            throw ProblemException.invalid("The note is too long", List.of(new FieldViolation("note", "at most 500 characters")));
        }
        // one acknowledgement at a time per alert; a lock of its own, since alert rows are history and the app's
        // role may not lock them FOR UPDATE (that needs the UPDATE privilege it does not have, #16 item 7)
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended('rigtrail.alert-ack', ?1))) l")
                .setParameter(1, a.id).getSingleResult();
        Long acked = em.createQuery("select count(e) from AlertEvent e where e.alertId = :a and e.action = :ack", Long.class)
                .setParameter("a", a.id).setParameter("ack", AlertEvent.ACKNOWLEDGED).getSingleResult();
        if (acked == 0) {
            event(a.id, user.name(), AlertEvent.ACKNOWLEDGED, note == null || note.isBlank() ? null : note.trim());
            em.flush();
        }
        return list(user, null, null, false, 500, 0).stream().filter(v -> v.id() == id).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Alert", id));
    }

    // --- users' choices --------------------------------------------------------------------------

    /** A user's mail choices: the address and the (kind, site) pairs; site null means every site. */
    public record Choices(String email, List<Choice> choices) {
    }

    public record Choice(AlertKind kind, Long siteId) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Choices choices(String username) {
        List<AlertSubscription> subs = AlertSubscription.list("username = ?1 order by kind, siteId", username);
        String email = subs.isEmpty() ? null : subs.get(0).email;
        return new Choices(email, subs.stream().map(s -> new Choice(s.kind, s.siteId)).toList());
    }

    /**
     * Replaces the user's choices. A technician may only choose their own sites (and "every site"
     * means their sites); the address must look like one. The change is on the audit trail.
     */
    @Transactional
    public Choices choose(CurrentUser user, String email, List<Choice> choices) {
        List<FieldViolation> bad = new ArrayList<>();
        List<Choice> wanted = choices == null ? List.of() : choices;
        if (!wanted.isEmpty() && !Recipients.plausibleEmail(email)) {
            bad.add(new FieldViolation("email", "an e-mail address is needed, like name@example.com"));
        }
        for (int i = 0; i < wanted.size(); i++) {
            Choice c = wanted.get(i);
            if (c == null || c.kind() == null) {
                bad.add(new FieldViolation("choices[" + i + "].kind", "choose one of " + List.of(AlertKind.values())));
            } else if (c.siteId() != null && em.find(app.rigtrail.fleet.Site.class, c.siteId()) == null) {
                bad.add(new FieldViolation("choices[" + i + "].siteId", "no such site"));
            } else if (c.siteId() != null && !user.canSeeSite(c.siteId())) {
                bad.add(new FieldViolation("choices[" + i + "].siteId", "not one of your sites"));
            }
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("These alert choices cannot be saved", bad);
        }
        Choices before = choices(user.name());
        Set<Choice> unique = new java.util.LinkedHashSet<>(wanted);
        AlertSubscription.delete("username", user.name());
        em.flush();
        Instant now = Instant.now();
        for (Choice c : unique) {
            AlertSubscription s = new AlertSubscription();
            s.username = user.name();
            s.email = email.trim();
            s.kind = c.kind();
            s.siteId = c.siteId();
            s.createdAt = now;
            em.persist(s);
        }
        em.flush();
        Choices after = choices(user.name());
        audit.record("alert_subscription", null, "choose", before, after, "alert choices of " + user.name());
        return after;
    }

    // --- webhooks (admins) ------------------------------------------------------------------------

    /** A webhook as shown: the secret only right after it was made or rotated. */
    public record WebhookView(long id, String name, String url, List<AlertKind> kinds, Long siteId, boolean active,
            String createdBy, Instant createdAt, int version, String secret) {
        static WebhookView of(AlertWebhook w, boolean withSecret) {
            return new WebhookView(w.id, w.name, w.url, w.kindList(), w.siteId, w.active, w.createdBy, w.createdAt,
                    w.version, withSecret ? w.secret : null);
        }
    }

    public record WebhookInput(String name, String url, List<AlertKind> kinds, Long siteId, Boolean active) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookView> webhooks() {
        return AlertWebhook.<AlertWebhook>list("order by id").stream().map(w -> WebhookView.of(w, false)).toList();
    }

    @Transactional
    public WebhookView createWebhook(WebhookInput in, String by) {
        List<FieldViolation> bad = validate(in, true);
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("This webhook cannot be saved", bad);
        }
        AlertWebhook w = new AlertWebhook();
        w.name = in.name().trim();
        w.url = in.url().trim();
        w.kinds = String.join(",", new TreeSet<>(in.kinds().stream().map(Enum::name).toList()));
        w.siteId = in.siteId();
        w.active = in.active() == null || in.active();
        w.secret = WebhookSignature.newSecret();
        w.createdBy = by;
        w.createdAt = Instant.now();
        em.persist(w);
        em.flush();
        audit.record("alert_webhook", w.id, "create", null, WebhookView.of(w, false), "webhook " + w.name);
        return WebhookView.of(w, true);
    }

    /** Turns a webhook on or off, or gives it a new secret (returned once). */
    @Transactional
    public WebhookView changeWebhook(long id, Boolean active, boolean rotateSecret, String by) {
        AlertWebhook w = AlertWebhook.findById(id);
        if (w == null) {
            throw ProblemException.notFound("Webhook", id);
        }
        WebhookView before = WebhookView.of(w, false);
        if (active != null) {
            w.active = active;
        }
        if (rotateSecret) {
            w.secret = WebhookSignature.newSecret();
        }
        em.flush();
        audit.record("alert_webhook", w.id, rotateSecret ? "rotate secret" : "change", before, WebhookView.of(w, false),
                "by " + by);
        return WebhookView.of(w, rotateSecret);
    }

    private List<FieldViolation> validate(WebhookInput in, boolean creating) {
        List<FieldViolation> bad = new ArrayList<>();
        if (in == null) {
            return List.of(new FieldViolation("body", "a webhook needs name, url and kinds"));
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 120) {
            bad.add(new FieldViolation("name", "1 to 120 characters"));
        }
        if (!httpUrl(in.url())) {
            bad.add(new FieldViolation("url", "an http or https URL, at most 500 characters"));
        }
        if (in.kinds() == null || in.kinds().isEmpty() || in.kinds().contains(null)) {
            bad.add(new FieldViolation("kinds", "at least one of " + List.of(AlertKind.values())));
        }
        if (in.siteId() != null && em.find(app.rigtrail.fleet.Site.class, in.siteId()) == null) {
            bad.add(new FieldViolation("siteId", "no such site"));
        }
        return bad;
    }

    static boolean httpUrl(String url) {
        if (url == null || url.length() > 500) {
            return false;
        }
        try {
            URI u = new URI(url.trim());
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
