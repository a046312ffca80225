package app.rigtrail.fleet;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.Vendor;

/** The JSON shapes of master data, as the API returns them. */
public final class MasterDataViews {

    private MasterDataViews() {
    }

    public record SiteView(Long id, String code, String name, String region, String country, String timeZone,
            int buildings, int rowsPerBuilding, int racksPerRow, int slotsPerRack, boolean sensitive,
            String sensitiveNote, int version) {
        public static SiteView of(Site s) {
            return new SiteView(s.id, s.code, s.name, s.region, s.country, s.timeZone, s.buildings, s.rowsPerBuilding,
                    s.racksPerRow, s.slotsPerRack, s.sensitive, s.sensitiveNote, s.version);
        }
    }

    public record ModelView(Long id, Vendor vendor, String name, BigDecimal hashrateThs, int powerWatts,
            int hashboards, int fans, int psus, int controlBoards, boolean hashboardDegrades, int warrantyDays,
            int version) {
        public static ModelView of(MinerModel m) {
            return new ModelView(m.id, m.vendor, m.name, m.hashrateThs, m.powerWatts, m.hashboards, m.fans, m.psus,
                    m.controlBoards, m.hashboardDegrades, m.warrantyDays, m.version);
        }

        /** Joules per terahash, the efficiency figure operators compare. */
        public BigDecimal joulesPerTh() {
            return BigDecimal.valueOf(powerWatts).divide(hashrateThs, 1, java.math.RoundingMode.HALF_UP);
        }
    }

    public record PartView(Long id, String partNumber, ComponentKind kind, String description, Vendor vendor,
            long unitCostCents, boolean serialized, List<Long> compatibleModelIds, List<String> compatibleModels,
            int version) {
        public static PartView of(Part p) {
            return new PartView(p.id, p.partNumber, p.kind, p.description, p.vendor, p.unitCostCents, p.serialized,
                    p.compatibleModels.stream().map(m -> m.id).toList(),
                    p.compatibleModels.stream().map(m -> m.name).toList(), p.version);
        }

        /** The unit cost in dollars, for display. */
        public String unitCost() {
            return BigDecimal.valueOf(unitCostCents, 2).toPlainString();
        }
    }

    public record HubView(Long id, String code, String name, String kind, String country, String region,
            List<String> vendors, List<String> partKinds, int capacityPerWeek, int turnaroundDays, int version,
            Integer servers) {
        public static HubView of(RepairHub h) {
            return new HubView(h.id, h.code, h.name, h.kind, h.country, h.region, split(h.vendors), split(h.partKinds),
                    h.capacityPerWeek, h.turnaroundDays, h.version, h.servers);
        }
    }

    public record PortView(Long id, String code, String name, String country, int version) {
        public static PortView of(Port p) {
            return new PortView(p.id, p.code, p.name, p.country, p.version);
        }
    }

    static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }
}
