package app.rigtrail.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import app.rigtrail.inventory.domain.SparesModels.Backorders;
import app.rigtrail.inventory.domain.SparesModels.Site;
import app.rigtrail.inventory.domain.SparesModels.TwoEchelon;

class SparesModelsTest {

    @Test
    void poissonLossFunctionTableForMean125() {
        PipelineDistribution d = PipelineDistribution.poisson(1.25);
        double[] p = {0.286505, 0.358131, 0.223832, 0.093263, 0.029145};
        double[] cdf = {0.286505, 0.644636, 0.868468, 0.961731, 0.990876};
        double[] ebo = {1.25000, 0.53650, 0.18114, 0.04961, 0.01134};
        for (int s = 0; s <= 4; s++) {
            assertEquals(p[s], d.pmf(s), 5e-7, "p(" + s + ")");
            assertEquals(cdf[s], d.cdf(s), 5e-7, "P(X<=" + s + ")");
            assertEquals(ebo[s], d.ebo(s), 5e-6, "EBO(" + s + ")");
        }
        for (int s = 0; s < 10; s++) {
            assertEquals(d.ebo(s) - (1 - d.cdf(s)), d.ebo(s + 1), 1e-12, "EBO(s+1) = EBO(s) - P(X > s)");
        }
        assertEquals(d.cdf(1), d.fillRate(2), 1e-15);
    }

    @Test
    void backorderVarianceAgainstADirectSum() {
        for (double mean : new double[] {0.3, 1.25, 4.0, 12.5}) {
            PipelineDistribution d = PipelineDistribution.poisson(mean);
            for (int s = 0; s < 15; s++) {
                double e = 0;
                double e2 = 0;
                for (int x = s + 1; x < 200; x++) {
                    e += (x - s) * d.pmf(x);
                    e2 += (double) (x - s) * (x - s) * d.pmf(x);
                }
                assertEquals(e, d.ebo(s), 1e-9);
                assertEquals(e2 - e * e, d.vbo(s), 1e-8, "VBO mean " + mean + " s " + s);
            }
        }
        assertEquals(1.25, PipelineDistribution.poisson(1.25).vbo(0), 1e-12, "VBO(0) is the variance");
    }

    @Test
    void finiteFleetClosedForm() {
        Backorders b = SparesModels.finite(10, 1, 0.5, 0.25, 0);
        assertEquals(1.11111, b.expectedBackorders(), 5e-6);
        assertEquals(10 * 0.125 / 1.125, b.expectedBackorders(), 1e-12);
        double a = SparesModels.availability(10, List.of(new double[] {b.expectedBackorders(), 1}));
        assertEquals(0.88889, a, 5e-6);
        assertEquals(1.25, SparesModels.palm(10 * 0.5, 0.25, 0).expectedBackorders(), 1e-12, "Palm alone says 1.25");
        // a large fleet converges to Palm
        Backorders big = SparesModels.finite(5000, 1, 0.5 / 500, 0.25, 2);
        assertEquals(SparesModels.palm(5, 0.25, 2).expectedBackorders(), big.expectedBackorders(), 2e-3);
    }

    @Test
    void negativeBinomialKeepsItsMoments() {
        PipelineDistribution nb = PipelineDistribution.withMoments(3.0, 7.5);
        double m = 0;
        double m2 = 0;
        double total = 0;
        for (int x = 0; x < 2000; x++) {
            double px = nb.pmf(x);
            total += px;
            m += x * px;
            m2 += (double) x * x * px;
        }
        assertEquals(1, total, 1e-9);
        assertEquals(3.0, m, 1e-9);
        assertEquals(7.5, m2 - m * m, 1e-7);
        assertEquals(3.0, nb.ebo(0), 1e-12);
        assertTrue(nb.ebo(3) > PipelineDistribution.poisson(3.0).ebo(3), "more spread, more backorders");
        assertTrue(PipelineDistribution.withMoments(3.0, 2.0).isPoisson());
    }

    @Test
    void oneSiteWithoutDepotStockIsPalmWithTheWholeTurnaround() {
        List<Site> one = List.of(new Site(23.2, 0, 0, 0.01, 2));
        TwoEchelon metric = SparesModels.metric(0.02531, 0, one, false);
        TwoEchelon vari = SparesModels.metric(0.02531, 0, one, true);
        Backorders palm = SparesModels.palm(23.2, 0.01 + 0.02531, 2);
        assertEquals(palm.expectedBackorders(), metric.sites().get(0).expectedBackorders(), 1e-12);
        assertEquals(palm.pipelineMean(), vari.sites().get(0).pipelineMean(), 1e-12);
        assertEquals(palm.pipelineMean(), vari.sites().get(0).pipelineVariance(), 1e-9, "f = 1: variance = mean");
        assertEquals(palm.expectedBackorders(), vari.sites().get(0).expectedBackorders(), 1e-9);
    }

    @Test
    void variMetricIsMoreSpreadThanMetricAndDepotStockHelps() {
        List<Site> sites = List.of(new Site(23.2, 0.2, 0.01, 0.01, 1), new Site(15.0, 0.3, 0.01, 0.02, 1),
                new Site(9.0, 0.0, 0.01, 0.015, 0));
        TwoEchelon metric = SparesModels.metric(0.05, 1, sites, false);
        TwoEchelon vari = SparesModels.metric(0.05, 1, sites, true);
        for (int j = 0; j < sites.size(); j++) {
            assertEquals(metric.sites().get(j).pipelineMean(), vari.sites().get(j).pipelineMean(), 1e-12);
            assertTrue(vari.sites().get(j).pipelineVariance() >= metric.sites().get(j).pipelineVariance() - 1e-12);
            assertTrue(vari.sites().get(j).expectedBackorders() >= metric.sites().get(j).expectedBackorders() - 1e-12,
                    "METRIC understates backorders");
        }
        assertTrue(SparesModels.metric(0.05, 3, sites, true).totalSiteBackorders() < vari.totalSiteBackorders());
        double lambda0 = 23.2 * 0.8 + 15.0 * 0.7 + 9.0;
        assertEquals(PipelineDistribution.poisson(lambda0 * 0.05).ebo(1) / lambda0, vari.depotDelayYears(), 1e-12);
    }

    @Test
    void variMetricTracksASimulationOfTheTwoEchelonSystem() {
        // one depot (stock 2, repair 0.05 y), two sites that send everything to the depot (ship 0.02 y)
        double l1 = 20;
        double l2 = 10;
        double t0 = 0.05;
        double ship = 0.02;
        int s0 = 2;
        int s1 = 1;
        TwoEchelon vari = SparesModels.metric(t0, s0, List.of(new Site(l1, 0, 0, ship, s1), new Site(l2, 0, 0, ship, s1)),
                true);
        // simulate: Poisson demands; each failed part enters depot repair (T0); a site's request is filled
        // from depot stock if any, else waits for the next depot repair completion (FIFO); then ships.
        SplittableRandom r = new SplittableRandom(1);
        double horizon = 20_000;
        double[] areaBackorders = new double[2];
        double sampleStep = 0.01;
        java.util.PriorityQueue<double[]> events = new java.util.PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        double next1 = exp(r, l1);
        double next2 = exp(r, l2);
        int depotStock = s0;
        java.util.ArrayDeque<Integer> depotQueue = new java.util.ArrayDeque<>();
        int[] siteStock = {s1, s1};
        int[] siteBackorders = {0, 0};
        double t = 0;
        double nextSample = 0;
        long samples = 0;
        while (t < horizon) {
            double tEvent = events.isEmpty() ? Double.MAX_VALUE : events.peek()[0];
            double tNext = Math.min(Math.min(next1, next2), tEvent);
            while (nextSample < tNext && nextSample < horizon) {
                areaBackorders[0] += siteBackorders[0];
                areaBackorders[1] += siteBackorders[1];
                samples++;
                nextSample += sampleStep;
            }
            t = tNext;
            if (t == next1 || t == next2) {
                int site = t == next1 ? 0 : 1;
                if (site == 0) {
                    next1 = t + exp(r, l1);
                } else {
                    next2 = t + exp(r, l2);
                }
                if (siteStock[site] > 0) {
                    siteStock[site]--;
                } else {
                    siteBackorders[site]++;
                }
                events.add(new double[] {t + t0, 0, -1}); // the failed part's depot repair
                if (depotStock > 0) {
                    depotStock--;
                    events.add(new double[] {t + ship, 1, site});
                } else {
                    depotQueue.add(site);
                }
            } else {
                double[] e = events.poll();
                if (e[1] == 0) {
                    if (depotQueue.isEmpty()) {
                        depotStock++;
                    } else {
                        events.add(new double[] {t + ship, 1, depotQueue.poll()});
                    }
                } else {
                    int site = (int) e[2];
                    if (siteBackorders[site] > 0) {
                        siteBackorders[site]--;
                    } else {
                        siteStock[site]++;
                    }
                }
            }
        }
        double sim = (areaBackorders[0] + areaBackorders[1]) / samples;
        double model = vari.totalSiteBackorders();
        assertEquals(sim, model, 0.03 * sim + 0.005, "simulated " + sim + " vs VARI-METRIC " + model);
    }

    static double exp(SplittableRandom r, double rate) {
        return -Math.log(1 - r.nextDouble()) / rate;
    }

    @Test
    void marginalAnalysisBuysTheBestUnitPerDollarFirst() {
        List<SparesModels.PlanPart> parts = List.of(new SparesModels.PlanPart("PSU", "TX1", 500, 1, 40, 0.1, 25_000),
                new SparesModels.PlanPart("Hashboard", "TX1", 500, 3, 120, 0.1, 80_000),
                new SparesModels.PlanPart("Fan", "TX1", 500, 4, 60, 0.05, 2_500));
        var curve = SparesModels.marginalAnalysis(parts, 5_000_000);
        assertTrue(curve.size() > 10);
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).availability() >= curve.get(i - 1).availability() - 1e-12, "more spend, more availability");
            assertTrue(curve.get(i).spendCents() > curve.get(i - 1).spendCents());
        }
        assertEquals(1, curve.get(1).stock()[2], "the cheap fan buys the most per dollar first");
        assertTrue(curve.get(curve.size() - 1).spendCents() <= 5_000_000);
        // one location: the availability is the formula of models.md for its stock
        var last = curve.get(curve.size() - 1);
        double expected = SparesModels.availability(500, List.of(
                new double[] {PipelineDistribution.poisson(4).ebo(last.stock()[0]), 1},
                new double[] {PipelineDistribution.poisson(12).ebo(last.stock()[1]), 3},
                new double[] {PipelineDistribution.poisson(3).ebo(last.stock()[2]), 4}));
        assertEquals(expected, last.availability(), 1e-12);
    }

    @Test
    void twoLocationsAreWeightedByTheirMachines() {
        List<SparesModels.PlanPart> parts = List.of(new SparesModels.PlanPart("PSU", "A", 300, 1, 30, 0.1, 25_000),
                new SparesModels.PlanPart("PSU", "B", 100, 1, 10, 0.1, 25_000));
        int[] none = {0, 0};
        double a = Math.pow(1 - 3.0 / 300, 1);
        double b = Math.pow(1 - 1.0 / 100, 1);
        assertEquals((300 * a + 100 * b) / 400, SparesModels.planAvailability(parts, none), 1e-12);
        var curve = SparesModels.marginalAnalysis(parts, 25_000);
        assertEquals(1, curve.get(1).stock()[0], "the busier site's spare cuts more backorders per dollar");
    }
}
