package app.rigtrail.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReorderPolicyTest {

    @Test
    void fixedLeadTimeIsPoissonLeadTimeDemand() {
        // 36.5 a year over 40 days: lead-time demand Poisson(4)
        ReorderPolicy p = ReorderPolicy.compute(36.5, 40, 0, 0, 0, 0.95);
        PipelineDistribution d = PipelineDistribution.poisson(4.0);
        assertTrue(1 - d.ebo(p.orderUpTo()) / 4.0 >= 0.95);
        assertTrue(1 - d.ebo(p.orderUpTo() - 1) / 4.0 < 0.95, "the smallest such level");
        assertEquals(3, p.batch(), "a month of demand");
        assertEquals(p.orderUpTo() - 3, p.reorderPoint());
        assertEquals(p.orderUpTo() - 2, p.suggestedOrder(2));
        assertEquals(0, p.suggestedOrder(p.reorderPoint() + 1));
    }

    @Test
    void longerOrMoreVariableCustomsDwellRaisesTheLevels() {
        ReorderPolicy calm = ReorderPolicy.compute(50, 42, 0.2, 5, 50, 0.95);
        ReorderPolicy fcc = ReorderPolicy.compute(50, 42, 0.2, 60, 60 * 60 * 1.5, 0.95);
        ReorderPolicy everything = ReorderPolicy.compute(50, 42, 0.9, 60, 60 * 60 * 1.5, 0.95);
        assertEquals(42 + 0.2 * 5, calm.leadTimeMeanDays(), 1e-12);
        assertTrue(fcc.orderUpTo() > calm.orderUpTo());
        assertTrue(everything.orderUpTo() > fcc.orderUpTo());
        assertEquals(0.2 * 3600 * 1.5 - Math.pow(0.2 * 60, 2), fcc.leadTimeVarianceDays2(), 1e-9);
        // a rare but very long hold: the chance of no demand at all grows, yet the share of units served falls
        ReorderPolicy rareLong = ReorderPolicy.compute(0.4, 42, 0.9, 400, 400 * 400 * 20.0, 0.95);
        ReorderPolicy none = ReorderPolicy.compute(0.4, 42, 0, 0, 0, 0.95);
        assertTrue(rareLong.orderUpTo() > none.orderUpTo(), rareLong + " vs " + none);
        assertEquals(0, ReorderPolicy.compute(0, 42, 0, 0, 0, 0.95).orderUpTo(), "no demand, no stock");
    }

    /** The one-pass search finds the same level as the definition, summed afresh for each level. */
    @Test
    void theOnePassSearchAgreesWithTheDefinition() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(6);
        for (int i = 0; i < 200; i++) {
            double demand = 0.5 + r.nextDouble() * 400;
            double pHold = r.nextDouble();
            double dwell = r.nextDouble() * 90;
            ReorderPolicy p = ReorderPolicy.compute(demand, 14 + r.nextInt(60), pHold, dwell,
                    dwell * dwell * (1 + r.nextDouble() * 3), 0.95);
            double perDay = demand / 365;
            double mean = perDay * p.leadTimeMeanDays();
            PipelineDistribution d = PipelineDistribution.withMoments(mean, mean + perDay * perDay
                    * p.leadTimeVarianceDays2());
            assertTrue(1 - d.ebo(p.orderUpTo()) / mean >= 0.95 - 1e-9, p.toString());
            if (p.orderUpTo() > 0) {
                assertTrue(1 - d.ebo(p.orderUpTo() - 1) / mean < 0.95 + 1e-9, p.toString());
            }
        }
    }
}
