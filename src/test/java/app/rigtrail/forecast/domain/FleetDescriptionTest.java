package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FleetDescriptionTest {

    static FleetDescription good() {
        return new FleetDescription(
                List.of(new FleetDescription.SiteInput("TX1", Map.of("BITMAIN", 1000), Map.of("BITMAIN", 110.0),
                        Map.of("BITMAIN", Map.of("HASHBOARD", 20)), 3)),
                List.of(new FleetDescription.PartInput("BITMAIN", "HASHBOARD", 3, 0.05, 0.5, 0.3, 0.2, 0.0,
                        new FleetDescription.Law("WEIBULL", null, null, 1.5, 6.0, null, null), 0.1, 0.05, 0.01, 45)),
                List.of(new FleetDescription.HubInput("SZ", "VENDOR_HUB", List.of("BITMAIN"), List.of("HASHBOARD"), true,
                        21, 50, 10), new FleetDescription.HubInput("DAL", "ONSHORE_PARTNER", List.of("BITMAIN"),
                                List.of("HASHBOARD"), false, 3, null, 7)),
                new FleetDescription.Law("EXPONENTIAL", null, null, null, null, 14.0, null), 200, 0.1);
    }

    @Test
    void compilesToTheEnginesFleetAndBaseline() {
        FleetDescription.Compiled c = good().compile();
        assertEquals(3000, c.fleet().sockets()[0]);
        assertEquals(20, c.fleet().spares()[0]);
        assertEquals(30, c.fleet().diagnosesPerDay(0));
        assertEquals(Integer.MAX_VALUE, c.fleet().hubs().get(1).capacityPerWeek());
        // Weibull(1.5, 6): mean 6 * Gamma(1 + 1/1.5) = 5.42 days, rounded to whole days at least 1
        assertEquals(5.42, c.baseline().byVendorKind()[0].bench().mean(), 0.1);
        assertEquals(Math.exp(-1), c.baseline().holdSurvival().applyAsDouble(14), 1e-12);
    }

    @Test
    void namesEveryBadField() {
        FleetDescription d = new FleetDescription(
                List.of(new FleetDescription.SiteInput("TX1", Map.of("BITMAIN", 2_000_000), null, null, 0)),
                List.of(new FleetDescription.PartInput("BITMAIN", "HASHBOARD", 3, 7.0, 0.5, 0.3, 0.3, 0.0,
                        new FleetDescription.Law("LOGNORMAL", -1.0, 1.0, null, null, null, null), 1.5, null, null, null)),
                List.of(new FleetDescription.HubInput("SZ", "PLANE", List.of("CANAAN"), List.of("HASHBOARD"), true,
                        21, 0, 10)), null, 5000, null);
        List<String> paths = d.validate("fleet").stream().map(v -> v[0]).toList();
        for (String p : List.of("fleet.sites[0].machines.BITMAIN", "fleet.sites[0].technicians",
                "fleet.parts[0].failuresPerUnitYear", "fleet.parts[0]", "fleet.parts[0].bench.median",
                "fleet.parts[0].heldShare", "fleet.hubs[0].route", "fleet.hubs[0].vendors",
                "fleet.hubs[0].capacityPerWeek", "fleet.warmupDays")) {
            assertTrue(paths.contains(p), p + " not in " + paths);
        }
        assertTrue(good().validate("fleet").isEmpty());
    }

    /**
     * #12 item 4: a kind's own hold law, per leg, is the one its parts are held for. Two vendors send
     * every failed hashboard across the border, every outbound shipment held, none on the way back:
     * Bitmain's boards with their own outbound law (30 days fixed), MicroBT's with the fleet's (6 days
     * fixed). By Little's law each vendor's parts in customs are its outbound flow times its hold:
     * 2,000 machines x 3 boards x 0.2 a year / 365 = 3.29 a day, so 98.6 and 19.7 parts.
     */
    @Test
    void aDescribedKindsOwnHoldLawIsUsedOnItsLeg() {
        FleetDescription.Law bench = new FleetDescription.Law("FIXED", null, null, null, null, null, 3);
        FleetDescription.Law thirty = new FleetDescription.Law("FIXED", null, null, null, null, null, 30);
        FleetDescription.Law six = new FleetDescription.Law("FIXED", null, null, null, null, null, 6);
        FleetDescription d = new FleetDescription(
                List.of(new FleetDescription.SiteInput("TX1", Map.of("BITMAIN", 2000, "MICROBT", 2000), null,
                        Map.of("BITMAIN", Map.of("HASHBOARD", 2000), "MICROBT", Map.of("HASHBOARD", 2000)), null)),
                List.of(new FleetDescription.PartInput("BITMAIN", "HASHBOARD", 3, 0.2, 0.0, 1.0, 0.0, 0.0, bench, 0.0,
                        1.0, 0.0, 30, null, thirty),
                        new FleetDescription.PartInput("MICROBT", "HASHBOARD", 3, 0.2, 0.0, 1.0, 0.0, 0.0, bench, 0.0,
                                1.0, 0.0, 30)),
                List.of(new FleetDescription.HubInput("SZ", "VENDOR_HUB", List.of("BITMAIN", "MICROBT"),
                        List.of("HASHBOARD"), true, 5, null, 5)),
                six, 0, 0.0, null, null, null);
        assertTrue(d.validate("fleet").isEmpty(), () -> d.validate("fleet").toString());
        FleetDescription.Compiled c = d.compile();
        Plan plan = ScenarioResolver.compile("baseline", new ScenarioParameters(null, null, List.of(), List.of()),
                c.baseline(), c.fleet(), java.time.LocalDate.of(2027, 1, 4), 0);
        assertEquals(30, plan.before().regimes()[0].outboundHold().mean(), 1e-9);
        assertEquals(6, plan.before().regimes()[0].hold().mean(), 1e-9, "its way back keeps the fleet's law");
        assertEquals(6, plan.before().regimes()[1].outboundHold().mean(), 1e-9);
        MonteCarloForecast.Run run = Fixtures.engine(c.fleet(), 240, 0, 40, 7, 2).run(plan,
                MonteCarloForecast.Monitor.NONE);
        int st = Stage.CUSTOMS_HOLD.ordinal();
        double bitmain = 0;
        double microbt = 0;
        for (int day = 80; day < 240; day++) {
            bitmain += run.vendorStageMean()[0][st][day] / 160;
            microbt += run.vendorStageMean()[1][st][day] / 160;
        }
        double flow = 2000 * 3 * 0.2 / 365;
        assertEquals(flow * 30, bitmain, 0.06 * flow * 30, "Bitmain's boards held 30 days");
        assertEquals(flow * 6, microbt, 0.06 * flow * 6, "MicroBT's boards held the fleet's 6 days");
        FleetDescription bad = new FleetDescription(d.sites(), List.of(new FleetDescription.PartInput("BITMAIN",
                "HASHBOARD", 3, 0.2, 0.0, 1.0, 0.0, 0.0, bench, 0.0, 1.0, 0.0, 30,
                new FleetDescription.Law("WEIBULL", null, null, null, 5.0, null, null), null)), d.hubs(), six, 0, 0.0,
                null, null, new FleetDescription.Law("FIXED", null, null, null, null, null, -2));
        List<String> paths = bad.validate("fleet").stream().map(v -> v[0]).toList();
        assertTrue(paths.contains("fleet.parts[0].hold.shape") && paths.contains("fleet.holdOut.days"), paths.toString());
    }
}
