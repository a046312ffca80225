package app.rigtrail.fleet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.fleet.domain.Vendor;

/** The JSON shapes of miners and components. */
public final class FleetViews {

    private FleetViews() {
    }

    public record MinerView(Long id, String serial, String assetCode, String mac, Long modelId, String model,
            Vendor vendor, BigDecimal hashrateThs, Long siteId, String site, String position, Integer building,
            Integer row, Integer rack, Integer slot, MinerStatus status, LocalDate warrantyEnd, int version) {
        public static MinerView of(Miner m) {
            return new MinerView(m.id, m.serial, m.assetCode, m.mac, m.model.id, m.model.name, m.model.vendor,
                    m.model.hashrateThs, m.site.id, m.site.code,
                    m.position() == null ? null : m.position().toString(), m.building, m.row, m.rack,
                    m.slot, m.status, m.warrantyEnd, m.version);
        }

        public boolean underWarranty() {
            return warrantyEnd != null && !warrantyEnd.isBefore(LocalDate.now());
        }
    }

    public record MinerEventView(Instant at, String actor, MinerStatus fromStatus, MinerStatus toStatus,
            String reason) {
        public static MinerEventView of(MinerEvent e) {
            return new MinerEventView(e.at, e.actor, e.fromStatus, e.toStatus, e.reason);
        }
    }

    public record ComponentView(Long id, String serial, String partNumber, ComponentKind kind,
            LocationKind locationKind, String location, Long minerId, String minerAssetCode, Integer slotIndex,
            Long siteId, int version, String bin) {
        public static ComponentView of(Component c) {
            return new ComponentView(c.id, c.serial, c.part.partNumber, c.kind, c.locationKind, c.describeLocation(),
                    c.miner == null ? null : c.miner.id, c.miner == null ? null : c.miner.assetCode, c.slotIndex,
                    c.siteId, c.version, c.bin);
        }
    }

    public record GenealogyStep(Instant at, String actor, String fromLocation, String toLocation, Long minerId,
            String minerAssetCode, String reason) {
    }

    public record MinerDetail(MinerView miner, List<ComponentView> components, List<MinerEventView> history) {
    }

    public record ComponentDetail(ComponentView component, List<GenealogyStep> genealogy) {
    }
}
