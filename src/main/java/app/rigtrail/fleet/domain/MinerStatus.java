package app.rigtrail.fleet.domain;

import java.util.EnumSet;
import java.util.Set;

/** A miner's operating status and the moves between them. Retired is final. */
public enum MinerStatus {
    HASHING, DEGRADED, DOWN, IN_REPAIR, RETIRED;

    public Set<MinerStatus> allowedNext() {
        return switch (this) {
            case HASHING -> EnumSet.of(DEGRADED, DOWN, IN_REPAIR, RETIRED);
            case DEGRADED -> EnumSet.of(HASHING, DOWN, IN_REPAIR, RETIRED);
            case DOWN -> EnumSet.of(HASHING, DEGRADED, IN_REPAIR, RETIRED);
            case IN_REPAIR -> EnumSet.of(HASHING, DEGRADED, DOWN, RETIRED);
            case RETIRED -> EnumSet.noneOf(MinerStatus.class);
        };
    }

    public boolean canMoveTo(MinerStatus next) {
        return allowedNext().contains(next);
    }

    /** Counted as available hashrate (a degraded unit still hashes). */
    public boolean hashing() {
        return this == HASHING || this == DEGRADED;
    }
}
