package app.rigtrail.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.RetrySchedule;
import app.rigtrail.alerts.domain.WebhookSignature;
import app.rigtrail.platform.cluster.Replica;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Works through the outbox of alert deliveries, on every replica: a batch of due deliveries is
 * claimed with {@code for update skip locked} and leased for two minutes (its next attempt pushed
 * out) in a short transaction, then sent outside any transaction, then the outcome recorded: sent,
 * retried later (RetrySchedule), or given up. A replica that dies mid-send leaves the lease to run
 * out and another replica sends again, with the same delivery id, which receivers use to drop the
 * duplicate (e-mails carry it as their Message-ID). Every attempt is appended to
 * alert_delivery_attempt.
 */
@ApplicationScoped
public class AlertDeliveries {

    private static final Logger LOG = Logger.getLogger(AlertDeliveries.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    public static final String DELIVERY_HEADER = "X-Rigtrail-Delivery";

    @Inject
    EntityManager em;

    @Inject
    Mailer mailer;

    @Inject
    ObjectMapper json;

    @Inject
    Replica replica;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "rigtrail.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    AlertsConfig config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile boolean stopping;

    /** A claimed delivery with what its message needs. */
    record Due(UUID id, String channel, String target, int attempts, long alertId, AlertKind kind, String title,
            String detail, String link, String site, Instant raisedAt, String url, String secret) {
    }

    @Scheduled(every = "${rigtrail.alerts.delivery-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        try {
            int n;
            do {
                n = deliverBatch();
            } while (n >= config.batch() && !stopping);
        } catch (RuntimeException e) {
            LOG.warnf("delivering alerts failed (the next run retries): %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent e) {
        stopping = true;
    }

    /** Claims, sends and records one batch; returns how many were claimed. */
    public int deliverBatch() {
        List<Due> due = claim();
        for (Due d : due) {
            Outcome o = send(d);
            record(d, o);
        }
        return due.size();
    }

    private List<Due> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    with claimed as (
                        update alert_delivery d set attempts = d.attempts + 1,
                               next_attempt_at = now() + cast(?1 as interval)
                        where d.id in (select id from alert_delivery where state = 'PENDING' and next_attempt_at <= now()
                                       order by next_attempt_at limit ?2 for update skip locked)
                        returning d.id, d.channel, d.target, d.attempts, d.alert_id, d.webhook_id)
                    select c.id, c.channel, c.target, c.attempts, a.id, a.kind, a.title, a.detail, a.link, s.code,
                           a.raised_at, w.url, w.secret
                    from claimed c join alert a on a.id = c.alert_id left join site s on s.id = a.site_id
                    left join alert_webhook w on w.id = c.webhook_id""")
                    .setParameter(1, LEASE.toSeconds() + " seconds").setParameter(2, config.batch()).getResultList();
            List<Due> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(new Due((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                        ((Number) r[4]).longValue(), AlertKind.valueOf((String) r[5]), (String) r[6], (String) r[7],
                        (String) r[8], (String) r[9], AlertService.instant(r[10]), (String) r[11], (String) r[12]));
            }
            return out;
        });
    }

    record Outcome(boolean sent, Integer status, String error) {
    }

    Outcome send(Due d) {
        try {
            return "EMAIL".equals(d.channel()) ? mail(d) : webhook(d);
        } catch (RuntimeException e) {
            return new Outcome(false, null, String.valueOf(e.getMessage()));
        }
    }

    private Outcome mail(Due d) {
        String link = d.link() == null ? "" : "\n\nOpen it: " + publicUrl.replaceAll("/+$", "") + d.link();
        String text = d.detail() + (d.site() == null ? "" : "\n\nSite: " + d.site()) + "\nRaised: " + d.raisedAt()
                + " (UTC)" + link + "\n\nYou get this because you chose \"" + d.kind().label()
                + "\" alerts in Rigtrail (Alerts, My alerts). Delivery " + d.id() + ".";
        Mail m = Mail.withText(d.target(), "[Rigtrail] " + d.kind().label() + ": " + d.title(), text)
                .addHeader(DELIVERY_HEADER, d.id().toString())
                .addHeader("Message-ID", "<" + d.id() + "@rigtrail>");
        mailer.send(m);
        return new Outcome(true, null, null);
    }

    /** The body a receiver gets, the same on every retry of the delivery. */
    byte[] body(Due d) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", d.alertId());
        alert.put("kind", d.kind().name());
        alert.put("kindLabel", d.kind().label());
        alert.put("title", d.title());
        alert.put("detail", d.detail());
        alert.put("site", d.site());
        alert.put("raisedAt", d.raisedAt().toString());
        alert.put("url", d.link() == null ? null : publicUrl.replaceAll("/+$", "") + d.link());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("deliveryId", d.id().toString());
        doc.put("alert", alert);
        try {
            return json.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome webhook(Due d) {
        if (d.url() == null) {
            return new Outcome(false, 410, "the webhook was removed");
        }
        byte[] body = body(d);
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("User-Agent", "Rigtrail-Webhooks/1")
                .header(DELIVERY_HEADER, d.id().toString()).header("X-Rigtrail-Event", d.kind().name())
                .header("X-Rigtrail-Attempt", Integer.toString(d.attempts()))
                .header(WebhookSignature.HEADER, WebhookSignature.sign(d.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() >= 200 && r.statusCode() < 300) {
                return new Outcome(true, r.statusCode(), null);
            }
            String answer = r.body() == null ? "" : r.body();
            return new Outcome(false, r.statusCode(), "answered " + r.statusCode()
                    + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))));
        } catch (java.io.IOException e) {
            return new Outcome(false, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted");
        }
    }

    private void record(Due d, Outcome o) {
        Optional<Duration> retry = o.sent() ? Optional.empty() : RetrySchedule.next(d.attempts(), o.status());
        String outcome = o.sent() ? "SENT" : retry.isPresent() ? "RETRY" : "FAILED";
        String error = o.error() == null ? null : o.error().substring(0, Math.min(500, o.error().length()));
        QuarkusTransaction.requiringNew().run(() -> {
            if (o.sent()) {
                em.createNativeQuery("update alert_delivery set state = 'SENT', sent_at = now(), last_error = null "
                        + "where id = ?1").setParameter(1, d.id()).executeUpdate();
            } else if (retry.isPresent()) {
                em.createNativeQuery("update alert_delivery set next_attempt_at = now() + cast(?2 as interval), "
                        + "last_error = ?3 where id = ?1").setParameter(1, d.id())
                        .setParameter(2, retry.get().toSeconds() + " seconds").setParameter(3, error).executeUpdate();
            } else {
                em.createNativeQuery("update alert_delivery set state = 'FAILED', last_error = ?2 where id = ?1")
                        .setParameter(1, d.id()).setParameter(2, error).executeUpdate();
            }
            em.createNativeQuery("insert into alert_delivery_attempt (delivery_id, at, instance, outcome, status_code, "
                    + "error) values (?1, now(), ?2, ?3, ?4, ?5)").setParameter(1, d.id()).setParameter(2, replica.id())
                    .setParameter(3, outcome).setParameter(4, o.status()).setParameter(5, error).executeUpdate();
        });
        registry.counter("rigtrail.alerts.deliveries", "channel", d.channel(), "outcome", outcome).increment();
        if (!o.sent()) {
            LOG.infof("alert delivery %s (%s) %s: %s", d.id(), d.channel(), outcome.toLowerCase(), error);
        }
    }
}
