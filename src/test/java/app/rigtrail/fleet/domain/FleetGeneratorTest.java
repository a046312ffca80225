package app.rigtrail.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.domain.FleetGenerator.GeneratedMiner;

class FleetGeneratorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    static List<GeneratedMiner> draw(int size, int sites, long seed) {
        List<GeneratedMiner> out = new ArrayList<>();
        new FleetGenerator(size, sites, seed, TODAY).forEach(out::add);
        return out;
    }

    @Test
    void sameSeedSameFleet() {
        assertEquals(draw(500, 7, 1), draw(500, 7, 1));
        assertTrue(!draw(500, 7, 1).equals(draw(500, 7, 2)));
    }

    @Test
    void everyMinerHasTheComponentsItsModelHolds() {
        for (GeneratedMiner m : draw(300, 7, 3)) {
            FleetCatalog.ModelSpec model = FleetCatalog.MODELS.get(m.modelIndex());
            assertEquals(model.hashboards() + model.fans() + model.psus() + model.controlBoards(),
                    m.components().size(), m.serial());
        }
    }

    @Test
    void serialsAssetCodesAndPositionsAreUnique() {
        List<GeneratedMiner> fleet = draw(20_000, 20, 4);
        Set<String> serials = new HashSet<>();
        Set<String> assets = new HashSet<>();
        Set<String> places = new HashSet<>();
        Set<String> components = new HashSet<>();
        for (GeneratedMiner m : fleet) {
            assertTrue(serials.add(m.serial()));
            assertTrue(assets.add(m.assetCode()));
            assertTrue(places.add(m.siteIndex() + ":" + m.position()));
            m.components().forEach(c -> assertTrue(components.add(c.serial())));
            assertTrue(AssetCode.isValid(m.assetCode()), m.assetCode());
        }
    }

    @Test
    void bitmainIsTheMajorityWithMicroBtAndCanaanMinorities() {
        List<GeneratedMiner> fleet = draw(20_000, 7, 5);
        double[] share = new double[Vendor.values().length];
        for (GeneratedMiner m : fleet) {
            share[FleetCatalog.MODELS.get(m.modelIndex()).vendor().ordinal()] += 1.0 / fleet.size();
        }
        assertEquals(0.80, share[Vendor.BITMAIN.ordinal()], 0.015);
        assertEquals(0.13, share[Vendor.MICROBT.ordinal()], 0.015);
        assertEquals(0.07, share[Vendor.CANAAN.ordinal()], 0.01);
    }

    @Test
    void sitesAreTheNamedOnesThenMoreInTheSameRegions() {
        List<FleetCatalog.SiteSpec> sites = FleetCatalog.sites(20);
        assertEquals(20, sites.size());
        assertEquals(List.of("TX1", "TX2", "ND1", "OK1", "AR1", "NY1", "AB1"),
                sites.subList(0, 7).stream().map(FleetCatalog.SiteSpec::code).toList());
        assertEquals(20, sites.stream().map(FleetCatalog.SiteSpec::code).distinct().count());
        assertTrue(sites.stream().allMatch(s -> Set.of("TX", "ND", "OK", "AR", "NY", "AB").contains(s.region())));
    }
}
