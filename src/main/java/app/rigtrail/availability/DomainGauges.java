package app.rigtrail.availability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.logistics.domain.CustomsClocks;
import app.rigtrail.logistics.domain.HoldKind;
import app.rigtrail.platform.cluster.ClusterJobs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The figures an operator watches, as Prometheus gauges at /q/metrics, read from the database every
 * 30 s on each replica (so every replica reports the same values: aggregate with max, not sum):
 * open customs holds by clock standing, the repair backlog by stage, miners by status (units
 * down), background forecast runs by state, seconds since each cluster job last ran (job lag), and
 * alert deliveries waiting or given up. docs/operations.md shows a query for each.
 */
@ApplicationScoped
public class DomainGauges {

    private static final Logger LOG = Logger.getLogger(DomainGauges.class);

    @Inject
    EntityManager em;

    @Inject
    DashboardSnapshots snapshots;

    @Inject
    ClusterJobs jobs;

    @Inject
    MeterRegistry registry;

    private MultiGauge holds;
    private MultiGauge backlogStages;
    private MultiGauge miners;
    private MultiGauge runs;
    private MultiGauge jobLag;
    private MultiGauge deliveries;

    void onStart(@jakarta.enterprise.event.Observes StartupEvent e) {
        holds = MultiGauge.builder("rigtrail.holds.open").description("Open customs holds by clock standing")
                .register(registry);
        backlogStages = MultiGauge.builder("rigtrail.backlog.items").description("Open repair backlog items by stage")
                .register(registry);
        miners = MultiGauge.builder("rigtrail.miners").description("Miners by status (DOWN and IN_REPAIR: units down)")
                .register(registry);
        runs = MultiGauge.builder("rigtrail.forecast.runs.active").description("Background forecast runs queued or running")
                .register(registry);
        jobLag = MultiGauge.builder("rigtrail.job.seconds.since.last.run")
                .description("Seconds since a cluster job last finished a period").baseUnit("seconds").register(registry);
        deliveries = MultiGauge.builder("rigtrail.alert.deliveries").description("Alert deliveries waiting or given up")
                .register(registry);
    }

    @Scheduled(every = "30s", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            read();
        } catch (RuntimeException e) {
            LOG.warnf("reading the operations gauges failed (will retry): %s", e.getMessage());
        }
    }

    /** Reads every figure once (public for tests). */
    public void read() {
        LocalDate today = DwellService.today();
        QuarkusTransaction.requiringNew().run(() -> {
            Map<CustomsClocks.Standing, Integer> standing = new EnumMap<>(CustomsClocks.Standing.class);
            for (CustomsClocks.Standing s : CustomsClocks.Standing.values()) {
                if (s != CustomsClocks.Standing.CLOSED) {
                    standing.put(s, 0);
                }
            }
            for (Object[] h : rows("select presented_on, kind, detention_notice_on, decided_on, last_free_day "
                    + "from customs_hold where outcome is null")) {
                CustomsClocks c = new CustomsClocks(date(h[0]), HoldKind.valueOf((String) h[1]), date(h[2]), date(h[3]),
                        date(h[4]));
                standing.merge(c.standing(today), 1, Integer::sum);
            }
            holds.register(rowsOf(standing, "standing"), true);
            miners.register(counts("select status, count(*) from miner group by status", "status"), true);
            runs.register(counts("select state, count(*) from forecast_run where state in ('QUEUED', 'RUNNING') "
                    + "group by state", "state"), true);
            List<MultiGauge.Row<?>> d = new ArrayList<>();
            for (Object[] r : rows("select channel, state, count(*) from alert_delivery where state in ('PENDING', 'FAILED') "
                    + "group by channel, state")) {
                d.add(MultiGauge.Row.of(Tags.of("channel", (String) r[0], "state", (String) r[1]),
                        ((Number) r[2]).doubleValue()));
            }
            deliveries.register(d, true);
        });
        Map<String, Integer> stages = new TreeMap<>();
        for (BacklogCopy.Row r : snapshots.fresh().backlog().rows()) {
            stages.merge(r.stage(), 1, Integer::sum);
        }
        backlogStages.register(rowsOf(stages, "stage"), true);
        List<MultiGauge.Row<?>> lag = new ArrayList<>();
        jobs.secondsSinceLastRun().forEach((job, s) -> lag.add(MultiGauge.Row.of(Tags.of("job", job), s)));
        jobLag.register(lag, true);
    }

    private List<MultiGauge.Row<?>> counts(String sql, String tag) {
        List<MultiGauge.Row<?>> out = new ArrayList<>();
        for (Object[] r : rows(sql)) {
            out.add(MultiGauge.Row.of(Tags.of(tag, String.valueOf(r[0])), ((Number) r[1]).doubleValue()));
        }
        return out;
    }

    private static <K> List<MultiGauge.Row<?>> rowsOf(Map<K, Integer> counts, String tag) {
        List<MultiGauge.Row<?>> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(MultiGauge.Row.of(Tags.of(tag, k.toString()), n)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
