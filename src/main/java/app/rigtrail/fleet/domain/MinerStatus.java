package app.rigtrail.fleet.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A miner's operating status and the moves between them. Retired is final. A machine received from a
 * machine order waits in the registry as RECEIVED, without a rack position, until it is commissioned
 * (installed at a position and hashing).
 */
public enum MinerStatus {
    HASHING, DEGRADED, DOWN, IN_REPAIR, RETIRED, RECEIVED;

    /** The statuses of machines installed at a rack position (counted in the installed base). */
    public static final Set<MinerStatus> INSTALLED = EnumSet.of(HASHING, DEGRADED, DOWN, IN_REPAIR);

    public Set<MinerStatus> allowedNext() {
        return switch (this) {
            case HASHING -> EnumSet.of(DEGRADED, DOWN, IN_REPAIR, RETIRED);
            case DEGRADED -> EnumSet.of(HASHING, DOWN, IN_REPAIR, RETIRED);
            case DOWN -> EnumSet.of(HASHING, DEGRADED, IN_REPAIR, RETIRED);
            case IN_REPAIR -> EnumSet.of(HASHING, DEGRADED, DOWN, RETIRED);
            case RETIRED -> EnumSet.noneOf(MinerStatus.class);
            case RECEIVED -> EnumSet.of(HASHING);
        };
    }

    public boolean canMoveTo(MinerStatus next) {
        return allowedNext().contains(next);
    }

    /** Installed at a rack position: part of the installed base (received and retired machines are not). */
    public boolean installed() {
        return INSTALLED.contains(this);
    }

    /** The installed statuses by name, for queries. */
    public static java.util.List<String> installedNames() {
        return INSTALLED.stream().map(Enum::name).toList();
    }

    /** The status in the users' words. */
    public String label() {
        return switch (this) {
            case HASHING -> "Hashing";
            case DEGRADED -> "Degraded";
            case DOWN -> "Down";
            case IN_REPAIR -> "In repair";
            case RETIRED -> "Retired";
            case RECEIVED -> "Received, not commissioned";
        };
    }
}
