package app.rigtrail.logistics;

import app.rigtrail.alerts.AlertsConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;


import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.AlertRequest;
import app.rigtrail.dwell.DwellService;
import app.rigtrail.logistics.domain.CustomsClocks;
import app.rigtrail.platform.cluster.ClusterJobs;
import io.quarkus.scheduler.Scheduled;

/**
 * Raises an alert, once, when an open hold passes a legal clock or its last free day. Runs once
 * every {@code rigtrail.alerts.hold-check-period} (15 minutes) across all replicas (each ticks
 * every {@code rigtrail.alerts.hold-check-every}, a minute; {@link ClusterJobs} lets one of them
 * run the period); alerts are kept as records (append-only), one per hold and clock. CI's
 * end-to-end stage shortens both to see many periods contended by two replicas.
 */
@ApplicationScoped
public class HoldAlertJob {

    @Inject
    AlertsConfig config;

    @Inject
    EntityManager em;

    @Inject
    ClusterJobs cluster;

    @Inject
    Event<AlertRequest> alerts;

    @Scheduled(every = "${rigtrail.alerts.hold-check-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        cluster.tick("hold-alerts", config.holdCheckPeriod(), () -> check(DwellService.today()));
    }

    /** Returns how many new alerts were raised. */
    @Transactional
    public int check(LocalDate today) {
        // read-only, and the inserts do not flush: with tens of thousands of open holds a flush before
        // every insert would dirty-check them all each time
        List<CustomsHold> open = em.createQuery("select h from CustomsHold h join fetch h.port where h.outcome is null",
                CustomsHold.class).setHint("org.hibernate.readOnly", true).getResultList();
        int raised = 0;
        for (CustomsHold h : open) {
            CustomsClocks c = h.clocks();
            if (h.kind.boundByCbpClocks()) {
                if (today.isAfter(c.releaseBy())) {
                    raised += raise(h, "RELEASE_CLOCK", h.label() + " at " + h.port.code + ": not released within 5 business days"
                            + " of presentation (due " + c.releaseBy() + ")");
                }
                if (today.isAfter(c.noticeBy()) && h.detentionNoticeOn == null) {
                    raised += raise(h, "NOTICE_CLOCK", h.label() + " at " + h.port.code + ": no notice of detention by "
                            + c.noticeBy());
                }
                if (!today.isBefore(c.deemedExclusionOn())) {
                    raised += raise(h, "DEEMED_EXCLUSION", h.label() + " at " + h.port.code + ": 30 days without a decision"
                            + " on " + c.deemedExclusionOn() + ": deemed excluded, a protest can be filed");
                }
            }
            if (c.pastLastFreeDay(today)) {
                raised += raise(h, "LAST_FREE_DAY", h.label() + " at " + h.port.code + ": past its last free day "
                        + h.lastFreeDay + "; storage fees are running");
            }
        }
        return raised;
    }

    private int raise(CustomsHold h, String kind, String message) {
        int inserted = em.createNativeQuery("insert into hold_alert (hold_id, kind, raised_at, message) values (?1, ?2, ?3, ?4) "
                + "on conflict (hold_id, kind) do nothing").setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                .setParameter(1, h.id).setParameter(2, kind)
                .setParameter(3, Instant.now()).setParameter(4, message).executeUpdate();
        if (inserted > 0) {
            // people hear of it: mail and webhooks per their choices (alerts/)
            Long site = h.shipment.site == null ? null : h.shipment.site.id;
            alerts.fire(new AlertRequest(AlertKind.valueOf(kind), "hold:" + h.id, site, message, message + ". Entry "
                    + h.entryNumber + ", " + h.units + " units, " + h.kind.label() + ".", "/holds"));
        }
        return inserted;
    }
}
