package app.rigtrail.fleet.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import app.rigtrail.fleet.domain.FleetCatalog.ModelSpec;
import app.rigtrail.fleet.domain.FleetCatalog.PartSpec;
import app.rigtrail.fleet.domain.FleetCatalog.SiteSpec;

/**
 * Draws a realistic demo fleet: miners spread over the sites, models in their market shares
 * (Bitmain majority, MicroBT and Canaan minorities), every unit with its serialized components.
 * Deterministic: the same size and seed give the same fleet.
 */
public final class FleetGenerator {

    public static final String ASSET_PREFIX = "RGT";

    /** A drawn component, installed in slot {@code slot} (from 1) of its kind. */
    public record GeneratedComponent(String serial, ComponentKind kind, int slot, String partNumber) {
    }

    public record GeneratedMiner(int index, String serial, String assetCode, String mac, int siteIndex,
            int modelIndex, RackPosition position, MinerStatus status, LocalDate warrantyEnd,
            List<GeneratedComponent> components) {
    }

    private final int size;
    private final List<SiteSpec> sites;
    private final long seed;
    private final LocalDate today;
    private final int slotsPerRack;
    private final int racksPerRow;
    private final int rowsPerBuilding;

    public FleetGenerator(int size, int siteCount, long seed, LocalDate today) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        this.size = size;
        this.sites = FleetCatalog.sites(siteCount);
        this.seed = seed;
        this.today = today;
        this.slotsPerRack = 12;
        this.racksPerRow = 20;
        this.rowsPerBuilding = 10;
    }

    public List<SiteSpec> sites() {
        return sites;
    }

    /** Buildings a site needs to hold its share of the fleet. */
    public int buildingsPerSite() {
        int perSite = (size + sites.size() - 1) / sites.size();
        int perBuilding = slotsPerRack * racksPerRow * rowsPerBuilding;
        return Math.max(1, (perSite + perBuilding - 1) / perBuilding);
    }

    public int rowsPerBuilding() {
        return rowsPerBuilding;
    }

    public int racksPerRow() {
        return racksPerRow;
    }

    public int slotsPerRack() {
        return slotsPerRack;
    }

    /** Streams the miners in index order, without holding the fleet in memory. */
    public void forEach(Consumer<GeneratedMiner> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] nextSlot = new int[sites.size()];
        for (int i = 0; i < size; i++) {
            SplittableRandom r = random.split();
            int site = i % sites.size();
            int place = nextSlot[site]++;
            RackPosition position = positionOf(place);
            int modelIndex = drawModel(r.nextDouble());
            ModelSpec model = FleetCatalog.MODELS.get(modelIndex);
            String modelPart = AssetCode.modelPart(model.name());
            String serial = vendorPrefix(model.vendor()) + modelPart + String.format("%07d", i + 1);
            String asset = new AssetCode(ASSET_PREFIX, modelPart, i + 1).toString();
            String mac = String.format("02:%02x:%02x:%02x:%02x:%02x", (i >>> 24) & 0xff, (i >>> 16) & 0xff,
                    (i >>> 8) & 0xff, i & 0xff, r.nextInt(256));
            double u = r.nextDouble();
            MinerStatus status = u < 0.93 ? MinerStatus.HASHING
                    : u < 0.95 ? MinerStatus.DEGRADED : u < 0.98 ? MinerStatus.DOWN : MinerStatus.IN_REPAIR;
            LocalDate warrantyEnd = today.minusDays(r.nextInt(540)).plusDays(model.warrantyDays());
            sink.accept(new GeneratedMiner(i, serial, asset, mac, site, modelIndex, position, status, warrantyEnd,
                    components(serial, model)));
        }
    }

    private RackPosition positionOf(int place) {
        int slot = place % slotsPerRack;
        int rack = (place / slotsPerRack) % racksPerRow;
        int row = (place / (slotsPerRack * racksPerRow)) % rowsPerBuilding;
        int building = place / (slotsPerRack * racksPerRow * rowsPerBuilding);
        return new RackPosition(building + 1, row + 1, rack + 1, slot + 1);
    }

    private static int drawModel(double u) {
        double cumulative = 0;
        for (int m = 0; m < FleetCatalog.MODELS.size(); m++) {
            cumulative += FleetCatalog.MODELS.get(m).fleetShare();
            if (u < cumulative) {
                return m;
            }
        }
        return FleetCatalog.MODELS.size() - 1;
    }

    private static List<GeneratedComponent> components(String minerSerial, ModelSpec model) {
        List<GeneratedComponent> list = new ArrayList<>(model.hashboards() + model.fans() + model.psus()
                + model.controlBoards());
        add(list, minerSerial, model, ComponentKind.HASHBOARD, model.hashboards(), "H");
        add(list, minerSerial, model, ComponentKind.FAN, model.fans(), "F");
        add(list, minerSerial, model, ComponentKind.PSU, model.psus(), "P");
        add(list, minerSerial, model, ComponentKind.CONTROL_BOARD, model.controlBoards(), "C");
        return list;
    }

    private static void add(List<GeneratedComponent> list, String minerSerial, ModelSpec model, ComponentKind kind,
            int count, String tag) {
        if (count == 0) {
            return;
        }
        String part = partFor(model, kind);
        for (int s = 1; s <= count; s++) {
            list.add(new GeneratedComponent(minerSerial + "-" + tag + s, kind, s, part));
        }
    }

    /** The catalog part of a kind that fits a model. */
    public static String partFor(ModelSpec model, ComponentKind kind) {
        for (PartSpec p : FleetCatalog.PARTS) {
            if (p.kind() == kind && p.models().contains(model.name())) {
                return p.partNumber();
            }
        }
        throw new IllegalStateException("catalog has no " + kind + " for " + model.name());
    }

    private static String vendorPrefix(Vendor vendor) {
        return switch (vendor) {
            case BITMAIN -> "BT";
            case MICROBT -> "WM";
            case CANAAN -> "AV";
            case OTHER -> "OT";
        };
    }
}
