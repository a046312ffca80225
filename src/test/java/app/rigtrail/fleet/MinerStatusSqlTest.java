package app.rigtrail.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.domain.MinerStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The availability aggregates' SQL (status_rates) counts exactly the statuses MinerStatus calls installed. */
@QuarkusTest
class MinerStatusSqlTest {

    @Inject
    EntityManager em;

    @Test
    void statusRatesAgreeWithTheDomainForEveryStatus() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (MinerStatus s : MinerStatus.values()) {
                Object[] r = (Object[]) em.createNativeQuery("select installed, hashing, nameplate, delivered from "
                        + "status_rates(?1, 3)").setParameter(1, s.name()).getSingleResult();
                assertEquals(s.installed() ? 1 : 0, ((Number) r[0]).intValue(), s + " installed");
                boolean hashing = s == MinerStatus.HASHING || s == MinerStatus.DEGRADED; // a degraded unit still hashes
                assertEquals(hashing ? 1 : 0, ((Number) r[1]).intValue(), s + " hashing");
                assertEquals(s.installed() ? 1.0 : 0.0, ((Number) r[2]).doubleValue(), s + " nameplate");
                double delivered = s == MinerStatus.HASHING ? 1.0 : s == MinerStatus.DEGRADED ? 2.0 / 3 : 0.0;
                assertEquals(delivered, ((Number) r[3]).doubleValue(), 1e-12, s + " delivered");
            }
            Object[] none = (Object[]) em.createNativeQuery("select installed, hashing from status_rates(null, 3)")
                    .getSingleResult();
            assertEquals(0, ((Number) none[0]).intValue(), "before its first status a machine is not installed");
        });
    }
}
