package app.rigtrail.repair.domain;

import java.util.Collection;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.MinerStatus;

/**
 * What failed parts do to a machine (#13 item 3): it goes down, unless only parts it can run without
 * failed (fans, or hashboards of a model that runs on the rest), when it is degraded. A ticket moves
 * the machine only to a worse status than it has.
 */
public final class FailureImpact {

    private FailureImpact() {
    }

    /** The status a machine is in with these parts failed. */
    public static MinerStatus of(boolean hashboardDegrades, Collection<ComponentKind> failed) {
        boolean down = failed.stream().anyMatch(k -> k == ComponentKind.PSU || k == ComponentKind.CONTROL_BOARD
                || (k == ComponentKind.HASHBOARD && !hashboardDegrades));
        return down ? MinerStatus.DOWN : MinerStatus.DEGRADED;
    }

    /** How bad a status is: hashing, degraded, down, in repair, then out of service. */
    public static int severity(MinerStatus s) {
        return switch (s) {
            case HASHING -> 0;
            case DEGRADED -> 1;
            case DOWN -> 2;
            case IN_REPAIR -> 3;
            case RETIRED, RECEIVED -> 4;
        };
    }

    /** Whether {@code impact} is worse than the machine's {@code status} (then the ticket moves it). */
    public static boolean worse(MinerStatus impact, MinerStatus status) {
        return severity(impact) > severity(status);
    }
}
