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
