package app.rigtrail.repair;

import app.rigtrail.alerts.AlertsConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;


import app.rigtrail.alerts.AlertService;
import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.AlertRequest;
import app.rigtrail.platform.cluster.ClusterJobs;
import app.rigtrail.repair.domain.RmaPolicy;
import io.quarkus.scheduler.Scheduled;

/**
 * Open tickets whose failed part's dead-on-arrival window closes within
 * {@code rigtrail.alerts.doa-warning-days} (3) with no RMA case opened for it, found by looking once
 * per period across replicas: one alert per ticket. Repair raises it through alerts (#13 item 2:
 * alerts depends on no feature that raises alerts).
 */
@ApplicationScoped
public class DoaWindowAlerts {

    @Inject
    ClusterJobs cluster;

    @Inject
    AlertService alerts;

    @Inject
    EntityManager em;

    @Inject
    AlertsConfig config;

    @Scheduled(every = "1m", delayed = "45s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        cluster.tick("doa-window-alerts", Duration.ofHours(1), () -> doaWindows(LocalDate.now(ZoneOffset.UTC)));
    }

    /** Returns how many alerts it raised. */
    @Transactional
    public int doaWindows(LocalDate today) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.site_id, s.code, m.asset_code, m.installed_at::date, min(p.part_number)
                from repair_ticket t join miner m on m.id = t.miner_id join site s on s.id = t.site_id
                join ticket_failed_component f on f.ticket_id = t.id join component c on c.id = f.component_id
                join part p on p.id = c.part_id
                where repair_ticket_is_open(t.state) and m.installed_at is not null
                  and m.installed_at >= cast(?1 as date) - ?2
                  and not exists (select 1 from rma_case r where r.ticket_id = t.id)
                group by t.id, t.site_id, s.code, m.asset_code, m.installed_at""")
                .setParameter(1, today).setParameter(2, RmaPolicy.DOA_DAYS).getResultList();
        int raised = 0;
        for (Object[] r : rows) {
            LocalDate installed = r[4] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[4];
            LocalDate closes = RmaPolicy.doaWindowClosesOn(installed);
            long left = java.time.temporal.ChronoUnit.DAYS.between(today, closes);
            if (left < 0 || left > config.doaWarningDays()) {
                continue;
            }
            long ticket = ((Number) r[0]).longValue();
            String title = "Ticket #" + ticket + " at " + r[2] + ": dead-on-arrival claim window closes " + closes;
            String detail = "Miner " + r[3] + " was installed on " + installed + "; a dead-on-arrival claim for its failed "
                    + r[5] + " must be opened by " + closes + " (" + left + (left == 1 ? " day" : " days")
                    + " left). Open the RMA case from the ticket.";
            raised += alerts.raise(new AlertRequest(AlertKind.DOA_WINDOW_CLOSING, "doa:ticket:" + ticket,
                    ((Number) r[1]).longValue(), title, detail, "/tickets/" + ticket), AlertService.SYSTEM).isPresent() ? 1 : 0;
        }
        return raised;
    }
}
