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
}
