package app.rigtrail.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The baseline read from the real database: the failure rate follows the ticket history as its Gamma posterior. */
@QuarkusTest
class ForecastInputsTest {

    @Inject
    ForecastInputs inputs;

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    static Map<String, Object> rate(ForecastInputs.Snapshot s, String key) {
        return (Map<String, Object>) ((Map<String, Object>) s.summary().get("rates")).get(key);
    }

    @Test
    void tenNewPsuFailuresMoveTheRateAsTheGammaPosteriorSays() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        ForecastInputs.Filter bitmain = new ForecastInputs.Filter(List.of(), List.of("BITMAIN"));
        ForecastInputs.Snapshot before = inputs.load(bitmain, today);
        Map<String, Object> r0 = rate(before, "BITMAIN PSU");
        long n0 = ((Number) r0.get("failuresSeen")).longValue();
        long installed = ((Number) r0.get("installed")).longValue();
        double years0 = (double) r0.get("observedYears");
        assertTrue(installed > 0 && years0 >= 0 && years0 <= 1);
        double prior = 0.02;
        assertEquals((2 + n0) / (2 / prior + installed * years0), (double) r0.get("failuresPerUnitYear"), 1e-12);

        // ten PSU failures on Bitmain machines, opened 40 days ago, and one from two years ago that no longer counts;
        // removed afterwards, so the repair tests still find machines without tickets
        List<Long> tickets = new java.util.ArrayList<>();
        try {
            addFailures(tickets);
            ForecastInputs.Snapshot after = inputs.load(bitmain, today);
            Map<String, Object> r1 = rate(after, "BITMAIN PSU");
            assertEquals(n0 + 10, ((Number) r1.get("failuresSeen")).longValue());
            // the ticket from two years ago does not count, but shows the history is kept for the whole year
            assertEquals(1.0, (double) r1.get("observedYears"), 1e-12);
            assertEquals((2 + n0 + 10) / (2 / prior + installed), (double) r1.get("failuresPerUnitYear"), 1e-12);
            // and the engine sees the same number, with its uncertainty (shape = prior weight + failures)
            int v = after.fleet().vendors().indexOf("BITMAIN");
            int k = ForecastInputs.PART_KINDS.indexOf("PSU");
            var vk = after.baseline().byVendorKind()[v * ForecastInputs.PART_KINDS.size() + k];
            assertEquals((double) r1.get("failuresPerUnitYear"), vk.failuresPerUnitYear(), 0);
            assertEquals(2 + n0 + 10, vk.failureEvents(), 0);
            assertEquals(List.of("BITMAIN"), after.fleet().vendors());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Long t : tickets) {
                    em.createNativeQuery("delete from ticket_failed_component where ticket_id = ?1").setParameter(1, t)
                            .executeUpdate();
                    em.createNativeQuery("delete from repair_ticket where id = ?1").setParameter(1, t).executeUpdate();
                }
            });
        }
    }

    /**
     * #12 item 2: a hub's repair law is fitted to its own RMA cases (received at the hub to shipped
     * back) once 20 are done; before, its master-data turnaround holds. Twenty-five cases whose times
     * are the lognormal quantiles of median 10 days and sigma 0.3 (so the lognormal's maximum
     * likelihood is median 10, sigma 0.3 x sqrt(mean of z^2), a mean of 10 x exp(sigma^2 / 2) = 10.4):
     * the engine's hub gets that law with its mean as turnaround, and the baseline panel's evidence
     * counts them. A second hub with 19 keeps its fixed 30 days and says why.
     */
    @Test
    void aHubsRepairLawIsFittedToItsOwnCasesOnceTwentyAreDone() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        String suffix = Long.toString(System.nanoTime() % 100_000);
        String fitted = "FIT" + suffix;
        String thin = "THIN" + suffix;
        double[] z = new double[25];
        double sumSq = 0;
        org.hipparchus.distribution.continuous.NormalDistribution n =
                new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
        for (int i = 0; i < 25; i++) {
            z[i] = n.inverseCumulativeProbability((i + 0.5) / 25);
            sumSq += z[i] * z[i];
        }
        double sigma = 0.3 * Math.sqrt(sumSq / 25);
        QuarkusTransaction.requiringNew().run(() -> {
            long site = ((Number) em.createNativeQuery("select min(id) from site").getSingleResult()).longValue();
            long component = ((Number) em.createNativeQuery("select min(id) from component").getSingleResult()).longValue();
            for (String code : List.of(fitted, thin)) {
                long hub = ((Number) em.createNativeQuery("""
                        insert into repair_hub (code, name, kind, country, vendors, part_kinds, capacity_per_week,
                        turnaround_days) values (?1, 'Test hub', 'ONSHORE_PARTNER', 'US', 'NOBODY', 'FAN', 100, 30)
                        returning id""").setParameter(1, code).getSingleResult()).longValue();
                int cases = code.equals(fitted) ? 25 : 19;
                for (int i = 0; i < cases; i++) {
                    java.time.Instant atHub = java.time.Instant.now().minus(java.time.Duration.ofDays(100 + i));
                    java.time.Instant back = atHub.plusSeconds(Math.round(86400 * 10 * Math.exp(0.3 * z[i])));
                    long id = ((Number) em.createNativeQuery("""
                            insert into rma_case (component_id, site_id, vendor, hub_id, state, in_warranty,
                            dead_on_arrival, opened_by, opened_at) values (?1, ?2, 'NOBODY', ?3, 'CLOSED', false, false,
                            'test', ?4) returning id""").setParameter(1, component).setParameter(2, site)
                            .setParameter(3, hub).setParameter(4, java.sql.Timestamp.from(atHub.minusSeconds(86400 * 5)))
                            .getSingleResult()).longValue();
                    for (Object[] e : new Object[][] {{"SHIPPED", "AT_HUB", atHub}, {"REPAIRED", "RETURNED", back}}) {
                        em.createNativeQuery("insert into rma_case_event (case_id, at, actor, from_state, to_state) "
                                + "values (?1, ?2, 'test', ?3, ?4)").setParameter(1, id)
                                .setParameter(2, java.sql.Timestamp.from((java.time.Instant) e[2])).setParameter(3, e[0])
                                .setParameter(4, e[1]).executeUpdate();
                    }
                }
            }
        });
        ForecastInputs.Snapshot s = inputs.load(new ForecastInputs.Filter(List.of(), List.of()), today);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> evidence = (Map<String, Map<String, Object>>) s.summary().get("hubRepair");
        assertEquals(25, evidence.get(fitted).get("repairs"));
        assertEquals(19, evidence.get(thin).get("repairs"));
        assertTrue(((String) evidence.get(thin).get("law")).contains("too few repairs"), evidence.get(thin).toString());
        var hubs = s.fleet().hubs();
        var fit = hubs.stream().filter(h -> h.code().equals(fitted)).findFirst().orElseThrow();
        var fixed = hubs.stream().filter(h -> h.code().equals(thin)).findFirst().orElseThrow();
        double mean = 10 * Math.exp(sigma * sigma / 2);
        // the fitted law in whole days (at least one): its mean within a third of a day of the continuous one
        assertEquals(mean, fit.repairLaw().mean(), 0.35, "fitted " + evidence.get(fitted));
        assertEquals(Math.round(fit.repairLaw().mean()), s.baseline().hubs().get(hubs.indexOf(fit)).turnaroundDays());
        assertTrue(fixed.repairLaw() == null);
        assertEquals(30, s.baseline().hubs().get(hubs.indexOf(fixed)).turnaroundDays());
        assertTrue(((String) evidence.get(fitted).get("law")).startsWith("lognormal, median 10.0 days, sigma "
                + String.format(java.util.Locale.ROOT, "%.2f", sigma)), evidence.get(fitted).toString());
    }

    private void addFailures(List<Long> tickets) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<?> psus = em.createNativeQuery("""
                    select c.id, c.miner_id, m.site_id from component c join miner m on m.id = c.miner_id
                    join miner_model mm on mm.id = m.model_id
                    where c.kind = 'PSU' and c.location_kind = 'INSTALLED' and mm.vendor = 'BITMAIN'
                    order by c.id desc limit 11""").getResultList();
            assertEquals(11, psus.size());
            for (int i = 0; i < psus.size(); i++) {
                Object[] p = (Object[]) psus.get(i);
                Number ticket = (Number) em.createNativeQuery("""
                        insert into repair_ticket (miner_id, site_id, state, route, symptom, prior_miner_status, opened_by,
                        opened_at, closed_at) values (?1, ?2, 'RESOLVED', 'SWAP', 'PSU dead', 'HASHING', 'test',
                        now() - cast(?3 as interval), now()) returning id""").setParameter(1, p[1]).setParameter(2, p[2])
                        .setParameter(3, i < 10 ? "40 days" : "730 days").getSingleResult();
                em.createNativeQuery("insert into ticket_failed_component (ticket_id, component_id) values (?1, ?2)")
                        .setParameter(1, ticket.longValue()).setParameter(2, p[0]).executeUpdate();
                tickets.add(ticket.longValue());
            }
        });
    }
}
