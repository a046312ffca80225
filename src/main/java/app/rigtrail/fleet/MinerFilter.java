package app.rigtrail.fleet;

import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.fleet.domain.Vendor;

/** The filters of a miner list or export; null means "any". */
public record MinerFilter(String q, Long siteId, MinerStatus status, Long modelId, Vendor vendor) {
    public static MinerFilter none() {
        return new MinerFilter(null, null, null, null, null);
    }
}
