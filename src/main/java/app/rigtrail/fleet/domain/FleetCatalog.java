package app.rigtrail.fleet.domain;

import java.util.List;

/**
 * The master data of a demo fleet: the sites, models, parts, hubs and ports of domain.md. Pure
 * values; {@link FleetGenerator} draws the miners and their components against it.
 */
public final class FleetCatalog {

    private FleetCatalog() {
    }

    public record SiteSpec(String code, String name, String region, String country, String timeZone,
            boolean sensitive, String sensitiveNote) {
    }

    public record ModelSpec(Vendor vendor, String name, double hashrateThs, int powerWatts, int hashboards,
            int fans, int psus, int controlBoards, boolean hashboardDegrades, int warrantyDays, double fleetShare) {
    }

    public record PartSpec(String partNumber, ComponentKind kind, String description, Vendor vendor,
            long unitCostCents, boolean serialized, List<String> models) {
    }

    public record HubSpec(String code, String name, String kind, String country, String region, String vendors,
            String partKinds, int capacityPerWeek, int turnaroundDays) {
    }

    public record PortSpec(String code, String name, String country) {
    }

    private static final List<SiteSpec> BASE_SITES = List.of(
            new SiteSpec("TX1", "Rockdale, Texas", "TX", "US", "America/Chicago", false, null),
            new SiteSpec("TX2", "Corsicana, Texas", "TX", "US", "America/Chicago", true,
                    "Shares a fence line with a 345 kV grid substation"),
            new SiteSpec("ND1", "Jamestown, North Dakota", "ND", "US", "America/Chicago", true,
                    "Within 15 km of a military installation"),
            new SiteSpec("OK1", "Muskogee, Oklahoma", "OK", "US", "America/Chicago", false, null),
            new SiteSpec("AR1", "Greenwood, Arkansas", "AR", "US", "America/Chicago", false, null),
            new SiteSpec("NY1", "Massena, New York", "NY", "US", "America/New_York", false, null),
            new SiteSpec("AB1", "Medicine Hat, Alberta", "AB", "CA", "America/Edmonton", false, null));

    private static final List<String[]> EXTRA_PLACES = List.of(
            new String[] {"TX", "US", "America/Chicago", "Texas"},
            new String[] {"ND", "US", "America/Chicago", "North Dakota"},
            new String[] {"OK", "US", "America/Chicago", "Oklahoma"},
            new String[] {"AR", "US", "America/Chicago", "Arkansas"},
            new String[] {"NY", "US", "America/New_York", "New York"},
            new String[] {"AB", "CA", "America/Edmonton", "Alberta"});

    /** The seven named sites, then more in the same states and province up to {@code count}. */
    public static List<SiteSpec> sites(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a fleet needs at least one site");
        }
        List<SiteSpec> sites = new java.util.ArrayList<>(BASE_SITES.subList(0, Math.min(count, BASE_SITES.size())));
        for (int i = BASE_SITES.size(); i < count; i++) {
            String[] place = EXTRA_PLACES.get(i % EXTRA_PLACES.size());
            int n = 2 + i / EXTRA_PLACES.size();
            sites.add(new SiteSpec(place[0] + n, place[3] + " site " + n, place[0], place[1], place[2], false, null));
        }
        return sites;
    }

    public static final List<ModelSpec> MODELS = List.of(
            new ModelSpec(Vendor.BITMAIN, "S19", 95, 3250, 3, 4, 1, 1, true, 365, 0.16),
            new ModelSpec(Vendor.BITMAIN, "S19 XP", 140, 3010, 3, 4, 1, 1, false, 365, 0.14),
            new ModelSpec(Vendor.BITMAIN, "S21", 200, 3500, 3, 4, 1, 1, true, 365, 0.26),
            new ModelSpec(Vendor.BITMAIN, "S21 Pro", 234, 3510, 3, 4, 1, 1, true, 365, 0.14),
            new ModelSpec(Vendor.BITMAIN, "T21", 190, 3610, 3, 4, 1, 1, true, 365, 0.10),
            new ModelSpec(Vendor.MICROBT, "Whatsminer M60S", 186, 3441, 3, 2, 0, 1, true, 180, 0.13),
            new ModelSpec(Vendor.CANAAN, "Avalon A1466", 150, 3230, 3, 2, 1, 1, true, 180, 0.07));

    public static final List<PartSpec> PARTS = List.of(
            new PartSpec("BM-HB-S19", ComponentKind.HASHBOARD, "Hashboard, S19 (BM1398)", Vendor.BITMAIN, 42_000, true, List.of("S19")),
            new PartSpec("BM-HB-S19XP", ComponentKind.HASHBOARD, "Hashboard, S19 XP (BM1366)", Vendor.BITMAIN, 61_000, true, List.of("S19 XP")),
            new PartSpec("BM-HB-S21", ComponentKind.HASHBOARD, "Hashboard, S21 (BM1368)", Vendor.BITMAIN, 78_000, true, List.of("S21")),
            new PartSpec("BM-HB-S21PRO", ComponentKind.HASHBOARD, "Hashboard, S21 Pro (BM1370)", Vendor.BITMAIN, 89_000, true, List.of("S21 Pro")),
            new PartSpec("BM-HB-T21", ComponentKind.HASHBOARD, "Hashboard, T21", Vendor.BITMAIN, 70_000, true, List.of("T21")),
            new PartSpec("BM-FAN-14038", ComponentKind.FAN, "Fan 140x38 mm, 12 V", Vendor.BITMAIN, 2_500, false,
                    List.of("S19", "S19 XP", "S21", "S21 Pro", "T21")),
            new PartSpec("BM-APW12", ComponentKind.PSU, "PSU APW12", Vendor.BITMAIN, 19_000, true, List.of("S19", "S19 XP")),
            new PartSpec("BM-APW17", ComponentKind.PSU, "PSU APW17", Vendor.BITMAIN, 24_000, true, List.of("S21", "S21 Pro", "T21")),
            new PartSpec("BM-CB-XIL", ComponentKind.CONTROL_BOARD, "Control board (Xilinx)", Vendor.BITMAIN, 9_500, true, List.of("S19", "S19 XP")),
            new PartSpec("BM-CB-AML", ComponentKind.CONTROL_BOARD, "Control board (Amlogic)", Vendor.BITMAIN, 11_000, true,
                    List.of("S21", "S21 Pro", "T21")),
            new PartSpec("MB-HB-M60S", ComponentKind.HASHBOARD, "Hashboard, Whatsminer M60S", Vendor.MICROBT, 72_000, true, List.of("Whatsminer M60S")),
            new PartSpec("MB-FAN-M60", ComponentKind.FAN, "Fan, Whatsminer M60 series", Vendor.MICROBT, 3_000, false, List.of("Whatsminer M60S")),
            new PartSpec("MB-CB-H6", ComponentKind.CONTROL_BOARD, "Control board H6", Vendor.MICROBT, 10_000, true, List.of("Whatsminer M60S")),
            new PartSpec("CA-HB-A1466", ComponentKind.HASHBOARD, "Hashboard, Avalon A1466", Vendor.CANAAN, 55_000, true, List.of("Avalon A1466")),
            new PartSpec("CA-FAN-A14", ComponentKind.FAN, "Fan, Avalon A14 series", Vendor.CANAAN, 2_800, false, List.of("Avalon A1466")),
            new PartSpec("CA-PSU-A14", ComponentKind.PSU, "PSU, Avalon A14 series", Vendor.CANAAN, 21_000, true, List.of("Avalon A1466")),
            new PartSpec("CA-CB-A14", ComponentKind.CONTROL_BOARD, "Control board, Avalon A14", Vendor.CANAAN, 9_000, true, List.of("Avalon A1466")));

    public static final List<HubSpec> HUBS = List.of(
            new HubSpec("BM-SZ", "Bitmain repair centre, Shenzhen", "VENDOR_AUTHORIZED", "CN", "Guangdong", "BITMAIN",
                    "HASHBOARD,PSU,CONTROL_BOARD", 400, 28),
            new HubSpec("BM-HOU", "Bitmain service centre, Houston", "VENDOR_AUTHORIZED", "US", "TX", "BITMAIN",
                    "HASHBOARD,PSU,CONTROL_BOARD", 250, 21),
            new HubSpec("MB-MY", "MicroBT repair centre, Kuala Lumpur", "VENDOR_AUTHORIZED", "MY", "Kuala Lumpur", "MICROBT",
                    "HASHBOARD,CONTROL_BOARD", 150, 30),
            new HubSpec("CA-SG", "Canaan service centre, Singapore", "VENDOR_AUTHORIZED", "SG", null, "CANAAN",
                    "HASHBOARD,PSU,CONTROL_BOARD", 80, 30),
            new HubSpec("OP-GA", "Onshore repair partner, Atlanta", "ONSHORE_PARTNER", "US", "GA", "BITMAIN,MICROBT,CANAAN",
                    "HASHBOARD,PSU,CONTROL_BOARD", 60, 14),
            new HubSpec("OP-TX", "Onshore repair partner, Dallas", "ONSHORE_PARTNER", "US", "TX", "BITMAIN,MICROBT",
                    "HASHBOARD,PSU", 40, 12),
            new HubSpec("BENCH-TX1", "In-house bench, Rockdale", "IN_HOUSE_BENCH", "US", "TX", "BITMAIN,MICROBT,CANAAN",
                    "HASHBOARD,FAN,PSU,CONTROL_BOARD", 70, 5));

    public static final List<PortSpec> PORTS = List.of(
            new PortSpec("HOU", "Houston", "US"),
            new PortSpec("LAX", "Los Angeles / Long Beach", "US"),
            new PortSpec("SFO", "San Francisco", "US"),
            new PortSpec("DET", "Detroit", "US"),
            new PortSpec("YVR", "Vancouver", "CA"));
}
