package app.rigtrail.forecast.domain;

import app.rigtrail.availability.domain.BacklogStage;

/**
 * Where a failed part (or the machine waiting for it) is on a given day. The first nine are the
 * dashboard's backlog stages ({@link BacklogStage}, which defines them; each names its own here),
 * counted the same way: an open RMA case at its part's stage, a ticket without one at its
 * machine's. The engine adds two the dashboard does not show.
 */
public enum Stage {
    /** Machines failed and waiting for a technician to diagnose them and swap the part. */
    AWAITING_DIAGNOSIS(BacklogStage.AWAITING_DIAGNOSIS),
    /** Tickets waiting for a spare whose failed part is not in the repair pipeline (scrapped or unknown). */
    AWAITING_SPARE(BacklogStage.AWAITING_SPARE),
    BENCH_REPAIR(BacklogStage.BENCH_REPAIR),
    AWAITING_RMA_SHIPMENT(BacklogStage.AWAITING_RMA_SHIPMENT),
    /** On the way to a hub. */
    IN_TRANSIT(BacklogStage.IN_TRANSIT),
    /** Held at the border, on the way out or back. */
    CUSTOMS_HOLD(BacklogStage.CUSTOMS_HOLD),
    HUB_QUEUE(BacklogStage.HUB_QUEUE),
    HUB_REPAIR(BacklogStage.HUB_REPAIR),
    /** On the way back from a hub. */
    RETURNING(BacklogStage.RETURNING),
    /** Replacements bought for scrapped or excluded parts, and open purchase orders, not yet received. */
    ON_ORDER(null),
    /** Parts gone for good: scrapped or excluded when no replacement may be ordered (cumulative). */
    LOST(null);

    private final BacklogStage backlog;

    Stage(BacklogStage backlog) {
        this.backlog = backlog;
    }

    /** The dashboard's stage this one is; null for the two the dashboard does not show. */
    public BacklogStage backlog() {
        return backlog;
    }

    /** The engine's stage for a dashboard stage. */
    public static Stage of(BacklogStage stage) {
        for (Stage s : values()) {
            if (s.backlog == stage) {
                return s;
            }
        }
        throw new IllegalArgumentException("no engine stage for " + stage);
    }
}
