package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.PipelineSimulation.Part;
import app.rigtrail.forecast.domain.PipelineSimulation.Policy;
import app.rigtrail.forecast.domain.PipelineSimulation.Result;
import app.rigtrail.inventory.domain.PipelineDistribution;

class PipelineSimulationTest {

    /** Where Palm's assumptions hold, the simulation agrees with the exact transient within its interval. */
    @Test
    void agreesWithTheMtGInfTransientOnSeveralParameterSets() {
        record Case(int machines, Part part, Policy policy) {
        }
        List<Case> cases = List.of(
                new Case(2000, new Part("hashboard", 0.05, 3, 28, 0.4, 2), Policy.unchanged("fades")),
                new Case(40, new Part("psu", 0.1, 1, 10, 0.8, 0), Policy.unchanged("small fleet")),
                new Case(5000, new Part("fan", 0.08, 4, 5, 0.3, 20), new Policy("entity list", 30, 3.0)));
        int days = 120;
        int reps = 1500;
        for (Case c : cases) {
            Result sim = PipelineSimulation.run(new int[] {c.machines()}, List.of(c.part()), c.policy(), days, reps, 7);
            double perDay = c.part().failuresPerUnitYear() * c.machines() * c.part().unitsPerMachine() / 365.0;
            double[] m = PipelineTransient.meanInRepair(perDay, c.part().turnaroundMedianDays(),
                    c.part().turnaroundSigma(), c.policy().shockDay(), c.policy().turnaroundScale(), days);
            for (int d = 9; d < days; d += 15) {
                PipelineDistribution x = PipelineDistribution.poisson(m[d]);
                double ebo = x.ebo(c.part().sparesPerSite());
                double seBackorders = Math.sqrt(x.vbo(c.part().sparesPerSite()) / reps);
                double sePipeline = Math.sqrt(m[d] / reps);
                assertEquals(m[d], sim.pipelineMean()[d], 3.5 * sePipeline + 1e-9, c + " pipeline day " + d);
                assertEquals(ebo, sim.backordersMean()[d], 3.5 * seBackorders + 1e-9, c + " backorders day " + d);
            }
        }
    }

    @Test
    void identicalPoliciesUnderCommonRandomNumbersDifferByExactlyZero() {
        List<Part> parts = List.of(new Part("hashboard", 0.06, 3, 25, 0.5, 1), new Part("psu", 0.04, 1, 15, 0.5, 1));
        int[] sites = {300, 120, 80};
        Result a = PipelineSimulation.run(sites, parts, new Policy("a", 20, 2.0), 90, 200, 42);
        Result b = PipelineSimulation.run(sites, parts, new Policy("b", 20, 2.0), 90, 200, 42);
        for (int r = 0; r < 200; r++) {
            assertEquals(0.0, a.downDaysPerReplication()[r] - b.downDaysPerReplication()[r]);
        }
        assertArrayEquals(a.backordersMean(), b.backordersMean());
    }

    @Test
    void theSameSeedGivesTheSameNumbersBitForBit() {
        List<Part> parts = List.of(new Part("hashboard", 0.06, 3, 25, 0.5, 1));
        Result a = PipelineSimulation.run(new int[] {500}, parts, Policy.unchanged("x"), 60, 100, 1234);
        Result b = PipelineSimulation.run(new int[] {500}, parts, Policy.unchanged("x"), 60, 100, 1234);
        Result c = PipelineSimulation.run(new int[] {500}, parts, Policy.unchanged("x"), 60, 100, 1235);
        assertArrayEquals(a.backordersMean(), b.backordersMean());
        assertArrayEquals(a.backordersP90(), b.backordersP90());
        assertArrayEquals(a.downDaysPerReplication(), b.downDaysPerReplication());
        assertFalse(Arrays.equals(a.downDaysPerReplication(), c.downDaysPerReplication()));
        assertEquals(1234, a.seed());
    }

    @Test
    void aLongerTurnaroundAfterTheShockNeverHelpsInAnyPairedReplication() {
        List<Part> parts = List.of(new Part("hashboard", 0.06, 3, 25, 0.5, 2));
        Result fades = PipelineSimulation.run(new int[] {800, 200}, parts, Policy.unchanged("fades"), 180, 300, 9);
        Result listed = PipelineSimulation.run(new int[] {800, 200}, parts, new Policy("entity list", 60, 2.5), 180, 300, 9);
        double sum = 0;
        double sum2 = 0;
        for (int r = 0; r < 300; r++) {
            double diff = listed.downDaysPerReplication()[r] - fades.downDaysPerReplication()[r];
            assertTrue(diff >= 0, "replication " + r);
            sum += diff;
            sum2 += diff * diff;
        }
        double mean = sum / 300;
        double sd = Math.sqrt(sum2 / 300 - mean * mean);
        assertTrue(mean - 1.96 * sd / Math.sqrt(300) > 0, "the paired difference is significant: " + mean + " +- " + sd);
        for (int d = 0; d < 60; d++) {
            assertEquals(fades.backordersMean()[d], listed.backordersMean()[d], 1e-12, "before the shock, day " + d);
        }
        assertTrue(listed.backordersP90()[179] >= listed.backordersP50()[179]);
        assertTrue(listed.backordersP50()[179] >= listed.backordersP10()[179]);
    }
}
